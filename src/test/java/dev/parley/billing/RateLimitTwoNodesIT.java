package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.support.Api;
import dev.parley.support.TwoNodes;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * Two Parley nodes on one database and the machine's Redis share each tenant's rate-limit buckets: a plan of N calls
 * a minute allows N calls in total, whichever node serves them, and the next one is refused on both. Skipped,
 * saying so, where no Redis listens on localhost:6379.
 */
class RateLimitTwoNodesIT {

    static TwoNodes nodes;
    static Api a;
    static Api b;
    static String root;

    @BeforeAll
    static void startTwoNodes() {
        assumeTrue(TwoNodes.redisListening(), "no Redis on localhost:6379");
        nodes = TwoNodes.start();
        a = nodes.a;
        b = nodes.b;
        root = new Fixtures(a).superAdmin().accessToken();
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aTenantOnASixCallsAMinutePlanGetsSixCallsAcrossBothNodesThen429OnEither() {
        TenantSetup limited = new Fixtures(a).tenant("nodes-rate");
        String admin = limited.admin().accessToken();
        setPlan(limited.id(), createPlan("nodes-rate6-", 6, 600));

        for (int call = 1; call <= 6; call++) {
            Api node = call % 2 == 0 ? b : a;
            Response ok = node.get("/api/v1/billing/plan", admin);
            assertThat(ok.status()).as("call " + call + " on node " + (node == a ? "A" : "B") + ": " + ok)
                    .isEqualTo(200);
        }

        for (Api node : List.of(a, b)) {
            Response refused = node.get("/api/v1/billing/plan", admin);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("RATE_LIMITED");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
            assertThat(refused.body().path("limit").asInt()).isEqualTo(6);
            assertThat(refused.body().path("retryAfterSeconds").asLong()).isPositive();
        }

        setPlan(limited.id(), createPlan("nodes-rate100-", 100, 600));

        Response again = b.get("/api/v1/billing/plan", admin);
        assertThat(again.status()).as("a bigger plan starts a fresh bucket: " + again).isEqualTo(200);
    }

    @Test
    void aSiteOnAFourCallsAMinuteWidgetPlanGetsFourCallsAcrossBothNodesThen429OnEither() {
        ChatTenant shop = new ChatFixtures(a).tenant("nodes-widget", Map.of());
        setPlan(shop.tenant().id(), createPlan("nodes-widget4-", 600, 4));

        assertThat(config(a, shop).status()).isEqualTo(200);
        assertThat(config(b, shop).status()).isEqualTo(200);
        Response session = new ChatFixtures(a).startVisitor(shop, null);
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        assertThat(config(b, shop).status()).isEqualTo(200);

        for (Api node : List.of(a, b)) {
            Response refused = config(node, shop);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("RATE_LIMITED");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
            assertThat(refused.body().path("limit").asInt()).isEqualTo(4);
        }
    }

    private static Response config(Api node, ChatTenant shop) {
        return new ChatFixtures(node).widget("GET", "/api/v1/widget/config?key=" + shop.widgetKey(), null,
                ChatFixtures.originOf(shop), null);
    }

    private static String createPlan(String prefix, int apiPerMinute, int widgetPerMinute) {
        String id = prefix + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("name", "Nodes " + id);
        body.put("currency", "EUR");
        body.put("monthlyPrice", 1000);
        body.put("yearlyPrice", 10000);
        body.put("includedOperators", 3);
        body.put("includedConversations", 500);
        body.put("storageMb", 2048);
        body.put("apiRatePerMinute", apiPerMinute);
        body.put("widgetRatePerMinute", widgetPerMinute);
        body.put("features", List.of("analytics.basic"));
        Response created = a.post("/api/v1/platform/plans", root, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private static void setPlan(UUID tenant, String plan) {
        Response set = a.put("/api/v1/platform/tenants/" + tenant + "/plan", root, Map.of("planId", plan));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
    }
}
