package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
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
import dev.parley.support.TimeMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Billing from end to end, with nothing chosen by the test: the super-admin's plan, the tenant admin's own upgrade,
 * visitors chatting through the widget, the meter counting them, and the billing-cycle job issuing the invoice that
 * adds it all up.
 */
@ParleyIntegrationTest
class BillingEndToEndIT {

    @LocalServerPort
    int port;

    @Autowired
    TimeMachine time;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        chat = new ChatFixtures(api);
    }

    @AfterEach
    void backToNow() {
        time.reset();
    }

    @Test
    void anUpgradeMidPeriodAndMeteredConversationsAddUpOnThePeriodsInvoice() {
        ChatTenant shop = chat.tenant("e2e-billing", Map.of());
        String root = fixtures.superAdmin().accessToken();
        String admin = shop.tenant().admin().accessToken();
        String small = "small-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/platform/plans", root, smallPlan(small)).status()).isEqualTo(201);

        // Paying for Basic from now: the first period is billed in advance.
        assertThat(api.put("/api/v1/platform/tenants/" + shop.tenant().id() + "/subscription", root,
                Map.of("planId", "basic", "status", "ACTIVE")).status()).isEqualTo(200);
        Response first = api.post("/api/v1/platform/tenants/" + shop.tenant().id() + "/invoice-now", root, Map.of());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.body().path("total").asLong()).as("Basic's monthly price").isEqualTo(2900);
        assertThat(api.post("/api/v1/platform/invoices/" + first.text("id") + "/mark-paid", root, Map.of())
                .status()).as("paid by bank transfer").isEqualTo(200);

        // The tenant admin upgrades: applies now, the rest of the period prorated.
        Response upgraded = api.put("/api/v1/billing/subscription", admin,
                Map.of("planId", small, "interval", "MONTHLY"));
        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        long proration = upgraded.body().path("change").path("amountDue").asLong();
        assertThat(proration).as("4900 − 2900 for almost the whole month").isBetween(1900L, 2000L);

        // Three visitors write, one of them twice: three monthly active conversations, one over the allowance.
        String returning = say(shop, null, "Hello");
        say(shop, returning, "Still there?");
        say(shop, null, "A question");
        say(shop, null, "Another question");
        JsonNode usage = api.get("/api/v1/billing/usage", admin).body();
        assertThat(usage.path("conversations").path("used").asLong()).isEqualTo(3);
        assertThat(usage.path("conversations").path("included").asLong()).isEqualTo(2);

        time.advance(Duration.ofDays(32)); // the period ends; the billing-cycle job runs within a second

        // A month later the admin signs in again (access tokens last minutes).
        String again = fixtures.login(shop.tenant().admin().email(), Fixtures.PASSWORD, shop.tenant().id())
                .accessToken();
        JsonNode invoices = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/api/v1/billing/invoices", again).body().path("items"), items -> items.size() == 2);
        JsonNode cycle = api.get("/api/v1/billing/invoices/" + invoices.get(0).path("id").asString(), again).body();
        List<String> kinds = new ArrayList<>();
        long prorationLines = 0;
        for (JsonNode line : cycle.path("lines")) {
            kinds.add(line.path("kind").asString());
            if (line.path("kind").asString().startsWith("PRORATION_")) {
                prorationLines += line.path("amount").asLong();
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("BASE", "OVERAGE", "PRORATION_CREDIT", "PRORATION_CHARGE");
        assertThat(prorationLines).as("the upgrade's proration, as previewed").isEqualTo(proration);
        assertThat(cycle.path("lines").valueStream().filter(l -> l.path("kind").asString().equals("OVERAGE"))
                .map(l -> l.path("amount").asLong())).containsExactly(50L);
        assertThat(cycle.path("total").asLong()).as("next month's base + one extra conversation + the proration")
                .isEqualTo(4900 + 50 + proration);
        assertThat(cycle.path("number").asString()).isNotEqualTo(first.body().path("number").asString());
    }

    private String say(ChatTenant shop, String visitorToken, String message) {
        String token = visitorToken == null ? chat.startVisitor(shop, null).text("visitorToken") : visitorToken;
        Response sent = chat.widget("POST", "/api/v1/widget/messages", token, ChatFixtures.originOf(shop),
                Map.of("body", message));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return token;
    }

    private static Map<String, Object> smallPlan(String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("name", "Small " + id);
        body.put("currency", "EUR");
        body.put("monthlyPrice", 4900);
        body.put("yearlyPrice", 49000);
        body.put("includedOperators", 10);
        body.put("includedConversations", 2);
        body.put("storageMb", 100);
        body.put("apiRatePerMinute", 6000);
        body.put("features", List.of());
        body.put("trialDays", 0);
        body.put("overageTiers", List.of(Map.of("unitPrice", "50")));
        return body;
    }
}
