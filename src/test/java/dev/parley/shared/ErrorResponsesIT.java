package dev.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input always gets a problem+json 4xx with a stable code that says what is wrong, never a 500. */
@ParleyIntegrationTest
class ErrorResponsesIT {

    @LocalServerPort
    int port;

    Api api;
    TenantSetup acme;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        acme = new Fixtures(api).tenant("errors");
        admin = acme.admin().accessToken();
    }

    @Test
    void missingAndInvalidFieldsAre400WithFieldErrors() {
        Response response = api.post("/api/v1/users/invitations", admin, Map.of("email", "not-an-email"));

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.body().path("errors").toString()).contains("\"email\"").contains("\"role\"");
    }

    @Test
    void malformedJsonIs400() {
        Response response = api.raw("POST", "/api/v1/users/invitations", admin, "application/json", "{\"email\": ");

        assertProblem(response, 400, "MALFORMED_JSON");
    }

    @Test
    void aWrongTypeIs400NamingTheField() {
        Response response = api.raw("POST", "/api/v1/auth/switch-tenant", admin, "application/json",
                "{\"tenantId\": 42}");
        Response notUuid = api.raw("POST", "/api/v1/auth/switch-tenant", admin, "application/json",
                "{\"tenantId\": \"not-a-uuid\"}");

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertProblem(notUuid, 400, "VALIDATION_FAILED");
        assertThat(notUuid.body().path("errors").get(0).path("field").asText()).isEqualTo("tenantId");
    }

    @Test
    void anUnknownEnumValueIs400ListingTheAllowedValues() {
        Response response = api.post("/api/v1/users/invitations", admin,
                Map.of("email", "x@errors.test", "role", "EMPEROR"));

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.text("detail")).contains("role").contains("TENANT_ADMIN, ADMIN_OPERATOR, OPERATOR");
    }

    @Test
    void anUnknownFieldIs400() {
        Response response = api.post("/api/v1/users/invitations", admin,
                Map.of("email", "x@errors.test", "role", "OPERATOR", "isAdmin", true));

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.text("detail")).contains("isAdmin");
    }

    @Test
    void aBadPathIdIs400AndAnUnknownRouteIs404() {
        assertProblem(api.get("/api/v1/users/not-a-uuid", admin), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/v1/nothing-here", admin), 404, "NOT_FOUND");
    }

    @Test
    void aWrongMethodIs405() {
        assertProblem(api.raw("PUT", "/api/v1/auth/login", null, "application/json", "{}"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void aWrongContentTypeIs415() {
        Response response = api.raw("POST", "/api/v1/auth/login", null, "text/plain", "email=a&password=b");

        assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void anOversizedBodyIs413WhetherDeclaredOrStreamed() {
        String big = "{\"email\":\"" + "a".repeat(2 * 1024 * 1024) + "\",\"password\":\"x\"}";

        Response declared = api.raw("POST", "/api/v1/auth/login", null, "application/json", big);
        Response streamed = api.send(api.request("/api/v1/auth/login", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new java.io.ByteArrayInputStream(big.getBytes())))
                .build());

        assertProblem(declared, 413, "PAYLOAD_TOO_LARGE");
        assertProblem(streamed, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBadCursorOrLimitIs400() {
        assertProblem(api.get("/api/v1/users?cursor=bad!", admin), 400, "INVALID_CURSOR");
        assertProblem(api.get("/api/v1/users?limit=100000", admin), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/v1/users?limit=abc", admin), 400, "VALIDATION_FAILED");
    }

    @Test
    void anEmptyBodyIs400() {
        assertProblem(api.raw("POST", "/api/v1/auth/login", null, "application/json", ""), 400, "UNREADABLE_BODY");
        assertProblem(api.raw("POST", "/api/v1/auth/login", null, "application/json", "[]"), 400, "VALIDATION_FAILED");
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
        assertThat(response.text("detail")).isNotBlank();
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("at dev.parley");
    }
}
