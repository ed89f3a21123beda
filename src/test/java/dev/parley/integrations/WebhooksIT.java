package dev.parley.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.parley.billing.UsageThresholdReached;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.TimeMachine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * A tenant admin's webhook endpoints receive signed events at a real HTTP receiver (WireMock): a test ping, billing's
 * usage thresholds, retried with back-off while the receiver fails. Basic tenants are told to upgrade, another
 * tenant's endpoints do not exist, and bad URLs or event types are refused naming the field.
 */
@ParleyIntegrationTest
class WebhooksIT {

    static WireMockServer receiver;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TimeMachine time;

    @Autowired
    PlatformTransactions platform;

    Api api;
    Fixtures fixtures;
    TenantSetup shop;
    String admin;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        shop = fixtures.tenant("hooks");
        admin = shop.admin().accessToken();
    }

    @AfterEach
    void backToNow() {
        time.reset();
    }

    @Test
    void aTestEventReachesTheReceiverSignedWithTheEndpointsSecret() {
        String path = receiverPath(ok());
        Response created = api.post("/api/v1/webhooks", admin, Map.of("url", receiverUrl(path),
                "description", "Order system", "events", List.of("usage.threshold_reached")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.text("secret");
        assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
        String id = created.text("id");
        assertThat(created.header("Location")).endsWith("/api/v1/webhooks/" + id);
        assertThat(api.get("/api/v1/webhooks/" + id, admin).raw()).doesNotContain(secret).doesNotContain("whsec_");

        Response test = api.post("/api/v1/webhooks/" + id + "/test", admin, Map.of());
        assertThat(test.status()).as(test.toString()).isEqualTo(202);

        LoggedRequest request = awaitRequests(path, 1).get(0);
        JsonNode event = Api.JSON.readTree(request.getBodyAsString());
        assertThat(event.path("type").asString()).isEqualTo("ping");
        assertThat(event.path("tenantId").asString()).isEqualTo(shop.id().toString());
        assertThat(event.path("id").asString()).isEqualTo(test.text("eventId"));
        assertThat(event.path("data").path("endpointId").asString()).isEqualTo(id);
        assertThat(Instant.parse(event.path("created").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(request.getHeader("Parley-Event-Id")).isEqualTo(test.text("eventId"));
        assertThat(request.getHeader("Parley-Event-Type")).isEqualTo("ping");
        assertThat(request.getHeader("User-Agent")).isEqualTo("Parley-Webhooks/1");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertSignedWith(secret, request);

        JsonNode delivery = awaitDelivery(id, test.text("id"), d -> d.path("status").asString().equals("SUCCEEDED"));
        assertThat(delivery.path("lastStatusCode").asInt()).isEqualTo(200);
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.path("eventType").asString()).isEqualTo("ping");
        assertThat(delivery.path("deliveredAt").isNull()).isFalse();
    }

    @Test
    void aUsageThresholdReachedInATransactionIsDeliveredWithItsFiguresToTheEndpointsThatAskedForIt() {
        String path = receiverPath(ok());
        String everything = receiverPath(ok());
        String disabled = receiverPath(ok());
        String subscribed = create(path, List.of("usage.threshold_reached")).text("id");
        String secret = api.post("/api/v1/webhooks/" + subscribed + "/roll-secret", admin, Map.of()).text("secret");
        create(everything, List.of("*"));
        String off = create(disabled, List.of("*")).text("id");
        api.patch("/api/v1/webhooks/" + off, admin, Map.of("enabled", false));
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        Instant end = Instant.parse("2027-01-01T00:00:00Z");

        publish(new UsageThresholdReached(TenantId.of(shop.id()), "conversations", 80, 1600, 2000, start, end,
                Instant.now()), true);
        publish(new UsageThresholdReached(TenantId.of(shop.id()), "conversations", 100, 2000, 2000, start, end,
                Instant.now()), false);

        LoggedRequest request = awaitRequests(path, 1).get(0);
        assertSignedWith(secret, request);
        JsonNode event = Api.JSON.readTree(request.getBodyAsString());
        assertThat(event.path("type").asString()).isEqualTo("usage.threshold_reached");
        JsonNode data = event.path("data");
        assertThat(data.path("metric").asString()).isEqualTo("conversations");
        assertThat(data.path("percent").asInt()).isEqualTo(80);
        assertThat(data.path("used").asLong()).isEqualTo(1600);
        assertThat(data.path("allowance").asLong()).isEqualTo(2000);
        assertThat(data.path("periodStart").asString()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(data.path("periodEnd").asString()).isEqualTo("2027-01-01T00:00:00Z");
        LoggedRequest toAll = awaitRequests(everything, 1).get(0);
        assertThat(toAll.getHeader("Parley-Event-Id")).as("one event, the same id for every endpoint")
                .isEqualTo(event.path("id").asString());
        // The rolled-back threshold never became an event; the disabled endpoint got nothing.
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() ->
                receiver.findAll(postRequestedFor(urlEqualTo(path))).size() == 1
                        && receiver.findAll(postRequestedFor(urlEqualTo(disabled))).isEmpty());
        assertThat(deliveries(off)).isEmpty();
    }

    @Test
    void aUsageThresholdPublishedOnThePlatformPathOrOutsideATransactionIsDeliveredToo() {
        String path = receiverPath(ok());
        create(path, List.of("usage.threshold_reached"));
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        Instant end = Instant.parse("2027-01-01T00:00:00Z");

        platform.run(() -> events.publishEvent(new UsageThresholdReached(TenantId.of(shop.id()), "storage", 100,
                1024, 1024, start, end, Instant.now())));
        events.publishEvent(new UsageThresholdReached(TenantId.of(shop.id()), "operators", 120, 12, 10, start, end,
                Instant.now()));

        List<String> metrics = awaitRequests(path, 2).stream()
                .map(r -> Api.JSON.readTree(r.getBodyAsString()).path("data").path("metric").asString()).toList();
        assertThat(metrics).containsExactlyInAnyOrder("storage", "operators");
    }

    @Test
    void aReceiverThatFailsIsTriedAgainAfterAMinuteAndTheDeliverySucceeds() {
        String path = "/hooks/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(serverError().withBody("database down")).willSetStateTo("up"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("up").willReturn(ok()));
        String id = create(path, List.of("*")).text("id");

        String delivery = api.post("/api/v1/webhooks/" + id + "/test", admin, Map.of()).text("id");

        JsonNode failed = awaitDelivery(id, delivery, d -> d.path("attempts").asInt() == 1);
        assertThat(failed.path("status").asString()).isEqualTo("PENDING");
        assertThat(failed.path("lastStatusCode").asInt()).isEqualTo(500);
        assertThat(failed.path("lastError").asString()).contains("HTTP 500").contains("database down");
        Instant next = Instant.parse(failed.path("nextAttemptAt").asString());
        assertThat(Duration.between(Instant.now(), next)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(61));

        time.advance(Duration.ofSeconds(61));

        JsonNode succeeded = awaitDelivery(id, delivery, d -> d.path("status").asString().equals("SUCCEEDED"));
        assertThat(succeeded.path("attempts").asInt()).isEqualTo(2);
        assertThat(succeeded.path("lastStatusCode").asInt()).isEqualTo(200);
        assertThat(succeeded.path("nextAttemptAt").isNull()).isTrue();
        List<LoggedRequest> requests = awaitRequests(path, 2);
        assertThat(requests.get(1).getHeader("Parley-Event-Id")).as("the same event both times")
                .isEqualTo(requests.get(0).getHeader("Parley-Event-Id"));
    }

    @Test
    void aDeliveryIsSentAgainByHandWhenTheAdminAsks() {
        String path = "/hooks/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(302).withHeader("Location",
                receiverUrl("/elsewhere"))));
        String id = create(path, List.of("*")).text("id");
        String delivery = api.post("/api/v1/webhooks/" + id + "/test", admin, Map.of()).text("id");
        JsonNode failed = awaitDelivery(id, delivery, d -> d.path("attempts").asInt() == 1);
        assertThat(failed.path("lastError").asString()).contains("redirects are not followed");
        receiver.stubFor(post(urlEqualTo(path)).willReturn(ok()));

        Response retried = api.post("/api/v1/webhooks/deliveries/" + delivery + "/retry", admin, Map.of());

        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        JsonNode succeeded = awaitDelivery(id, delivery, d -> d.path("status").asString().equals("SUCCEEDED"));
        assertThat(succeeded.path("attempts").asInt()).isEqualTo(2);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/elsewhere")))).isEmpty();
        assertThat(api.get("/api/v1/audit?action=webhook.delivery_retried", admin).body().path("items")).hasSize(1);
    }

    @Test
    void finishedDeliveriesLeaveTheLogAfterThirtyDaysAndWaitingOnesStay() {
        String done = create(receiverPath(ok()), List.of("*")).text("id");
        Response unreachable = api.post("/api/v1/webhooks", admin, Map.of("url", "http://127.0.0.1:9/never",
                "events", List.of("*")));
        String waiting = unreachable.text("id");
        String delivered = api.post("/api/v1/webhooks/" + done + "/test", admin, Map.of()).text("id");
        String failing = api.post("/api/v1/webhooks/" + waiting + "/test", admin, Map.of()).text("id");
        awaitDelivery(done, delivered, d -> d.path("status").asString().equals("SUCCEEDED"));
        JsonNode tried = awaitDelivery(waiting, failing, d -> d.path("attempts").asInt() == 1);
        assertThat(tried.path("lastStatusCode").isNull()).as("no answer: %s", tried).isTrue();
        assertThat(tried.path("lastError").asString()).isNotBlank();

        time.advance(Duration.ofDays(31));
        admin = fixtures.login(shop.admin().email(), Fixtures.PASSWORD, shop.id()).accessToken();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveries(done).isEmpty());
        assertThat(deliveries(waiting)).extracting(d -> d.path("id").asString()).containsExactly(failing);
    }

    @Test
    void aBasicTenantIsToldWebhooksArePartOfAHigherPlan() {
        String id = create(receiverPath(ok()), List.of("*")).text("id");
        Response moved = api.put("/api/v1/platform/tenants/" + shop.id() + "/plan",
                fixtures.superAdmin().accessToken(), Map.of("planId", "basic"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        for (Response response : List.of(api.get("/api/v1/webhooks", admin),
                api.post("/api/v1/webhooks", admin, Map.of("url", receiverUrl("/x"), "events", List.of("*"))),
                api.post("/api/v1/webhooks/" + id + "/test", admin, Map.of()),
                api.get("/api/v1/webhooks/" + id + "/deliveries", admin))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(402);
            assertThat(response.code()).isEqualTo("PLAN_UPGRADE_REQUIRED");
            assertThat(response.text("feature")).isEqualTo("webhooks");
        }
    }

    @Test
    void anotherTenantsEndpointsAndDeliveriesAreNotFound() {
        String id = create(receiverPath(ok()), List.of("*")).text("id");
        String delivery = api.post("/api/v1/webhooks/" + id + "/test", admin, Map.of()).text("id");
        String other = fixtures.tenant("hooks-other").admin().accessToken();

        for (Response response : List.of(api.get("/api/v1/webhooks/" + id, other),
                api.patch("/api/v1/webhooks/" + id, other, Map.of("enabled", false)),
                api.post("/api/v1/webhooks/" + id + "/roll-secret", other, Map.of()),
                api.post("/api/v1/webhooks/" + id + "/test", other, Map.of()),
                api.get("/api/v1/webhooks/" + id + "/deliveries", other),
                api.post("/api/v1/webhooks/deliveries/" + delivery + "/retry", other, Map.of()),
                api.delete("/api/v1/webhooks/" + id, other))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
        }
        assertThat(api.get("/api/v1/webhooks", other).body()).isEmpty();
        assertThat(api.get("/api/v1/webhooks/" + id, admin).body().path("enabled").asBoolean()).isTrue();
        String operator = fixtures.member(shop, "ADMIN_OPERATOR").accessToken();
        assertThat(api.get("/api/v1/webhooks", operator).status()).isEqualTo(403);
    }

    @Test
    void badUrlsAndUnknownEventTypesAreRefusedNamingTheField() {
        Map<String, String> badUrls = Map.of(
                "not a url", "url", "ftp://files.example.com/in", "url", "http://hooks.example.com/in", "url",
                "https://10.1.2.3/in", "url", "https://user:pw@hooks.example.com/in", "url", "/relative", "url");
        badUrls.forEach((url, field) -> {
            Response refused = api.post("/api/v1/webhooks", admin, Map.of("url", url, "events", List.of("*")));
            assertThat(refused.status()).as(url + ": " + refused).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.body().path("errors").get(0).path("field").asString()).isEqualTo(field);
        });
        Response unknown = api.post("/api/v1/webhooks", admin, Map.of("url", "https://hooks.example.com/in",
                "events", List.of("conversation.exploded")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("errors").get(0).path("field").asString()).isEqualTo("events");
        assertThat(unknown.body().path("errors").get(0).path("message").asString()).contains("conversation.exploded");
        Response none = api.post("/api/v1/webhooks", admin, Map.of("url", "https://hooks.example.com/in",
                "events", List.of()));
        assertThat(none.body().path("errors").get(0).path("field").asString()).isEqualTo("events");
        Response ping = api.post("/api/v1/webhooks", admin, Map.of("url", "https://hooks.example.com/in",
                "events", List.of("ping")));
        assertThat(ping.status()).as("ping is sent on request only").isEqualTo(400);
        String id = create(receiverPath(ok()), List.of("*")).text("id");
        Response patched = api.patch("/api/v1/webhooks/" + id, admin, Map.of("url", "http://hooks.example.com/in"));
        assertThat(patched.body().path("errors").get(0).path("field").asString()).isEqualTo("url");
        assertThat(api.get("/api/v1/webhooks", admin).body()).hasSize(1);
        assertThat(api.post("/api/v1/webhooks", admin, Map.of("url", "https://hooks.example.com/in",
                "events", List.of("usage.threshold_reached"))).status()).isEqualTo(201);
    }

    @Test
    void endpointsAreChangedRolledAndRemovedAndEveryChangeIsAudited() {
        Response created = create(receiverPath(ok()), List.of("*"));
        String id = created.text("id");
        assertThat(api.get("/api/v1/webhooks/event-types", admin).body().get(0).path("key").asString())
                .isEqualTo("usage.threshold_reached");

        Response changed = api.patch("/api/v1/webhooks/" + id, admin, Map.of("enabled", false,
                "description", "CRM sync", "events", List.of("usage.threshold_reached")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body().path("enabled").asBoolean()).isFalse();
        assertThat(changed.text("description")).isEqualTo("CRM sync");
        assertThat(changed.body().path("events").get(0).asString()).isEqualTo("usage.threshold_reached");
        assertThat(changed.text("url")).isEqualTo(created.text("url"));
        Response rolled = api.post("/api/v1/webhooks/" + id + "/roll-secret", admin, Map.of());
        assertThat(rolled.text("secret")).startsWith("whsec_").isNotEqualTo(created.text("secret"));
        assertThat(api.delete("/api/v1/webhooks/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/webhooks/" + id, admin).code()).isEqualTo("WEBHOOK_NOT_FOUND");

        JsonNode audit = api.get("/api/v1/audit?limit=200", admin).body().path("items");
        List<String> actions = audit.valueStream().map(e -> e.path("action").asString())
                .filter(a -> a.startsWith("webhook.")).toList();
        assertThat(actions).contains("webhook.created", "webhook.updated", "webhook.secret_rolled", "webhook.deleted");
        assertThat(audit.toString()).doesNotContain(rolled.text("secret"));
    }

    private Response create(String path, List<String> events) {
        Response created = api.post("/api/v1/webhooks", admin, Map.of("url", receiverUrl(path), "events", events));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private void publish(UsageThresholdReached reached, boolean commit) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        TenantContext.runAs(reached.tenant(), () -> transaction.executeWithoutResult(status -> {
            events.publishEvent(reached);
            if (!commit) {
                status.setRollbackOnly();
            }
        }));
    }

    private static String receiverPath(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        String path = "/hooks/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(answer));
        return path;
    }

    private static String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    private static List<LoggedRequest> awaitRequests(String path, int count) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), r -> r.size() >= count);
    }

    private List<JsonNode> deliveries(String endpoint) {
        return api.get("/api/v1/webhooks/" + endpoint + "/deliveries?limit=50", admin).body().path("items")
                .valueStream().toList();
    }

    private JsonNode awaitDelivery(String endpoint, String delivery, java.util.function.Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> deliveries(endpoint).stream().filter(d -> d.path("id").asString().equals(delivery))
                        .findFirst().orElse(null), d -> d != null && until.test(d));
    }

    /** Checks the signature as a receiver would, with nothing of Parley's code: HMAC-SHA256 of "t.body". */
    private static void assertSignedWith(String secret, LoggedRequest request) {
        String header = request.getHeader("Parley-Signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        assertThat(Long.parseLong(t)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(300L));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + request.getBodyAsString())
                    .getBytes(StandardCharsets.UTF_8)));
            assertThat(v1).isEqualTo(expected);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
