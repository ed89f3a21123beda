package dev.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A tenant always keeps an active tenant admin, whoever demotes or deactivates whom, and however fast. */
@ParleyIntegrationTest
class LastAdminRuleIT {

    @LocalServerPort
    int port;

    @Autowired
    PlatformTransactions platform;

    @Autowired
    JdbcClient db;

    Api api;
    Fixtures fixtures;
    TenantSetup acme;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        acme = fixtures.tenant("lastadmin");
    }

    @Test
    void anAdminMayDemoteAnotherAdminButThenNotThemselves() {
        Session second = fixtures.member(acme, "TENANT_ADMIN");
        String admin = acme.admin().accessToken();

        Response demoted = api.patch("/api/v1/users/" + second.userId(), admin, Map.of("role", "OPERATOR"));
        Response self = api.patch("/api/v1/users/" + acme.admin().userId(), admin, Map.of("role", "ADMIN_OPERATOR"));

        assertThat(demoted.status()).isEqualTo(200);
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.code()).isEqualTo("LAST_ADMIN");
        assertThat(self.text("detail")).contains("at least one active admin");
        assertThat(api.get("/api/v1/users/" + acme.admin().userId(), admin).text("role")).isEqualTo("TENANT_ADMIN");
    }

    @Test
    void aDeactivatedAdminDoesNotCountAsTheTenantsAdmin() {
        Session second = fixtures.member(acme, "TENANT_ADMIN");
        String admin = acme.admin().accessToken();
        String me = "/api/v1/users/" + acme.admin().userId();

        api.post("/api/v1/users/" + second.userId() + "/deactivate", admin, null);
        Response refused = api.patch(me, admin, Map.of("role", "OPERATOR"));
        api.post("/api/v1/users/" + second.userId() + "/reactivate", admin, null);
        Response allowed = api.patch(me, admin, Map.of("role", "OPERATOR"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("LAST_ADMIN");
        assertThat(allowed.status()).isEqualTo(200);
        Session again = fixtures.login(second.email(), Fixtures.PASSWORD, acme.id());
        assertThat(api.get("/api/v1/users", again.accessToken()).status())
                .as("the reactivated admin signs in again and still administers the tenant").isEqualTo(200);
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() {
        Session second = fixtures.member(acme, "TENANT_ADMIN");

        List<Response> answers = concurrently(
                () -> api.patch("/api/v1/users/" + second.userId(), acme.admin().accessToken(), Map.of("role", "OPERATOR")),
                () -> api.patch("/api/v1/users/" + acme.admin().userId(), second.accessToken(), Map.of("role", "OPERATOR")));

        assertThat(answers).extracting(Response::status).containsOnlyOnce(200);
        assertThat(activeAdmins()).isEqualTo(1);
    }

    @Test
    void twoAdminsDeactivatingEachOtherAtOnceLeaveOneAdmin() {
        Session second = fixtures.member(acme, "TENANT_ADMIN");

        List<Response> answers = concurrently(
                () -> api.post("/api/v1/users/" + second.userId() + "/deactivate", acme.admin().accessToken(), null),
                () -> api.post("/api/v1/users/" + acme.admin().userId() + "/deactivate", second.accessToken(), null));

        // The loser is refused by the rule (409) or, when the winner committed first, is already signed out (401).
        assertThat(answers).extracting(Response::status).containsOnlyOnce(200);
        assertThat(activeAdmins()).isEqualTo(1);
    }

    /** Counted in the database itself, whoever of the two may still call the API. */
    private long activeAdmins() {
        return platform.call(() -> db.sql("""
                        SELECT count(*) FROM memberships
                        WHERE tenant_id = :tenant AND role = 'TENANT_ADMIN' AND status = 'ACTIVE'
                        """)
                .param("tenant", acme.id()).query(Long.class).single());
    }

    @SafeVarargs
    private static List<Response> concurrently(java.util.function.Supplier<Response>... calls) {
        var futures = java.util.Arrays.stream(calls).map(CompletableFuture::supplyAsync).toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
