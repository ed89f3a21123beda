package dev.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** Tenant A's token reaches nothing of tenant B: B's objects answer 404 and lists never show them. */
@ParleyIntegrationTest
class TenantIsolationIT {

    @LocalServerPort
    int port;

    Api api;
    TenantSetup a;
    TenantSetup b;
    Session bOperator;
    UUID bInvitation;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(api);
        a = fixtures.tenant("iso-a");
        b = fixtures.tenant("iso-b");
        bOperator = fixtures.member(b, "OPERATOR");
        bInvitation = UUID.fromString(api.post("/api/v1/users/invitations", b.admin().accessToken(),
                Map.of("email", "pending@" + b.slug() + ".test", "role", "OPERATOR")).text("id"));
    }

    @Test
    void everyTenantScopedEndpointAnswers404ForAnotherTenantsIds() {
        String token = a.admin().accessToken();
        String other = "/api/v1/users/" + bOperator.userId();

        assertNotFound(api.get(other, token));
        assertNotFound(api.patch(other, token, Map.of("role", "TENANT_ADMIN")));
        assertNotFound(api.post(other + "/deactivate", token, null));
        assertNotFound(api.post(other + "/reactivate", token, null));
        assertNotFound(api.get("/api/v1/users/" + b.admin().userId(), token));
        assertNotFound(api.delete("/api/v1/users/invitations/" + bInvitation, token));
    }

    @Test
    void anotherTenantsObjectsAreUntouchedAfterTheAttempts() {
        String token = a.admin().accessToken();
        api.patch("/api/v1/users/" + bOperator.userId(), token, Map.of("role", "TENANT_ADMIN"));
        api.post("/api/v1/users/" + bOperator.userId() + "/deactivate", token, null);

        Response seenByB = api.get("/api/v1/users/" + bOperator.userId(), b.admin().accessToken());

        assertThat(seenByB.text("role")).isEqualTo("OPERATOR");
        assertThat(seenByB.text("status")).isEqualTo("ACTIVE");
        assertThat(api.get("/api/v1/me", bOperator.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void listsNeverShowAnotherTenantsRows() {
        String token = a.admin().accessToken();

        Response users = api.get("/api/v1/users?limit=200", token);
        Response invitations = api.get("/api/v1/users/invitations", token);
        Response audit = api.get("/api/v1/audit?limit=200", token);
        Response search = api.get("/api/v1/users?q=" + b.slug(), token);

        assertThat(users.raw()).contains(a.admin().email()).doesNotContain(b.slug());
        assertThat(invitations.raw()).doesNotContain(b.slug());
        assertThat(audit.body().path("items")).isNotEmpty();
        audit.body().path("items").forEach(entry ->
                assertThat(entry.path("tenantId").asText()).isEqualTo(a.id().toString()));
        assertThat(search.body().path("items")).isEmpty();
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
