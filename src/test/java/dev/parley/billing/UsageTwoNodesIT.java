package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.parley.support.Api;
import dev.parley.support.TwoNodes;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.EventStream;
import dev.parley.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import tools.jackson.databind.JsonNode;

/**
 * Two Parley nodes on one database and the machine's Redis: visitor messages stored on both at once count each
 * conversation exactly once, each threshold is announced once, and a Billing page open on one node hears the count
 * that the other node made. Skipped, saying so, where no Redis listens on localhost:6379.
 */
class UsageTwoNodesIT {

    static TwoNodes nodes;
    static Api a;
    static Api b;

    @BeforeAll
    static void startTwoNodes() {
        assumeTrue(TwoNodes.redisListening(), "no Redis on localhost:6379");
        nodes = TwoNodes.start();
        a = nodes.a;
        b = nodes.b;
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void messagesOnBothNodesAtOnceCountEachConversationOnceAndEachThresholdOnce() throws Exception {
        ChatTenant shop = new ChatFixtures(a).tenant("usage-nodes", Map.of());
        putOnTinyPlan(shop);
        List<String> visitors = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            visitors.add(new ChatFixtures(i % 2 == 0 ? a : b).startVisitor(shop, null).text("visitorToken"));
        }

        List<Future<Response>> sent = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(20)) {
            sent.addAll(round(threads, shop, visitors, 1));
            sent.addAll(round(threads, shop, visitors, 3));
        }

        for (Future<Response> response : sent) {
            assertThat(response.get().status()).as(response.get().toString()).isEqualTo(201);
        }
        String admin = shop.tenant().admin().accessToken();
        JsonNode onA = a.get("/api/v1/billing/usage", admin).body();
        JsonNode onB = b.get("/api/v1/billing/usage", admin).body();
        assertThat(onA.path("conversations").path("used").asLong()).isEqualTo(10);
        assertThat(onB.path("conversations").path("used").asLong()).isEqualTo(10);
        assertThat(onB.path("thresholds").valueStream().map(t -> t.path("percent").asInt()))
                .containsExactly(80, 100, 120);
        JsonNode bell = a.get("/api/v1/notifications?limit=50", admin).body().path("items");
        assertThat(bell.valueStream().filter(n -> n.path("kind").asString().equals("usage.threshold"))
                .map(n -> n.path("title").asString())).containsExactlyInAnyOrder(
                "Conversations at 80 % of your plan", "Conversations at 100 % of your plan",
                "Conversations at 120 % of your plan");
    }

    @Test
    void aBillingPageOnNodeBHearsTheCountMadeOnNodeA() {
        ChatTenant shop = new ChatFixtures(a).tenant("usage-nodes-live", Map.of());
        String admin = shop.tenant().admin().accessToken();
        try (EventStream stream = EventStream.open(b, "/api/v1/billing/usage/stream", admin)) {
            assertThat(stream.await("hello", Duration.ofSeconds(5))).isNotNull();

            ChatFixtures onA = new ChatFixtures(a);
            String visitor = onA.startVisitor(shop, null).text("visitorToken");
            assertThat(onA.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(shop),
                    Map.of("body", "Hello from node A")).status()).isEqualTo(201);

            EventStream.Event event = stream.await("usage", Duration.ofSeconds(5));
            assertThat(event).isNotNull();
            assertThat(event.data().path("conversations").asLong()).isEqualTo(1);
        }
    }

    /** Each visitor sends {@code messages} messages, alternately on node A and node B, all at once. */
    private static List<Future<Response>> round(ExecutorService threads, ChatTenant shop, List<String> visitors,
                                                int messages) throws Exception {
        List<Future<Response>> batch = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            for (int v = 0; v < visitors.size(); v++) {
                ChatFixtures node = new ChatFixtures((v + m) % 2 == 0 ? a : b);
                String visitor = visitors.get(v);
                String body = "message " + m;
                batch.add(threads.submit(() -> node.widget("POST", "/api/v1/widget/messages", visitor,
                        ChatFixtures.originOf(shop), Map.of("body", body))));
            }
        }
        for (Future<Response> response : batch) {
            response.get();
        }
        return batch;
    }

    private static void putOnTinyPlan(ChatTenant shop) {
        String root = new Fixtures(a).superAdmin().accessToken();
        String planId = "nodes-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> plan = new HashMap<>();
        plan.put("id", planId);
        plan.put("name", "Tiny " + planId);
        plan.put("currency", "EUR");
        plan.put("monthlyPrice", 900);
        plan.put("yearlyPrice", 9000);
        plan.put("includedOperators", 10);
        plan.put("includedConversations", 5);
        plan.put("storageMb", 100);
        plan.put("apiRatePerMinute", 6000);
        plan.put("features", List.of());
        assertThat(a.post("/api/v1/platform/plans", root, plan).status()).isEqualTo(201);
        assertThat(a.put("/api/v1/platform/tenants/" + shop.tenant().id() + "/plan", root,
                Map.of("planId", planId)).status()).isEqualTo(200);
    }
}
