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

/** A tenant admin invites, lists, re-roles and deactivates the tenant's people; all of it is audited. */
@ParleyIntegrationTest
class UsersIT {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    TenantSetup acme;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        acme = fixtures.tenant("users");
    }

    @Test
    void anInvitedPersonSetsTheirPasswordAndJoinsWithTheInvitedRole() {
        String email = "new.operator@" + acme.slug() + ".test";
        Response invited = api.post("/api/v1/users/invitations", acme.admin().accessToken(),
                Map.of("email", email, "role", "ADMIN_OPERATOR"));
        assertThat(invited.status()).isEqualTo(201);
        String token = Fixtures.tokenOf(invited.text("link"));

        Response preview = api.get("/api/v1/invitations/" + token, null);
        Response accepted = api.post("/api/v1/invitations/accept", null,
                Map.of("token", token, "password", Fixtures.PASSWORD, "name", "Nina Operator"));

        assertThat(preview.text("email")).isEqualTo(email);
        assertThat(preview.text("tenantName")).isEqualTo(acme.name());
        assertThat(preview.body().path("existingAccount").asBoolean()).isFalse();
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().path("tenant").path("role").asText()).isEqualTo("ADMIN_OPERATOR");
        Response listed = api.get("/api/v1/users", acme.admin().accessToken());
        assertThat(listed.raw()).contains(email).contains("Nina Operator");
        assertThat(api.post("/api/v1/invitations/accept", null,
                Map.of("token", token, "password", Fixtures.PASSWORD)).status()).isEqualTo(410);
    }

    @Test
    void aShortPasswordIsRefusedWhenAcceptingAndTheInvitationStaysOpen() {
        Response invited = api.post("/api/v1/users/invitations", acme.admin().accessToken(),
                Map.of("email", "short@" + acme.slug() + ".test", "role", "OPERATOR"));
        String token = Fixtures.tokenOf(invited.text("link"));

        Response refused = api.post("/api/v1/invitations/accept", null, Map.of("token", token, "password", "short"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("password");
        assertThat(api.get("/api/v1/invitations/" + token, null).status()).isEqualTo(200);
    }

    @Test
    void aRevokedInvitationCannotBeAccepted() {
        Response invited = api.post("/api/v1/users/invitations", acme.admin().accessToken(),
                Map.of("email", "revoked@" + acme.slug() + ".test", "role", "OPERATOR"));

        Response revoked = api.delete("/api/v1/users/invitations/" + invited.text("id"), acme.admin().accessToken());

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/invitations/" + Fixtures.tokenOf(invited.text("link")), null).status())
                .isEqualTo(410);
        assertThat(api.get("/api/v1/invitations/not-a-token", null).status()).isEqualTo(404);
    }

    @Test
    void invitingAnExistingMemberIsAConflict() {
        Response again = api.post("/api/v1/users/invitations", acme.admin().accessToken(),
                Map.of("email", acme.admin().email(), "role", "OPERATOR"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ALREADY_MEMBER");
    }

    @Test
    void changingARoleTakesEffectOnTheNextRequest() {
        Session operator = fixtures.member(acme, "OPERATOR");
        assertThat(api.get("/api/v1/users", operator.accessToken()).status()).isEqualTo(403);

        Response changed = api.patch("/api/v1/users/" + operator.userId(), acme.admin().accessToken(),
                Map.of("role", "TENANT_ADMIN"));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text("role")).isEqualTo("TENANT_ADMIN");
        assertThat(api.get("/api/v1/users", operator.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aDeactivatedMemberIsSignedOutAndCannotSignIn() {
        Session operator = fixtures.member(acme, "OPERATOR");

        Response deactivated = api.post("/api/v1/users/" + operator.userId() + "/deactivate",
                acme.admin().accessToken(), null);

        assertThat(deactivated.text("status")).isEqualTo("DEACTIVATED");
        assertThat(api.get("/api/v1/me", operator.accessToken()).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", operator.refreshToken())).status())
                .isEqualTo(401);
        Response login = api.post("/api/v1/auth/login", null,
                Map.of("email", operator.email(), "password", Fixtures.PASSWORD));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.code()).isEqualTo("NO_TENANT");

        api.post("/api/v1/users/" + operator.userId() + "/reactivate", acme.admin().accessToken(), null);
        assertThat(api.post("/api/v1/auth/login", null,
                Map.of("email", operator.email(), "password", Fixtures.PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void theLastAdminCannotBeDemotedOrDeactivated() {
        Session operator = fixtures.member(acme, "OPERATOR");
        String admin = "/api/v1/users/" + acme.admin().userId();

        Response demoted = api.patch(admin, acme.admin().accessToken(), Map.of("role", "OPERATOR"));
        Response self = api.post(admin + "/deactivate", acme.admin().accessToken(), null);

        assertThat(demoted.status()).isEqualTo(409);
        assertThat(demoted.code()).isEqualTo("LAST_ADMIN");
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.code()).isEqualTo("CANNOT_DEACTIVATE_SELF");
        assertThat(operator).isNotNull();
    }

    @Test
    void operatorsAndAdminOperatorsCannotManageUsers() {
        Session operator = fixtures.member(acme, "OPERATOR");
        Session adminOperator = fixtures.member(acme, "ADMIN_OPERATOR");

        for (Session session : new Session[] {operator, adminOperator}) {
            Response list = api.get("/api/v1/users", session.accessToken());
            Response invite = api.post("/api/v1/users/invitations", session.accessToken(),
                    Map.of("email", "x@" + acme.slug() + ".test", "role", "TENANT_ADMIN"));
            assertThat(list.status()).isEqualTo(403);
            assertThat(list.code()).isEqualTo("FORBIDDEN");
            assertThat(invite.status()).isEqualTo(403);
        }
    }

    @Test
    void nobodyButASuperAdminReachesThePlatformApi() {
        Session operator = fixtures.member(acme, "OPERATOR");

        assertThat(api.get("/api/v1/platform/tenants", acme.admin().accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/platform/tenants", operator.accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/platform/tenants", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/platform/audit", acme.admin().accessToken()).status()).isEqualTo(403);
    }

    @Test
    void everyUserManagementActionIsAuditLogged() {
        Session operator = fixtures.member(acme, "OPERATOR");
        api.patch("/api/v1/users/" + operator.userId(), acme.admin().accessToken(), Map.of("role", "ADMIN_OPERATOR"));
        api.post("/api/v1/users/" + operator.userId() + "/deactivate", acme.admin().accessToken(), null);

        Response audit = api.get("/api/v1/audit?limit=200", acme.admin().accessToken());

        assertThat(audit.raw()).contains("invitation.created", "invitation.accepted", "user.role_changed",
                "user.deactivated");
        var deactivation = java.util.stream.StreamSupport.stream(audit.body().path("items").spliterator(), false)
                .filter(e -> e.path("action").asText().equals("user.deactivated")).findFirst().orElseThrow();
        assertThat(deactivation.path("actorEmail").asText()).isEqualTo(acme.admin().email());
        assertThat(deactivation.path("targetId").asText()).isEqualTo(operator.userId().toString());
    }

    @Test
    void theUserListIsPaginatedWithACursor() {
        fixtures.member(acme, "OPERATOR");
        fixtures.member(acme, "OPERATOR");

        Response first = api.get("/api/v1/users?limit=2", acme.admin().accessToken());
        Response second = api.get("/api/v1/users?limit=2&cursor=" + first.text("nextCursor"),
                acme.admin().accessToken());

        assertThat(first.body().path("items")).hasSize(2);
        assertThat(first.text("nextCursor")).isNotBlank();
        assertThat(second.body().path("items")).hasSize(1);
        assertThat(second.body().path("nextCursor").isNull()).isTrue();
    }
}
