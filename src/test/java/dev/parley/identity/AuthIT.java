package dev.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

@ParleyIntegrationTest
class AuthIT {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
    }

    @Test
    void loginReturnsTokensTheCurrentTenantAndTheTenantsOfTheUser() {
        TenantSetup acme = fixtures.tenant("acme");

        Response response = api.post("/api/v1/auth/login", null,
                Map.of("email", acme.admin().email(), "password", Fixtures.PASSWORD));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("accessToken")).isNotBlank();
        assertThat(response.text("refreshToken")).isNotBlank();
        assertThat(response.text("tokenType")).isEqualTo("Bearer");
        assertThat(response.body().path("expiresIn").asLong()).isBetween(14 * 60L, 15 * 60L);
        assertThat(response.body().path("tenant").path("id").asText()).isEqualTo(acme.id().toString());
        assertThat(response.body().path("tenant").path("role").asText()).isEqualTo("TENANT_ADMIN");
        assertThat(response.body().path("tenants")).hasSize(1);
        assertThat(response.body().path("roles").toString()).contains("TENANT_ADMIN");
    }

    @Test
    void accessTokenCarriesUserTenantRolesAndTokenId() throws Exception {
        TenantSetup acme = fixtures.tenant("claims");

        String[] parts = acme.admin().accessToken().split("\\.");
        var header = Api.JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[0]));
        var claims = Api.JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));

        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("kid").asText()).isNotBlank();
        assertThat(claims.path("sub").asText()).isEqualTo(acme.admin().userId().toString());
        assertThat(claims.path("tid").asText()).isEqualTo(acme.id().toString());
        assertThat(claims.path("roles").toString()).contains("TENANT_ADMIN");
        assertThat(claims.path("jti").asText()).isNotBlank();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(15 * 60);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSame401() {
        TenantSetup acme = fixtures.tenant("wrongpw");

        Response wrongPassword = api.post("/api/v1/auth/login", null,
                Map.of("email", acme.admin().email(), "password", "not the password"));
        Response unknown = api.post("/api/v1/auth/login", null,
                Map.of("email", "nobody-" + acme.slug() + "@nowhere.test", "password", "not the password"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknown.text("detail")).isEqualTo(wrongPassword.text("detail"));
    }

    @Test
    void emailIsCaseInsensitiveAtLogin() {
        TenantSetup acme = fixtures.tenant("case");

        Response response = api.post("/api/v1/auth/login", null,
                Map.of("email", acme.admin().email().toUpperCase(), "password", Fixtures.PASSWORD));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void meShowsTheUserTheirTenantAndRoles() {
        TenantSetup acme = fixtures.tenant("me");

        Response me = api.get("/api/v1/me", acme.admin().accessToken());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("user").path("email").asText()).isEqualTo(acme.admin().email());
        assertThat(me.body().path("tenant").path("slug").asText()).isEqualTo(acme.slug());
        assertThat(me.body().path("roles").toString()).contains("TENANT_ADMIN");
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        Response me = api.get("/api/v1/me", null);

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(me.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        TenantSetup acme = fixtures.tenant("refresh");
        Session admin = acme.admin();

        Response refreshed = api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", admin.refreshToken()));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.text("refreshToken")).isNotEqualTo(admin.refreshToken());
        assertThat(api.get("/api/v1/me", refreshed.text("accessToken")).status()).isEqualTo(200);
        Response again = api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", refreshed.text("refreshToken")));
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void aReusedRefreshTokenRevokesItsWholeFamily() {
        TenantSetup acme = fixtures.tenant("reuse");
        Session admin = acme.admin();
        Response first = api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", admin.refreshToken()));
        assertThat(first.status()).isEqualTo(200);

        Response replay = api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", admin.refreshToken()));

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.code()).isEqualTo("REFRESH_TOKEN_REUSED");
        Response successor = api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", first.text("refreshToken")));
        assertThat(successor.status()).isEqualTo(401);
        Response access = api.get("/api/v1/me", first.text("accessToken"));
        assertThat(access.status()).isEqualTo(401);
        assertThat(access.code()).isEqualTo("SESSION_ENDED");
    }

    @Test
    void aGarbageRefreshTokenIs401() {
        Response response = api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", "not-a-token"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("INVALID_REFRESH_TOKEN");
    }

    @Test
    void logoutEndsTheSessionForBothTokens() {
        TenantSetup acme = fixtures.tenant("logout");
        Session admin = acme.admin();

        Response logout = api.post("/api/v1/auth/logout", admin.accessToken(),
                Map.of("refreshToken", admin.refreshToken()));

        assertThat(logout.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", admin.accessToken()).code()).isEqualTo("SESSION_ENDED");
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", admin.refreshToken())).status())
                .isEqualTo(401);
    }

    @Test
    void switchTenantIssuesTokensForAnotherTenantOfTheUser() {
        TenantSetup first = fixtures.tenant("first");
        TenantSetup second = fixtures.tenant("second");
        Response invited = api.post("/api/v1/users/invitations", second.admin().accessToken(),
                Map.of("email", first.admin().email(), "role", "OPERATOR"));
        api.post("/api/v1/invitations/accept", null,
                Map.of("token", Fixtures.tokenOf(invited.text("link")), "password", Fixtures.PASSWORD));
        Session inFirst = fixtures.login(first.admin().email(), Fixtures.PASSWORD, first.id());
        assertThat(inFirst.body().path("tenants")).hasSize(2);

        Response switched = api.post("/api/v1/auth/switch-tenant", inFirst.accessToken(),
                Map.of("tenantId", second.id().toString()));

        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.body().path("tenant").path("id").asText()).isEqualTo(second.id().toString());
        assertThat(switched.body().path("tenant").path("role").asText()).isEqualTo("OPERATOR");
        Response me = api.get("/api/v1/me", switched.text("accessToken"));
        assertThat(me.body().path("tenant").path("id").asText()).isEqualTo(second.id().toString());
        assertThat(me.body().path("roles").toString()).doesNotContain("TENANT_ADMIN");
    }

    @Test
    void switchingToATenantTheUserDoesNotBelongToIs404() {
        TenantSetup mine = fixtures.tenant("mine");
        TenantSetup theirs = fixtures.tenant("theirs");

        Response switched = api.post("/api/v1/auth/switch-tenant", mine.admin().accessToken(),
                Map.of("tenantId", theirs.id().toString()));
        Response login = api.post("/api/v1/auth/login", null, Map.of("email", mine.admin().email(),
                "password", Fixtures.PASSWORD, "tenantId", theirs.id().toString()));

        assertThat(switched.status()).isEqualTo(404);
        assertThat(switched.code()).isEqualTo("TENANT_NOT_FOUND");
        assertThat(login.status()).isEqualTo(404);
    }

    @Test
    void superAdminIsCreatedOnFirstStartAndReachesThePlatformApi() {
        Session root = fixtures.superAdmin();

        assertThat(root.body().path("roles").toString()).contains("SUPER_ADMIN");
        assertThat(api.get("/api/v1/platform/tenants", root.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
        TenantSetup acme = fixtures.tenant("passwd");
        Session other = fixtures.login(acme.admin().email(), Fixtures.PASSWORD, null);
        String token = acme.admin().accessToken();

        Response wrong = api.post("/api/v1/me/password", token,
                Map.of("currentPassword", "not it at all", "newPassword", "a brand new password"));
        Response tooShort = api.post("/api/v1/me/password", token,
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "short"));
        Response changed = api.post("/api/v1/me/password", token,
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "a brand new password"));

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("errors").get(0).path("field").asText()).isEqualTo("currentPassword");
        assertThat(tooShort.body().path("errors").get(0).path("field").asText()).isEqualTo("newPassword");
        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", other.accessToken()).code()).isEqualTo("SESSION_ENDED");
        assertThat(api.post("/api/v1/auth/login", null, Map.of("email", acme.admin().email(),
                "password", "a brand new password")).status()).isEqualTo(200);
    }
}
