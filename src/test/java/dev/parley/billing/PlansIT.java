package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/** Plans are the super-admin's data; a tenant's plan decides its seats and branding, on the server, at once. */
@ParleyIntegrationTest
class PlansIT {

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
    void theThreeSeededPlansAreListedWithPricesInMinorUnitsAndTheirAllowances() {
        Response list = api.get("/api/v1/platform/plans", root);

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.body().forEach(plan -> ids.add(plan.path("id").asText()));
        assertThat(ids).containsSubsequence("basic", "professional", "enterprise");
        JsonNode basic = api.get("/api/v1/platform/plans/basic", root).body();
        assertThat(basic.path("currency").asText()).isEqualTo("EUR");
        assertThat(basic.path("monthlyPrice").asLong()).isEqualTo(2900);
        assertThat(basic.path("yearlyPrice").asLong()).isEqualTo(29000);
        assertThat(basic.path("includedOperators").asInt()).isEqualTo(1);
        assertThat(basic.path("features").toString()).doesNotContain("branding");
        JsonNode enterprise = api.get("/api/v1/platform/plans/enterprise", root).body();
        assertThat(enterprise.path("includedOperators").isNull()).as("unlimited operators").isTrue();
        assertThat(enterprise.path("features").toString()).contains("analytics.advanced", "priority_support");
        assertThat(api.get("/api/v1/platform/plans/gold", root).code()).isEqualTo("PLAN_NOT_FOUND");
    }

    @Test
    void onlyTheSuperAdminReadsOrChangesPlans() {
        TenantSetup tenant = fixtures.tenant("plans-403");
        String admin = tenant.admin().accessToken();

        assertThat(api.get("/api/v1/platform/plans", admin).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/platform/plans", admin, plan("sneaky", "Sneaky", 0)).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/platform/plans/basic", admin, plan(null, "Free", 0)).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/platform/tenants/" + tenant.id() + "/plan", admin,
                Map.of("planId", "enterprise")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/billing/plan", admin).text("id")).isEqualTo("professional");
    }

    @Test
    void theSuperAdminCreatesAndEditsAPlanAndEachChangeIsAudited() {
        String id = "startup-" + UUID.randomUUID().toString().substring(0, 6);

        Response created = api.post("/api/v1/platform/plans", root, plan(id, "Startup", 1900));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/platform/plans/" + id);
        assertThat(api.post("/api/v1/platform/plans", root, plan(id, "Startup", 1900)).code())
                .isEqualTo("PLAN_EXISTS");

        Response edited = api.put("/api/v1/platform/plans/" + id, root, plan(null, "Startup plus", 2400));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.text("name")).isEqualTo("Startup plus");
        assertThat(edited.body().path("monthlyPrice").asLong()).isEqualTo(2400);
        assertThat(edited.body().path("features").toString()).contains("branding");

        assertThat(api.get("/api/v1/platform/audit?action=plan.created", root).raw()).contains(id);
        assertThat(api.get("/api/v1/platform/audit?action=plan.updated", root).raw()).contains("Startup plus");
    }

    @Test
    void aPlanWithWrongFieldsIsRefusedNamingTheField() {
        Map<String, Object> body = new java.util.HashMap<>(plan("bad-plan", "Bad", 100));
        body.put("currency", "euro");
        body.put("monthlyPrice", -1);

        Response refused = api.post("/api/v1/platform/plans", root, body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("currency", "monthlyPrice");
        assertThat(api.put("/api/v1/platform/plans/nope", root, plan(null, "Nope", 1)).status()).isEqualTo(404);
    }

    @Test
    void aBasicTenantCannotInviteASecondMemberOrChangeBrandingUntilMovedToProfessional() {
        TenantSetup tenant = fixtures.tenant("plans-basic");
        String admin = tenant.admin().accessToken();
        setPlan(tenant.id(), "basic");

        JsonNode overview = api.get("/api/v1/billing/plan", admin).body();
        assertThat(overview.path("name").asText()).isEqualTo("Basic");
        assertThat(overview.path("seats").path("used").asInt()).isEqualTo(1);
        assertThat(overview.path("seats").path("included").asInt()).isEqualTo(1);
        Response invite = api.post("/api/v1/users/invitations", admin,
                Map.of("email", "second@" + tenant.slug() + ".test", "role", "OPERATOR"));
        assertThat(invite.status()).as(invite.toString()).isEqualTo(402);
        assertThat(invite.code()).isEqualTo("PLAN_UPGRADE_REQUIRED");
        assertThat(invite.text("feature")).isEqualTo("operators");
        assertThat(invite.header("Content-Type")).contains("application/problem+json");
        Response branding = api.put("/api/v1/settings/branding", admin, Map.of("primaryColor", "#1d4ed8"));
        assertThat(branding.status()).as(branding.toString()).isEqualTo(402);
        assertThat(branding.text("feature")).isEqualTo("branding");

        setPlan(tenant.id(), "professional");

        assertThat(api.post("/api/v1/users/invitations", admin,
                Map.of("email", "second@" + tenant.slug() + ".test", "role", "OPERATOR")).status()).isEqualTo(201);
        assertThat(api.put("/api/v1/settings/branding", admin, Map.of("primaryColor", "#1d4ed8")).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/billing/plan", admin).body().path("seats").path("included").asInt())
                .isEqualTo(10);
        assertThat(api.get("/api/v1/audit?action=tenant.plan_changed", admin).body().path("items")).hasSize(2);
    }

    @Test
    void anOpenInvitationHoldsASeatAndReactivationNeedsOneToo() {
        TenantSetup tenant = fixtures.tenant("plans-seats");
        String admin = tenant.admin().accessToken();
        Session operator = fixtures.member(tenant, "OPERATOR");
        assertThat(api.post("/api/v1/users/" + operator.userId() + "/deactivate", admin, Map.of()).status())
                .isEqualTo(200);
        setPlan(tenant.id(), "basic");

        Response reactivated = api.post("/api/v1/users/" + operator.userId() + "/reactivate", admin, Map.of());

        assertThat(reactivated.status()).as(reactivated.toString()).isEqualTo(402);
        assertThat(reactivated.text("feature")).isEqualTo("operators");
        setPlan(tenant.id(), "professional");
        assertThat(api.post("/api/v1/users/" + operator.userId() + "/reactivate", admin, Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void aNewTenantStartsOnTheConfiguredDefaultPlanAndUnknownTenantsOrPlansAreRefused() {
        TenantSetup tenant = fixtures.tenant("plans-default");

        Response plan = api.get("/api/v1/platform/tenants/" + tenant.id() + "/plan", root);
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.body().path("plan").path("id").asText()).isEqualTo("professional");
        assertThat(plan.body().path("since").isNull()).isFalse();
        assertThat(plan.text("tenantId")).isEqualTo(tenant.id().toString());
        assertThat(api.put("/api/v1/platform/tenants/" + UUID.randomUUID() + "/plan", root,
                Map.of("planId", "basic")).status()).isEqualTo(404);
        Response unknown = api.put("/api/v1/platform/tenants/" + tenant.id() + "/plan", root,
                Map.of("planId", "platinum"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.raw()).contains("planId");
    }

    @Test
    void editingAPlanChangesWhatItsTenantsMayDoAtOnce() {
        String id = "custom-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(api.post("/api/v1/platform/plans", root, plan(id, "Custom", 5000)).status()).isEqualTo(201);
        TenantSetup tenant = fixtures.tenant("plans-edit");
        String admin = tenant.admin().accessToken();
        setPlan(tenant.id(), id);
        assertThat(api.put("/api/v1/settings/branding", admin, Map.of("primaryColor", "#1d4ed8")).status())
                .isEqualTo(200);

        Map<String, Object> withoutBranding = new java.util.HashMap<>(plan(null, "Custom", 5000));
        withoutBranding.put("features", List.of("analytics.basic"));
        assertThat(api.put("/api/v1/platform/plans/" + id, root, withoutBranding).status()).isEqualTo(200);

        Response refused = api.put("/api/v1/settings/branding", admin, Map.of("primaryColor", "#0b7285"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(402);
        assertThat(refused.text("feature")).isEqualTo("branding");
        assertThat(refused.text("plan")).isEqualTo(id);
    }

    @Test
    void anInvitationSentBeforeADowngradeCannotBeAcceptedPastTheNewSeats() {
        TenantSetup tenant = fixtures.tenant("plans-accept");
        String email = "late@" + tenant.slug() + ".test";
        Response invited = api.post("/api/v1/users/invitations", tenant.admin().accessToken(),
                Map.of("email", email, "role", "OPERATOR"));
        assertThat(invited.status()).isEqualTo(201);
        setPlan(tenant.id(), "basic");

        Response accepted = api.post("/api/v1/invitations/accept", null, Map.of(
                "token", Fixtures.tokenOf(invited.text("link")), "password", Fixtures.PASSWORD, "name", "Late"));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(402);
        assertThat(accepted.text("feature")).isEqualTo("operators");
        setPlan(tenant.id(), "professional");
        assertThat(api.post("/api/v1/invitations/accept", null, Map.of("token", Fixtures.tokenOf(invited.text("link")),
                "password", Fixtures.PASSWORD, "name", "Late")).status()).isEqualTo(200);
    }

    @Test
    void theTenantListShowsEachTenantsPlanAndFiltersByIt() {
        TenantSetup small = fixtures.tenant("plans-list-basic");
        setPlan(small.id(), "basic");
        TenantSetup larger = fixtures.tenant("plans-list-pro");

        Response onBasic = api.get("/api/v1/platform/tenants?plan=basic&q=" + small.slug(), root);
        Response notOnBasic = api.get("/api/v1/platform/tenants?plan=basic&q=" + larger.slug(), root);
        Response unfiltered = api.get("/api/v1/platform/tenants?q=" + larger.slug(), root);

        assertThat(onBasic.status()).as(onBasic.toString()).isEqualTo(200);
        assertThat(onBasic.body().path("items")).hasSize(1);
        assertThat(onBasic.body().path("items").get(0).path("plan").path("name").asText()).isEqualTo("Basic");
        assertThat(notOnBasic.body().path("items")).isEmpty();
        assertThat(unfiltered.body().path("items").get(0).path("plan").path("id").asText()).isEqualTo("professional");
        assertThat(api.get("/api/v1/platform/tenants?plan=platinum&q=" + larger.slug(), root).body().path("items"))
                .isEmpty();
        assertThat(api.get("/api/v1/platform/tenants/" + small.id(), root).body().path("plan").path("id").asText())
                .isEqualTo("basic");
    }

    private void setPlan(UUID tenant, String plan) {
        Response set = api.put("/api/v1/platform/tenants/" + tenant + "/plan", root, Map.of("planId", plan));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.body().path("plan").path("id").asText()).isEqualTo(plan);
    }

    private static Map<String, Object> plan(String id, String name, long monthly) {
        Map<String, Object> body = new java.util.HashMap<>();
        if (id != null) {
            body.put("id", id);
        }
        body.put("name", name);
        body.put("currency", "EUR");
        body.put("monthlyPrice", monthly);
        body.put("yearlyPrice", monthly * 10);
        body.put("includedOperators", 3);
        body.put("includedConversations", 500);
        body.put("storageMb", 2048);
        body.put("apiRatePerMinute", 120);
        body.put("features", List.of("branding", "analytics.basic"));
        return body;
    }
}
