package dev.parley.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

/** The super-admin provisions tenants and runs their lives; every action lands in the platform audit. */
@ParleyIntegrationTest
class TenantProvisioningIT {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    String root;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        root = fixtures.superAdmin().accessToken();
    }

    @Test
    void provisioningCreatesTheTenantItsDomainsAndAnInvitationForItsFirstAdmin() {
        String slug = Fixtures.unique("shop");

        Response created = api.post("/api/v1/platform/tenants", root, Map.of("name", "Shop", "slug", slug,
                "domains", List.of("Shop-" + slug + ".com", "*." + slug + ".com"), "adminEmail", "Owner@" + slug + ".test",
                "settings", Map.of("timezone", "Europe/Paris")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith(created.body().path("tenant").path("id").asText());
        assertThat(created.body().path("tenant").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.body().path("tenant").path("domains").toString())
                .contains("shop-" + slug + ".com", "*." + slug + ".com");
        assertThat(created.body().path("tenant").path("settings").path("timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(created.body().path("invitation").path("email").asText()).isEqualTo("owner@" + slug + ".test");
        assertThat(created.body().path("invitation").path("link").asText()).contains("/accept-invitation?token=");
        Session owner = fixtures.accept(Fixtures.tokenOf(created.body().path("invitation").path("link").asText()),
                "owner@" + slug + ".test", "Owner");
        assertThat(owner.body().path("tenant").path("role").asText()).isEqualTo("TENANT_ADMIN");
    }

    @Test
    void provisioningIsIdempotentBySlug() {
        String slug = Fixtures.unique("idem");
        Map<String, Object> request = Map.of("name", "Idem", "slug", slug, "adminEmail", "a@" + slug + ".test");

        Response first = api.post("/api/v1/platform/tenants", root, request);
        Response second = api.post("/api/v1/platform/tenants", root, request);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("created").asBoolean()).isFalse();
        assertThat(second.body().path("tenant").path("id").asText())
                .isEqualTo(first.body().path("tenant").path("id").asText());
        Response list = api.get("/api/v1/platform/tenants?q=" + slug, root);
        assertThat(list.body().path("items")).hasSize(1);
    }

    @Test
    void aTakenSlugWithAnotherNameIsAConflict() {
        String slug = Fixtures.unique("taken");
        api.post("/api/v1/platform/tenants", root, Map.of("name", "First", "slug", slug, "adminEmail", "a@x.test"));

        Response clash = api.post("/api/v1/platform/tenants", root,
                Map.of("name", "Second", "slug", slug, "adminEmail", "b@x.test"));

        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.code()).isEqualTo("SLUG_TAKEN");
    }

    @Test
    void aDomainBelongsToOneTenantAtMost() {
        String host = Fixtures.unique("clash") + ".example.org";
        String first = Fixtures.unique("dom1");
        String second = Fixtures.unique("dom2");
        api.post("/api/v1/platform/tenants", root,
                Map.of("name", "D1", "slug", first, "domains", List.of(host), "adminEmail", "a@x.test"));

        Response clash = api.post("/api/v1/platform/tenants", root,
                Map.of("name", "D2", "slug", second, "domains", List.of(host.toUpperCase()), "adminEmail", "a@x.test"));

        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.code()).isEqualTo("DOMAIN_TAKEN");
        assertThat(clash.text("detail")).contains(host);
        assertThat(api.get("/api/v1/platform/tenants?q=" + second, root).body().path("items"))
                .as("nothing of the refused tenant was kept").isEmpty();
    }

    @Test
    void anInvalidDomainIsA400NamingIt() {
        Response bad = api.post("/api/v1/platform/tenants", root, Map.of("name", "Bad", "slug",
                Fixtures.unique("bad"), "domains", List.of("ok.example.com", "http://nope/path"), "adminEmail", "a@x.test"));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").get(0).path("field").asText()).isEqualTo("domains[1]");
    }

    @Test
    void tenantsCanBeSearchedAndFilteredByStatus() {
        TenantSetup active = fixtures.tenant("findme");
        TenantSetup suspended = fixtures.tenant("findme");
        api.post("/api/v1/platform/tenants/" + suspended.id() + "/suspend", root, null);

        Response bySlug = api.get("/api/v1/platform/tenants?q=" + active.slug(), root);
        Response byStatus = api.get("/api/v1/platform/tenants?status=SUSPENDED&limit=200", root);
        Response byDomain = api.get("/api/v1/platform/tenants?q=" + active.slug() + ".example.com", root);

        assertThat(bySlug.body().path("items")).hasSize(1);
        assertThat(byStatus.raw()).contains(suspended.id().toString()).doesNotContain(active.id().toString());
        assertThat(byDomain.body().path("items").get(0).path("id").asText()).isEqualTo(active.id().toString());
    }

    @Test
    void updateChangesNameSettingsAndDomains() {
        TenantSetup t = fixtures.tenant("upd");

        Response updated = api.patch("/api/v1/platform/tenants/" + t.id(), root, Map.of("name", "Renamed",
                "settings", Map.of("locale", "fr"), "domains", List.of("new-" + t.slug() + ".example.com")));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("name")).isEqualTo("Renamed");
        assertThat(updated.body().path("settings").path("locale").asText()).isEqualTo("fr");
        assertThat(updated.body().path("domains").toString()).contains("new-" + t.slug())
                .doesNotContain("\"" + t.slug() + ".example.com");
    }

    @Test
    void aSuspendedTenantsPeopleGet403UntilItIsReactivated() {
        TenantSetup t = fixtures.tenant("susp");

        Response suspended = api.post("/api/v1/platform/tenants/" + t.id() + "/suspend", root, null);

        assertThat(suspended.text("status")).isEqualTo("SUSPENDED");
        Response blocked = api.get("/api/v1/users", t.admin().accessToken());
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.code()).isEqualTo("TENANT_SUSPENDED");
        Response login = api.post("/api/v1/auth/login", null,
                Map.of("email", t.admin().email(), "password", Fixtures.PASSWORD));
        assertThat(login.code()).isEqualTo("TENANT_SUSPENDED");

        api.post("/api/v1/platform/tenants/" + t.id() + "/reactivate", root, null);
        assertThat(api.get("/api/v1/users", t.admin().accessToken()).status()).isEqualTo(200);
    }

    @Test
    void deleteIsSoftHidesTheTenantAndCanBeUndone() {
        TenantSetup t = fixtures.tenant("del");

        Response deleted = api.delete("/api/v1/platform/tenants/" + t.id(), root);

        assertThat(deleted.text("status")).isEqualTo("DELETED");
        assertThat(deleted.text("deletedAt")).isNotBlank();
        assertThat(api.get("/api/v1/platform/tenants?q=" + t.slug(), root).body().path("items")).isEmpty();
        assertThat(api.get("/api/v1/platform/tenants?status=DELETED&q=" + t.slug(), root).body().path("items"))
                .hasSize(1);
        assertThat(api.get("/api/v1/users", t.admin().accessToken()).code()).isEqualTo("TENANT_DELETED");
        assertThat(api.get("/api/v1/platform/tenants/" + t.id(), root).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/platform/tenants/" + t.id() + "/reactivate", root, null).text("status"))
                .isEqualTo("ACTIVE");
    }

    @Test
    void theDefaultTenantExistsAndIsProtected() {
        String id = "00000000-0000-7000-8000-000000000001";

        Response tenant = api.get("/api/v1/platform/tenants/" + id, root);
        Response suspend = api.post("/api/v1/platform/tenants/" + id + "/suspend", root, null);

        assertThat(tenant.text("slug")).isEqualTo("default");
        assertThat(suspend.status()).isEqualTo(409);
        assertThat(suspend.code()).isEqualTo("DEFAULT_TENANT_PROTECTED");
    }

    @Test
    void anUnknownTenantIs404() {
        Response response = api.get("/api/v1/platform/tenants/" + java.util.UUID.randomUUID(), root);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("TENANT_NOT_FOUND");
    }

    @Test
    void everyPlatformActionIsInThePlatformAudit() {
        TenantSetup t = fixtures.tenant("audited");
        api.post("/api/v1/platform/tenants/" + t.id() + "/suspend", root, null);
        api.post("/api/v1/platform/tenants/" + t.id() + "/reactivate", root, null);

        Response audit = api.get("/api/v1/platform/audit?tenantId=" + t.id(), root);

        assertThat(audit.status()).isEqualTo(200);
        List<String> actions = new java.util.ArrayList<>();
        audit.body().path("items").forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions).containsExactly("tenant.reactivated", "tenant.suspended", "tenant.created");
        assertThat(audit.body().path("items").get(0).path("actorEmail").asText()).isEqualTo(Fixtures.ROOT_EMAIL);
        assertThat(audit.body().path("items").get(0).path("tenantName").asText()).isEqualTo(t.name());
    }

    @Test
    void theSuperAdminCanSendANewAdminInvitation() {
        TenantSetup t = fixtures.tenant("reinvite");
        String email = "second-admin@" + t.slug() + ".test";

        Response invited = api.post("/api/v1/platform/tenants/" + t.id() + "/admin-invitations", root,
                Map.of("email", email));

        assertThat(invited.status()).isEqualTo(201);
        Session second = fixtures.accept(Fixtures.tokenOf(invited.text("link")), email, "Second");
        assertThat(second.body().path("tenant").path("role").asText()).isEqualTo("TENANT_ADMIN");
        assertThat(second.tenantId()).isEqualTo(t.id());
    }
}
