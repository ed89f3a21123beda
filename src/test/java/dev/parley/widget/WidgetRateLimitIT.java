package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** The widget's public API is limited per tenant by its plan's widget calls a minute, all visitors together. */
@ParleyIntegrationTest
class WidgetRateLimitIT {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;
    String root;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        chat = new ChatFixtures(api);
        root = fixtures.superAdmin().accessToken();
    }

    @Test
    void theSeededPlansCarryTheirWidgetLimits() {
        assertThat(api.get("/api/v1/platform/plans/basic", root).body().path("widgetRatePerMinute").asInt())
                .isEqualTo(600);
        assertThat(api.get("/api/v1/platform/plans/professional", root).body().path("widgetRatePerMinute").asInt())
                .isEqualTo(3000);
        assertThat(api.get("/api/v1/platform/plans/enterprise", root).body().path("widgetRatePerMinute").asInt())
                .isEqualTo(30000);
    }

    @Test
    void aSiteOnAFourCallsAMinutePlanGets429OnTheFifthCallWhateverTheVisitorUntilMovedToABiggerPlan() {
        String tiny = createPlan("widget4-", 4);
        String bigger = createPlan("widget100-", 100);
        ChatTenant shop = chat.tenant("widget-limited", Map.of());
        ChatTenant other = chat.tenant("widget-other", Map.of());
        setPlan(shop.tenant().id(), tiny);

        Response session = chat.startVisitor(shop, null);
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        String visitor = session.text("visitorToken");
        assertThat(config(shop).status()).isEqualTo(200);
        Response sent = chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(shop),
                Map.of("body", "hello"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(chat.startVisitor(shop, null).status()).as("another visitor, same site").isEqualTo(200);

        Response refused = config(shop);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.body().path("limit").asInt()).isEqualTo(4);
        Response refusedMessage = chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(shop),
                Map.of("body", "still there?"));
        assertThat(refusedMessage.status()).as("every widget call counts").isEqualTo(429);
        for (int call = 1; call <= 6; call++) {
            assertThat(config(other).status()).as("another tenant's site").isEqualTo(200);
        }

        setPlan(shop.tenant().id(), bigger);

        Response again = config(shop);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
    }

    private Response config(ChatTenant tenant) {
        return chat.widget("GET", "/api/v1/widget/config?key=" + tenant.widgetKey(), null, ChatFixtures.originOf(tenant),
                null);
    }

    private String createPlan(String prefix, int widgetPerMinute) {
        String id = prefix + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("name", "Widget " + widgetPerMinute);
        body.put("currency", "EUR");
        body.put("monthlyPrice", 1000);
        body.put("yearlyPrice", 10000);
        body.put("includedOperators", 3);
        body.put("apiRatePerMinute", 600);
        body.put("widgetRatePerMinute", widgetPerMinute);
        body.put("features", List.of("analytics.basic"));
        Response created = api.post("/api/v1/platform/plans", root, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("widgetRatePerMinute").asInt()).isEqualTo(widgetPerMinute);
        return id;
    }

    private void setPlan(UUID tenant, String plan) {
        Response set = api.put("/api/v1/platform/tenants/" + tenant + "/plan", root, Map.of("planId", plan));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
    }
}
