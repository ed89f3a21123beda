package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import tools.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.parley.billing.invoice.Coupon;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tenant admin changes the subscription through the API: upgrades prorate to the minor unit, downgrades wait for
 * the period's end (and are refused while the tenant is over the lower plan), cancel / resume / reactivate, add-ons
 * and coupons; each change is in the revenue ledger.
 */
@ParleyIntegrationTest
class SubscriptionsIT {

    @LocalServerPort
    int port;

    @Autowired
    PlatformTransactions platform;

    @Autowired
    JdbcClient db;

    @Autowired
    Subscriptions subscriptions;

    Api api;
    Fixtures fixtures;
    String root;

    /** The invoices that billed a paying tenant's first period (see {@link #paying}); their items are left out. */
    final java.util.Set<UUID> settled = java.util.concurrent.ConcurrentHashMap.newKeySet();

    record Item(String kind, String description, long amount, Instant start, Instant end) {
    }

    record Movement(String kind, String plan, long before, long after) {
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        root = fixtures.superAdmin().accessToken();
    }

    @Test
    void anUpgradeAppliesAtOnceWithACreditForTheOldPlanAndAChargeForTheNewOneExactly() {
        TenantSetup tenant = paying("sub-up", "basic");
        String admin = tenant.admin().accessToken();
        Response before = api.get("/api/v1/billing/subscription", admin);
        Instant start = Instant.parse(before.text("currentPeriodStart"));
        Instant end = Instant.parse(before.text("currentPeriodEnd"));

        Response preview = api.post("/api/v1/billing/subscription/preview", admin,
                Map.of("planId", "professional", "interval", "MONTHLY"));
        Response changed = api.put("/api/v1/billing/subscription", admin,
                Map.of("planId", "professional", "interval", "MONTHLY"));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.text("timing")).isEqualTo("NOW");
        assertThat(preview.body().path("lines")).hasSize(2);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body().path("change").path("timing").asText()).isEqualTo("NOW");
        assertThat(changed.body().path("subscription").path("planId").asText()).isEqualTo("professional");
        List<Item> items = items(tenant.id());
        assertThat(items).hasSize(2);
        Item credit = items.stream().filter(i -> i.kind().equals("PRORATION_CREDIT")).findFirst().orElseThrow();
        Item charge = items.stream().filter(i -> i.kind().equals("PRORATION_CHARGE")).findFirst().orElseThrow();
        long left = Duration.between(credit.start(), end).getSeconds();
        long length = Duration.between(start, end).getSeconds();
        assertThat(credit.amount()).isEqualTo(-share(2900, left, length));
        assertThat(charge.amount()).isEqualTo(share(9900, left, length));
        assertThat(credit.end()).isEqualTo(end);
        assertThat(changed.body().path("change").path("amountDue").asLong())
                .isEqualTo(credit.amount() + charge.amount());
        assertThat(api.get("/api/v1/billing/plan", admin).text("id")).isEqualTo("professional");
        assertThat(movements(tenant.id())).last().isEqualTo(new Movement("EXPANSION", "professional", 2900, 9900));
        assertThat(api.get("/api/v1/audit?action=subscription.plan_changed", admin).body().path("items")).hasSize(1);
    }

    @Test
    void anUpgradeToAnotherIntervalCreditsTheOldPeriodAndStartsANewOneFromNow() {
        TenantSetup tenant = paying("sub-yearly", "basic");
        String admin = tenant.admin().accessToken();

        Response changed = api.put("/api/v1/billing/subscription", admin,
                Map.of("planId", "professional", "interval", "YEARLY"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        var subscription = changed.body().path("subscription");
        assertThat(subscription.path("interval").asText()).isEqualTo("YEARLY");
        Instant start = Instant.parse(subscription.path("currentPeriodStart").asText());
        assertThat(Instant.parse(subscription.path("currentPeriodEnd").asText()))
                .isEqualTo(BillingCycle.endOfPeriod(start, BillingInterval.YEARLY, 1));
        List<Item> items = items(tenant.id());
        assertThat(items).extracting(Item::kind).containsExactlyInAnyOrder("PRORATION_CREDIT", "BASE");
        Item base = items.stream().filter(i -> i.kind().equals("BASE")).findFirst().orElseThrow();
        assertThat(base.amount()).isEqualTo(99000);
        assertThat(base.start()).isEqualTo(start);
        Item credit = items.stream().filter(i -> i.kind().equals("PRORATION_CREDIT")).findFirst().orElseThrow();
        assertThat(credit.amount()).isBetween(-2900L, -2800L);
        assertThat(changed.body().path("change").path("amountDue").asLong()).isEqualTo(99000 + credit.amount());
        assertThat(movements(tenant.id())).last().isEqualTo(new Movement("EXPANSION", "professional", 2900, 8250));
    }

    @Test
    void duringATrialAnUpgradeSwitchesThePlanWithoutProration() {
        TenantSetup tenant = fixtures.tenant("sub-trial");
        String admin = tenant.admin().accessToken();
        assertThat(api.get("/api/v1/billing/subscription", admin).text("status")).isEqualTo("TRIALING");

        Response changed = api.put("/api/v1/billing/subscription", admin,
                Map.of("planId", "enterprise", "interval", "MONTHLY"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body().path("change").path("lines")).isEmpty();
        assertThat(changed.body().path("subscription").path("status").asText()).isEqualTo("TRIALING");
        assertThat(api.get("/api/v1/billing/plan", admin).text("id")).isEqualTo("enterprise");
        assertThat(items(tenant.id())).isEmpty();
    }

    @Test
    void aDowngradeWaitsForThePeriodsEndAndTheRollOverAppliesPlanAndInterval() {
        TenantSetup tenant = paying("sub-down", "professional");
        String admin = tenant.admin().accessToken();

        Response changed = api.put("/api/v1/billing/subscription", admin,
                Map.of("planId", "basic", "interval", "YEARLY"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body().path("change").path("timing").asText()).isEqualTo("AT_PERIOD_END");
        JsonNodeView view = new JsonNodeView(changed.body().path("subscription"));
        assertThat(view.text("planId")).isEqualTo("professional");
        assertThat(changed.body().path("subscription").path("pendingChange").path("planId").asText()).isEqualTo("basic");
        assertThat(changed.body().path("subscription").path("pendingChange").path("interval").asText())
                .isEqualTo("YEARLY");
        assertThat(api.get("/api/v1/billing/plan", admin).text("id")).isEqualTo("professional");
        assertThat(items(tenant.id())).isEmpty();
        Instant end = Instant.parse(view.text("currentPeriodEnd"));

        platform.run(() -> subscriptions.rollOver(TenantId.of(tenant.id()), end.plusSeconds(1)));

        Response after = api.get("/api/v1/billing/subscription", admin);
        assertThat(after.text("planId")).isEqualTo("basic");
        assertThat(after.text("interval")).isEqualTo("YEARLY");
        assertThat(after.body().path("pendingChange").isNull()).isTrue();
        assertThat(Instant.parse(after.text("currentPeriodStart"))).isEqualTo(end);
        assertThat(Instant.parse(after.text("currentPeriodEnd")))
                .isEqualTo(BillingCycle.endOfPeriod(end, BillingInterval.YEARLY, 1));
        assertThat(api.get("/api/v1/billing/plan", admin).text("id")).isEqualTo("basic");
        assertThat(movements(tenant.id())).last().isEqualTo(new Movement("CONTRACTION", "basic", 9900, 29000 / 12));
    }

    @Test
    void aDowngradeIsRefusedWhileTheTenantHoldsMoreSeatsThanTheLowerPlanNamingSeats() {
        TenantSetup tenant = paying("sub-seats", "professional");
        String admin = tenant.admin().accessToken();
        fixtures.member(tenant, "OPERATOR");

        Response preview = api.post("/api/v1/billing/subscription/preview", admin,
                Map.of("planId", "basic", "interval", "MONTHLY"));
        Response refused = api.put("/api/v1/billing/subscription", admin,
                Map.of("planId", "basic", "interval", "MONTHLY"));

        assertThat(preview.body().path("blockers").get(0).path("limit").asText()).isEqualTo("seats");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("DOWNGRADE_BLOCKED");
        assertThat(refused.body().path("violations").get(0).path("limit").asText()).isEqualTo("seats");
        assertThat(refused.body().path("violations").get(0).path("used").asInt()).isEqualTo(2);
        assertThat(refused.body().path("violations").get(0).path("allowed").asInt()).isEqualTo(1);
        assertThat(refused.text("detail")).contains("1 seat", "2 are taken");
        assertThat(api.get("/api/v1/billing/subscription", admin).body().path("pendingChange").isNull()).isTrue();
    }

    @Test
    void aDowngradeIsRefusedWhileTheTenantStoresMoreThanTheLowerPlanAllowsNamingStorageAndOtherTenantsAreUnaffected() {
        String small = lowerPlan(0, List.of());
        TenantSetup full = paying("sub-storage", "professional");
        TenantSetup empty = paying("sub-storage-other", "professional");
        String admin = full.admin().accessToken();
        String logo = "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'><rect width='8' height='8'/></svg>";
        assertThat(api.raw("PUT", "/api/v1/settings/logo", admin, "image/svg+xml", logo).status()).isEqualTo(204);

        Response preview = api.post("/api/v1/billing/subscription/preview", admin,
                Map.of("planId", small, "interval", "MONTHLY"));
        Response refused = api.put("/api/v1/billing/subscription", admin, Map.of("planId", small, "interval", "MONTHLY"));
        Response other = api.put("/api/v1/billing/subscription", empty.admin().accessToken(),
                Map.of("planId", small, "interval", "MONTHLY"));

        assertThat(preview.body().path("blockers")).hasSize(1);
        assertThat(preview.body().path("blockers").get(0).path("limit").asText()).isEqualTo("storage");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("DOWNGRADE_BLOCKED");
        assertThat(refused.body().path("limits").get(0).asText()).isEqualTo("storage");
        var violation = refused.body().path("violations").get(0);
        assertThat(violation.path("limit").asText()).isEqualTo("storage");
        assertThat(violation.path("used").asLong()).isEqualTo(logo.length());
        assertThat(violation.path("allowed").asLong()).isZero();
        assertThat(violation.path("message").asText()).contains("0 MB of storage", "free 1 MB");
        assertThat(api.get("/api/v1/billing/subscription", admin).body().path("pendingChange").isNull()).isTrue();
        assertThat(other.status()).as("a tenant storing nothing may downgrade: " + other).isEqualTo(200);
        assertThat(other.body().path("subscription").path("pendingChange").path("planId").asText()).isEqualTo(small);
    }

    @Test
    void storageAddOnsTheTenantKeepsCountTowardsTheLowerPlansStorage() {
        String small = lowerPlan(0, List.of());
        TenantSetup tenant = paying("sub-storage-addon", "professional");
        String admin = tenant.admin().accessToken();
        String logo = "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'><rect width='8' height='8'/></svg>";
        assertThat(api.raw("PUT", "/api/v1/settings/logo", admin, "image/svg+xml", logo).status()).isEqualTo(204);
        assertThat(api.put("/api/v1/billing/subscription/add-ons/file-storage", admin, Map.of("quantity", 1))
                .status()).isEqualTo(200);

        Response preview = api.post("/api/v1/billing/subscription/preview", admin,
                Map.of("planId", small, "interval", "MONTHLY"));

        assertThat(preview.body().path("blockers")).as(preview.toString()).isEmpty();
    }

    @Test
    void webhooksAndBrandingInUseDoNotBlockADowngradeButThePreviewWarnsWhatStopsWorking() {
        TenantSetup tenant = paying("sub-features", "professional");
        String admin = tenant.admin().accessToken();
        for (String path : List.of("/orders", "/crm")) {
            assertThat(api.post("/api/v1/webhooks", admin, Map.of("url", "http://127.0.0.1:9" + path,
                    "events", List.of("usage.threshold_reached"))).status()).isEqualTo(201);
        }
        assertThat(api.put("/api/v1/settings/branding", admin, Map.of("primaryColor", "#1d4ed8")).status())
                .isEqualTo(200);

        Response preview = api.post("/api/v1/billing/subscription/preview", admin,
                Map.of("planId", "basic", "interval", "MONTHLY"));
        Response changed = api.put("/api/v1/billing/subscription", admin,
                Map.of("planId", "basic", "interval", "MONTHLY"));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.body().path("blockers")).isEmpty();
        var warnings = preview.body().path("warnings");
        assertThat(warnings.valueStream().map(w -> w.path("feature").asText() + " " + w.path("used").asLong()))
                .containsExactlyInAnyOrder("webhooks 2", "branding 1");
        assertThat(warnings.valueStream().map(w -> w.path("message").asText()))
                .anySatisfy(m -> assertThat(m).contains("2 webhook endpoints stop receiving events"))
                .anySatisfy(m -> assertThat(m).contains("custom colours"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body().path("change").path("timing").asText()).isEqualTo("AT_PERIOD_END");
        assertThat(api.post("/api/v1/billing/subscription/preview", paying("sub-features-other", "professional")
                .admin().accessToken(), Map.of("planId", "basic", "interval", "MONTHLY")).body().path("warnings"))
                .as("another tenant's webhooks and branding are not this one's").isEmpty();
    }

    @Test
    void aTenantOverTheLowerPlansSeatsAgainAtThePeriodsEndIsDowngradedAnyway() {
        TenantSetup tenant = paying("sub-seats-later", "professional");
        String admin = tenant.admin().accessToken();
        Response changed = api.put("/api/v1/billing/subscription", admin,
                Map.of("planId", "basic", "interval", "MONTHLY"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        fixtures.member(tenant, "OPERATOR");
        Instant end = Instant.parse(changed.body().path("subscription").path("currentPeriodEnd").asText());

        platform.run(() -> subscriptions.rollOver(TenantId.of(tenant.id()), end.plusSeconds(1)));

        assertThat(api.get("/api/v1/billing/subscription", admin).text("planId")).isEqualTo("basic");
        Response invite = api.post("/api/v1/users/invitations", admin, Map.of("email", "late@example.com",
                "role", "OPERATOR"));
        assertThat(invite.status()).as("the seat gate stops new invitations: " + invite).isEqualTo(402);
        assertThat(invite.code()).isEqualTo("PLAN_UPGRADE_REQUIRED");
    }

    @Test
    void aCancellationWaitsForThePeriodsEndCanBeResumedAndACanceledSubscriptionReactivates() {
        TenantSetup tenant = paying("sub-cancel", "professional");
        String admin = tenant.admin().accessToken();

        Response canceled = api.post("/api/v1/billing/subscription/cancel", admin, Map.of());
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.body().path("cancelAtPeriodEnd").asBoolean()).isTrue();
        Response resumed = api.post("/api/v1/billing/subscription/resume", admin, Map.of());
        assertThat(resumed.body().path("cancelAtPeriodEnd").asBoolean()).isFalse();
        api.post("/api/v1/billing/subscription/cancel", admin, Map.of());
        Instant end = Instant.parse(canceled.text("currentPeriodEnd"));

        platform.run(() -> subscriptions.rollOver(TenantId.of(tenant.id()), end.plusSeconds(1)));

        assertThat(api.get("/api/v1/billing/subscription", admin).text("status")).isEqualTo("CANCELED");
        assertThat(movements(tenant.id())).last().isEqualTo(new Movement("CHURN", "professional", 9900, 0));
        assertThat(api.put("/api/v1/billing/subscription", admin, Map.of("planId", "enterprise",
                "interval", "MONTHLY")).code()).isEqualTo("SUBSCRIPTION_CANCELED");

        Response back = api.post("/api/v1/billing/subscription/reactivate", admin,
                Map.of("planId", "basic", "interval", "MONTHLY"));

        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.text("status")).isEqualTo("ACTIVE");
        assertThat(back.text("planId")).isEqualTo("basic");
        assertThat(movements(tenant.id())).contains(new Movement("REACTIVATION", "basic", 0, 2900));
        assertThat(items(tenant.id())).extracting(Item::kind, Item::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BASE", 2900L));
        assertThat(api.post("/api/v1/billing/subscription/reactivate", admin, Map.of()).code())
                .isEqualTo("SUBSCRIPTION_NOT_CANCELED");
    }

    @Test
    void anAddOnIsProratedGrantsItsFeatureAndCountsInTheRecurringRevenue() {
        TenantSetup tenant = paying("sub-addon", "basic");
        String admin = tenant.admin().accessToken();
        Response before = api.get("/api/v1/billing/subscription", admin);
        Instant start = Instant.parse(before.text("currentPeriodStart"));
        Instant end = Instant.parse(before.text("currentPeriodEnd"));
        assertThat(api.get("/api/v1/billing/plan", admin).body().path("features").toString())
                .doesNotContain("analytics.advanced");

        Response added = api.put("/api/v1/billing/subscription/add-ons/advanced-analytics", admin,
                Map.of("quantity", 1));

        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.body().path("addOns").get(0).path("addOnId").asText()).isEqualTo("advanced-analytics");
        Item charge = items(tenant.id()).getFirst();
        assertThat(charge.kind()).isEqualTo("PRORATION_CHARGE");
        assertThat(charge.amount()).isEqualTo(share(2900, Duration.between(charge.start(), end).getSeconds(),
                Duration.between(start, end).getSeconds()));
        assertThat(api.get("/api/v1/billing/plan", admin).body().path("features").toString())
                .contains("analytics.advanced");
        assertThat(movements(tenant.id())).last().isEqualTo(new Movement("EXPANSION", "basic", 2900, 5800));
        assertThat(subscriptions.addOns(TenantId.of(tenant.id())))
                .containsExactly(new Subscriptions.ActiveAddOn("advanced-analytics", "Advanced analytics", 1, 2900,
                        "EUR"));
        long storage = api.get("/api/v1/billing/plan", admin).body().path("storageMb").asLong();
        assertThat(api.put("/api/v1/billing/subscription/add-ons/file-storage", admin, Map.of("quantity", 2))
                .status()).isEqualTo(200);
        assertThat(api.get("/api/v1/billing/plan", admin).body().path("storageMb").asLong())
                .as("two units of 10 GB on top of the plan's storage").isEqualTo(storage + 2 * 10240);
        assertThat(api.delete("/api/v1/billing/subscription/add-ons/file-storage", admin).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/billing/subscription/add-ons/file-storage", admin, Map.of("quantity", 0)).raw())
                .contains("VALIDATION_FAILED", "quantity");
        assertThat(api.put("/api/v1/billing/subscription/add-ons/nope", admin, Map.of("quantity", 1)).code())
                .isEqualTo("ADD_ON_NOT_FOUND");

        Response removed = api.delete("/api/v1/billing/subscription/add-ons/advanced-analytics", admin);

        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.body().path("addOns")).isEmpty();
        assertThat(items(tenant.id())).extracting(Item::description).last().asString()
                .isEqualTo("Unused time on Advanced analytics × 1");
        assertThat(items(tenant.id())).extracting(Item::kind).last().isEqualTo("PRORATION_CREDIT");
        assertThat(api.get("/api/v1/billing/plan", admin).body().path("features").toString())
                .doesNotContain("analytics.advanced");
        assertThat(movements(tenant.id())).last().isEqualTo(new Movement("CONTRACTION", "basic", 5800, 2900));
    }

    @Test
    void couponsAreCheckedWhenAppliedAndApplyToTheirPeriodsOnly() {
        TenantSetup tenant = paying("sub-coupon", "professional");
        String admin = tenant.admin().accessToken();
        String code = "ONCE" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Response created = api.post("/api/v1/platform/coupons", root, Map.of("code", code.toLowerCase(),
                "name", "Launch", "percentOff", 25, "duration", "ONCE"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("percentOffBasisPoints").asInt()).isEqualTo(2500);

        assertThat(api.post("/api/v1/billing/subscription/coupon", admin, Map.of("code", "NOPE-NOPE")).code())
                .isEqualTo("COUPON_NOT_FOUND");
        Response applied = api.post("/api/v1/billing/subscription/coupon", admin, Map.of("code", code.toLowerCase()));

        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.body().path("coupon").path("code").asText()).isEqualTo(code);
        assertThat(api.post("/api/v1/billing/subscription/coupon", admin, Map.of("code", code)).code())
                .isEqualTo("COUPON_ALREADY_APPLIED");
        Instant next = Instant.parse(applied.text("currentPeriodEnd"));
        Instant after = BillingCycle.endOfPeriod(next, BillingInterval.MONTHLY, 1);
        TenantId id = TenantId.of(tenant.id());
        assertThat(subscriptions.couponsFor(id, next)).extracting(Coupon::code).containsExactly(code);
        assertThat(subscriptions.couponsFor(id, after)).isEmpty();
        assertThat(subscriptions.couponsFor(id, Instant.parse(applied.text("currentPeriodStart")))).isEmpty();
        assertThat(api.get("/api/v1/platform/coupons/" + code, root).body().path("timesRedeemed").asInt())
                .isEqualTo(1);

        String expired = "OLD" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        api.post("/api/v1/platform/coupons", root, Map.of("code", expired, "name", "Old", "amountOff", 500,
                "currency", "EUR", "duration", "REPEATING", "durationPeriods", 3));
        api.put("/api/v1/platform/coupons/" + expired, root, Map.of("name", "Old",
                "redeemBy", Instant.now().minusSeconds(60).toString()));
        TenantSetup other = paying("sub-coupon-old", "basic");
        assertThat(api.post("/api/v1/billing/subscription/coupon", other.admin().accessToken(),
                Map.of("code", expired)).code()).isEqualTo("COUPON_EXPIRED");
    }

    @Test
    void theLastRedemptionOfACouponGoesToExactlyOneOfTwoTenantsAtOnce() throws Exception {
        String code = "LAST" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        api.post("/api/v1/platform/coupons", root, Map.of("code", code, "name", "Last one", "percentOff", 10,
                "duration", "FOREVER", "maxRedemptions", 1));
        List<String> admins = List.of(paying("sub-race-a", "basic").admin().accessToken(),
                paying("sub-race-b", "basic").admin().accessToken());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (String admin : admins) {
                Callable<Response> apply = () -> {
                    go.await();
                    return api.post("/api/v1/billing/subscription/coupon", admin, Map.of("code", code));
                };
                answers.add(pool.submit(apply));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            for (Future<Response> answer : answers) {
                statuses.add(answer.get().status());
                codes.add(answer.get().code());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            assertThat(codes).contains("COUPON_EXHAUSTED");
        }
        assertThat(api.get("/api/v1/platform/coupons/" + code, root).body().path("timesRedeemed").asInt())
                .isEqualTo(1);
    }

    @Test
    void aCouponWithWrongFieldsIsRefusedNamingThem() {
        Map<String, Object> both = new HashMap<>(Map.of("code", "BOTH-" + UUID.randomUUID().toString().substring(0, 4),
                "name", "Both", "percentOff", 10, "amountOff", 100, "currency", "EUR", "duration", "ONCE"));
        assertThat(api.post("/api/v1/platform/coupons", root, both).raw()).contains("VALIDATION_FAILED", "percentOff");
        Map<String, Object> bad = Map.of("code", "x", "name", "", "percentOff", 150, "duration", "SOMETIMES");
        Response refused = api.post("/api/v1/platform/coupons", root, bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("duration");
        Response noPeriods = api.post("/api/v1/platform/coupons", root, Map.of("code", "REP-" + UUID.randomUUID()
                .toString().substring(0, 4), "name", "Rep", "percentOff", 10, "duration", "REPEATING"));
        assertThat(noPeriods.raw()).contains("VALIDATION_FAILED", "durationPeriods");
        TenantSetup tenant = fixtures.tenant("sub-bad");
        Response badInterval = api.put("/api/v1/billing/subscription", tenant.admin().accessToken(),
                Map.of("planId", "basic", "interval", "WEEKLY"));
        assertThat(badInterval.status()).isEqualTo(400);
        assertThat(badInterval.raw()).contains("interval");
        assertThat(api.put("/api/v1/billing/subscription", tenant.admin().accessToken(),
                Map.of("planId", "gold", "interval", "MONTHLY")).raw()).contains("VALIDATION_FAILED", "planId");
    }

    @Test
    void operatorsGet403AndAnotherOrUnknownTenantsSubscriptionIsNotFound() {
        TenantSetup tenant = fixtures.tenant("sub-403");
        var operator = fixtures.member(tenant, "OPERATOR");

        assertThat(api.get("/api/v1/billing/subscription", operator.accessToken()).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/billing/subscription", operator.accessToken(),
                Map.of("planId", "basic", "interval", "MONTHLY")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/platform/coupons", tenant.admin().accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/platform/tenants/" + UUID.randomUUID() + "/subscription", root).status())
                .isEqualTo(404);
        TenantSetup other = fixtures.tenant("sub-404");
        assertThat(api.get("/api/v1/billing/subscription", other.admin().accessToken()).text("tenantId"))
                .isEqualTo(other.id().toString());
    }

    @Test
    void theSuperAdminsPlanChangeAndOverrideKeepSubscriptionAndPlanInStep() {
        TenantSetup tenant = fixtures.tenant("sub-override");
        String admin = tenant.admin().accessToken();

        api.put("/api/v1/platform/tenants/" + tenant.id() + "/plan", root, Map.of("planId", "basic"));
        assertThat(api.get("/api/v1/billing/subscription", admin).text("planId")).isEqualTo("basic");
        assertThat(api.get("/api/v1/billing/subscription", admin).text("status")).isEqualTo("TRIALING");

        Response overridden = api.put("/api/v1/platform/tenants/" + tenant.id() + "/subscription", root,
                Map.of("planId", "enterprise", "status", "ACTIVE"));

        assertThat(overridden.status()).as(overridden.toString()).isEqualTo(200);
        assertThat(overridden.text("status")).isEqualTo("ACTIVE");
        assertThat(api.get("/api/v1/billing/plan", admin).text("id")).isEqualTo("enterprise");
        assertThat(movements(tenant.id())).last().isEqualTo(new Movement("NEW", "enterprise", 0, 49900));
        assertThat(api.get("/api/v1/platform/audit?action=subscription.overridden", root).raw())
                .contains(tenant.id().toString());
        assertThat(api.put("/api/v1/platform/tenants/" + tenant.id() + "/subscription", root,
                Map.of("status", "TRIALING")).raw()).contains("VALIDATION_FAILED", "trialEnd");
        assertThat(api.get("/api/v1/platform/add-ons", root).raw()).contains("ai-chatbot", "file-storage",
                "advanced-analytics", "multi-language");
    }

    @Test
    void aPlanThatIsNotSelfServeIsNeitherOfferedToTenantAdminsNorTakenByThemButTheSuperAdminGivesIt() {
        String id = "deal-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> deal = new java.util.HashMap<>(Map.of("name", "Negotiated " + id, "currency", "EUR",
                "monthlyPrice", 19900, "yearlyPrice", 199000, "includedOperators", 25, "includedConversations", 5000,
                "features", List.of("branding", "webhooks"), "selfServe", false));
        deal.put("id", id);
        Response created = api.post("/api/v1/platform/plans", root, deal);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("selfServe").asBoolean(true)).isFalse();
        TenantSetup tenant = fixtures.tenant("sub-deal");
        String admin = tenant.admin().accessToken();

        JsonNode offered = api.get("/api/v1/billing/subscription", admin).body().path("plans");
        assertThat(offered.valueStream().map(p -> p.path("id").asText())).contains("basic", "professional")
                .doesNotContain(id);
        Response taken = api.put("/api/v1/billing/subscription", admin, Map.of("planId", id, "interval", "MONTHLY"));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.raw()).contains("VALIDATION_FAILED", "planId");
        assertThat(api.post("/api/v1/billing/subscription/preview", admin, Map.of("planId", id)).status())
                .isEqualTo(400);

        Response given = api.put("/api/v1/platform/tenants/" + tenant.id() + "/subscription", root,
                Map.of("planId", id, "status", "ACTIVE"));

        assertThat(given.status()).as(given.toString()).isEqualTo(200);
        JsonNode now = api.get("/api/v1/billing/subscription", admin).body();
        assertThat(now.path("planId").asText()).isEqualTo(id);
        assertThat(now.path("plans").valueStream().filter(p -> p.path("current").asBoolean())
                .map(p -> p.path("id").asText())).as("the tenant sees the plan it holds").containsExactly(id);
        assertThat(api.get("/api/v1/platform/plans", root).body().valueStream()
                .filter(p -> p.path("id").asText().equals(id)).map(p -> p.path("selfServe").asBoolean(true)))
                .containsExactly(false);
    }

    /** A tenant paying for the plan, monthly, from now (the super-admin's override ends its trial). */
    private TenantSetup paying(String prefix, String plan) {
        TenantSetup tenant = fixtures.tenant(prefix);
        Response overridden = api.put("/api/v1/platform/tenants/" + tenant.id() + "/subscription", root,
                Map.of("planId", plan, "status", "ACTIVE"));
        assertThat(overridden.status()).as(overridden.toString()).isEqualTo(200);
        // The first paid period is charged in advance: invoiced at once here, so the tests see only their own items.
        assertThat(items(tenant.id())).extracting(Item::kind, Item::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BASE", planPrice(plan)));
        Response invoiced = api.post("/api/v1/platform/tenants/" + tenant.id() + "/invoice-now", root, Map.of());
        assertThat(invoiced.status()).as(invoiced.toString()).isEqualTo(201);
        assertThat(api.post("/api/v1/platform/invoices/" + invoiced.text("id") + "/mark-paid", root, Map.of())
                .status()).isEqualTo(200);
        settled.add(UUID.fromString(invoiced.text("id")));
        assertThat(items(tenant.id())).as("billed: the tests see their own items only").isEmpty();
        return tenant;
    }

    /** A plan cheaper than Professional with room for seats, this storage and these features. */
    private String lowerPlan(int storageMb, List<String> features) {
        String id = "small-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("name", "Small " + id);
        body.put("currency", "EUR");
        body.put("monthlyPrice", 900);
        body.put("yearlyPrice", 9000);
        body.put("includedOperators", 10);
        body.put("includedConversations", 100);
        body.put("storageMb", storageMb);
        body.put("apiRatePerMinute", 6000);
        body.put("features", features);
        Response created = api.post("/api/v1/platform/plans", root, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private long planPrice(String plan) {
        return api.get("/api/v1/platform/plans/" + plan, root).body().path("monthlyPrice").asLong();
    }

    private static long share(long price, long left, long length) {
        return BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(left))
                .divide(BigDecimal.valueOf(length), 0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private List<Item> items(UUID tenant) {
        return platform.call(() -> db.sql("""
                        SELECT kind, description, amount, period_start, period_end, invoice_id FROM invoice_items
                        WHERE tenant_id = :tenant ORDER BY created_at, amount DESC
                        """)
                .param("tenant", tenant)
                .query((rs, n) -> rs.getObject("invoice_id") != null && settled.contains(rs.getObject("invoice_id", UUID.class)) ? null
                        : new Item(rs.getString("kind"), rs.getString("description"), rs.getLong("amount"),
                        rs.getTimestamp("period_start").toInstant(), rs.getTimestamp("period_end").toInstant()))
                .list().stream().filter(java.util.Objects::nonNull).toList());
    }

    private List<Movement> movements(UUID tenant) {
        return platform.call(() -> db.sql("""
                        SELECT kind, plan_id, mrr_before, mrr_after FROM mrr_movements
                        WHERE tenant_id = :tenant ORDER BY at, id
                        """)
                .param("tenant", tenant)
                .query((rs, n) -> new Movement(rs.getString("kind"), rs.getString("plan_id"),
                        rs.getLong("mrr_before"), rs.getLong("mrr_after")))
                .list());
    }

    /** Reads text fields of a nested object. */
    private record JsonNodeView(tools.jackson.databind.JsonNode node) {
        String text(String field) {
            return node.path(field).asText();
        }
    }
}
