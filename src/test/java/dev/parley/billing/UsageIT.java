package dev.parley.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.MimeMessage;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.parley.chat.ConversationFacts;
import dev.parley.chat.VisitorMessageReceived;
import dev.parley.notify.NotificationRequested;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.EventStream;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.RecordedNotifications;
import dev.parley.support.TimeMachine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Usage metering end to end: visitor messages through the widget API count monthly active conversations (once per
 * conversation and period, exactly under concurrency), thresholds are announced once each in the console, by mail
 * (a real SMTP server, GreenMail) and as a webhook event (a real receiver, WireMock), and only tenant admins read it.
 */
@ParleyIntegrationTest
// Closed after the class: a context left in the cache would keep polling the shared job table and could deliver
// another class's mails to its own SMTP server.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"parley.smtp.host=127.0.0.1", "parley.smtp.from=Parley <parley@parley.test>"})
class UsageIT {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("parley.smtp.port", () -> SMTP_PORT);
    }

    static WireMockServer receiver;

    @LocalServerPort
    int port;

    @Autowired
    TimeMachine time;

    @Autowired
    RecordedNotifications notifications;

    @Autowired
    ConversationFacts facts;

    @Autowired
    Usage usage;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ApplicationEventPublisher events;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;

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
        chat = new ChatFixtures(api);
    }

    @AfterEach
    void backToNow() {
        time.reset();
    }

    @Test
    void aConversationWithSeveralVisitorMessagesCountsOnceAndOperatorRepliesCountNothing() {
        ChatTenant shop = chat.tenant("usage-once", Map.of());
        String admin = shop.tenant().admin().accessToken();
        String conversation = visitorSays(shop, null, "Hello", "Anyone there?", "Hello again").conversation();
        assertThat(api.post("/api/v1/conversations/" + conversation + "/messages", admin,
                Map.of("body", "Hi, how can I help?")).status()).isEqualTo(201);

        Response usageNow = api.get("/api/v1/billing/usage", admin);

        assertThat(usageNow.status()).as(usageNow.toString()).isEqualTo(200);
        JsonNode conversations = usageNow.body().path("conversations");
        assertThat(conversations.path("used").asLong()).isEqualTo(1);
        assertThat(conversations.path("included").asLong()).isEqualTo(2000);
        assertThat(conversations.path("percent").asInt()).isZero();
        assertThat(usageNow.body().path("operators").path("used").asLong()).isEqualTo(1);
        assertThat(usageNow.body().path("planName").asString()).isEqualTo("Professional");
        assertThat(crossCheck(shop, usageNow)).isEqualTo(1);
    }

    @Test
    void aMessageInTheNextPeriodCountsTheConversationAgainButOperatorMessagesAloneDoNot() {
        ChatTenant shop = chat.tenant("usage-next", Map.of());
        Visitor first = visitorSays(shop, null, "Before the period ends");
        Visitor second = visitorSays(shop, null, "Another one");
        JsonNode before = api.get("/api/v1/billing/usage", shop.tenant().admin().accessToken()).body();
        Instant end = Instant.parse(before.path("periodEnd").asString());
        assertThat(before.path("conversations").path("used").asLong()).isEqualTo(2);

        time.advance(Duration.between(Instant.now(), end).plusMinutes(5));
        Session admin = fixtures.login(shop.tenant().admin().email(), Fixtures.PASSWORD, shop.tenant().id());
        visitorSays(shop, first.token(), "Still there after the month turned?");
        assertThat(api.post("/api/v1/conversations/" + second.conversation() + "/messages", admin.accessToken(),
                Map.of("body", "Following up on your question")).status()).isEqualTo(201);

        JsonNode after = api.get("/api/v1/billing/usage", admin.accessToken()).body();
        assertThat(after.path("periodStart").asString()).isEqualTo(end.toString());
        assertThat(after.path("conversations").path("used").asLong()).isEqualTo(1);
        JsonNode history = api.get("/api/v1/billing/usage/history?months=3", admin.accessToken()).body()
                .path("periods");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("conversations").asLong()).isEqualTo(1);
        assertThat(history.get(1).path("conversations").asLong()).isEqualTo(2);
        assertThat(history.get(1).path("periodEnd").asString()).isEqualTo(end.toString());
        assertThat(usage.activeConversations(TenantId.of(shop.tenant().id()),
                new dev.parley.billing.invoice.BillingPeriod(Instant.parse(history.get(1).path("periodStart")
                        .asString()), end))).isEqualTo(2);
    }

    @Test
    void fortyConcurrentVisitorMessagesInTenConversationsCountExactlyTen() throws Exception {
        ChatTenant shop = chat.tenant("usage-race", Map.of());
        List<String> visitors = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            visitors.add(chat.startVisitor(shop, null).text("visitorToken"));
        }

        List<Future<Response>> sent = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(20)) {
            // Every visitor's first message at once (ten new conversations racing for the period's count), then
            // three more each at once. A visitor's own first messages are not raced against each other: chat may
            // then open two conversations for one visitor, which would rightly count twice.
            sendAll(threads, shop, visitors, 0, sent);
            sendAll(threads, shop, visitors, 1, sent);
        }

        assertThat(sent).hasSize(40);
        for (Future<Response> response : sent) {
            assertThat(response.get().status()).as(response.get().toString()).isEqualTo(201);
        }
        Response usageNow = api.get("/api/v1/billing/usage", shop.tenant().admin().accessToken());
        assertThat(usageNow.body().path("conversations").path("used").asLong()).isEqualTo(10);
        assertThat(crossCheck(shop, usageNow)).isEqualTo(10);
    }

    @Test
    void eachThresholdIsAnnouncedOnceInTheConsoleByMailAndAsAWebhookEvent() {
        ChatTenant shop = chat.tenant("usage-limits", Map.of());
        String root = fixtures.superAdmin().accessToken();
        String planId = "usage-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/platform/plans", root, plan(planId)).status()).isEqualTo(201);
        assertThat(api.put("/api/v1/platform/tenants/" + shop.tenant().id() + "/plan", root,
                Map.of("planId", planId)).status()).isEqualTo(200);
        String admin = shop.tenant().admin().accessToken();
        String path = "/hooks/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(ok()));
        assertThat(api.post("/api/v1/webhooks", admin, Map.of("url", "http://127.0.0.1:" + receiver.port() + path,
                "events", List.of("usage.threshold_reached"))).status()).isEqualTo(201);

        for (int i = 1; i <= 7; i++) {
            visitorSays(shop, null, "Question " + i, "And a second message");
        }

        JsonNode usageNow = api.get("/api/v1/billing/usage", admin).body();
        assertThat(usageNow.path("conversations").path("used").asLong()).isEqualTo(7);
        assertThat(usageNow.path("conversations").path("percent").asInt()).isEqualTo(140);
        assertThat(usageNow.path("conversations").path("over").asLong()).isEqualTo(2);
        assertThat(usageNow.path("thresholds").valueStream().map(t -> t.path("metric").asString() + " "
                + t.path("percent").asInt())).containsExactly("conversations 80", "conversations 100",
                "conversations 120");

        List<NotificationRequested> told = notifications.to(shop.tenant().admin().userId(), "usage.threshold");
        assertThat(told).extracting(NotificationRequested::title).containsExactly(
                "Conversations at 80 % of your plan", "Conversations at 100 % of your plan",
                "Conversations at 120 % of your plan");
        assertThat(told).allMatch(NotificationRequested::email);
        assertThat(told.get(0).body()).contains("4 of the 5 conversations");
        JsonNode bell = api.get("/api/v1/notifications", admin).body().path("items");
        assertThat(bell.valueStream().filter(n -> n.path("kind").asString().equals("usage.threshold")).count())
                .isEqualTo(3);

        MimeMessage mail = awaitMail(shop.tenant().admin().email(), "Conversations at 100 % of your plan");
        assertThat(mail).isNotNull();

        List<JsonNode> events = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))).stream()
                        .map(r -> Api.JSON.readTree(r.getBodyAsString())).toList(), l -> l.size() >= 3);
        assertThat(events).extracting(e -> e.path("type").asString()).containsOnly("usage.threshold_reached");
        assertThat(events).extracting(e -> e.path("data").path("percent").asInt() + "/"
                + e.path("data").path("used").asLong() + "/" + e.path("data").path("allowance").asLong())
                .containsExactlyInAnyOrder("80/4/5", "100/5/5", "120/6/5");
        // Nothing more for the seventh conversation, nor for reading the usage again.
        api.get("/api/v1/billing/usage", admin);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() ->
                receiver.findAll(postRequestedFor(urlEqualTo(path))).size() == 3);
        assertThat(notifications.to(shop.tenant().admin().userId(), "usage.threshold")).hasSize(3);
    }

    @Test
    void operatorsAreMeasuredWhenASeatIsTakenStorageWhenReadAndPeopleHearOfTheHighestThresholdPassedAtOneGo() {
        ChatTenant shop = chat.tenant("usage-seats", Map.of());
        String root = fixtures.superAdmin().accessToken();
        String planId = "seats-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> plan = plan(planId);
        plan.put("includedOperators", 2);
        plan.put("storageMb", 0);
        plan.put("features", List.of("branding"));
        assertThat(api.post("/api/v1/platform/plans", root, plan).status()).isEqualTo(201);
        assertThat(api.put("/api/v1/platform/tenants/" + shop.tenant().id() + "/plan", root,
                Map.of("planId", planId)).status()).isEqualTo(200);
        String admin = shop.tenant().admin().accessToken();
        fixtures.member(shop.tenant(), "OPERATOR");
        // The second seat is taken: the admin hears of it at once, before anyone reads the usage (in the console's
        // list: the job may run on any node, here any application context of the test JVM).
        await().atMost(Duration.ofSeconds(10)).until(() -> usageNotices(admin).contains(
                "Operators at 100 % of your plan"));
        String logo = "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'><rect width='8' height='8'/></svg>";
        assertThat(api.raw("PUT", "/api/v1/settings/logo", admin, "image/svg+xml", logo).status()).isEqualTo(204);

        JsonNode usageNow = api.get("/api/v1/billing/usage", admin).body();
        api.get("/api/v1/billing/usage", admin);

        assertThat(usageNow.path("operators").path("used").asLong()).isEqualTo(2);
        assertThat(usageNow.path("operators").path("percent").asInt()).isEqualTo(100);
        assertThat(usageNow.path("storage").path("used").asLong()).isEqualTo(logo.length());
        assertThat(usageNow.path("storage").path("included").asLong()).isZero();
        assertThat(usageNow.path("thresholds").valueStream().map(t -> t.path("metric").asString() + " "
                + t.path("percent").asInt())).containsExactlyInAnyOrder("operators 80", "operators 100",
                "storage 80", "storage 100", "storage 120");
        assertThat(usageNotices(admin))
                .containsExactlyInAnyOrder("Operators at 100 % of your plan", "Storage at 120 % of your plan");
        JsonNode history = api.get("/api/v1/billing/usage/history", admin).body().path("periods");
        assertThat(history.get(0).path("operators").asInt()).isEqualTo(2);
        assertThat(history.get(0).path("storageBytes").asLong()).isEqualTo(logo.length());
    }

    @Test
    void theLiveStreamTellsTheAdminWhenTheCountGoesUp() {
        ChatTenant shop = chat.tenant("usage-live", Map.of());
        String admin = shop.tenant().admin().accessToken();
        try (EventStream stream = EventStream.open(api, "/api/v1/billing/usage/stream", admin)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.await("hello", Duration.ofSeconds(5))).isNotNull();

            visitorSays(shop, null, "Live!");
            visitorSays(shop, null, "Live too!");

            long seen = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (seen < 2 && System.nanoTime() < deadline) {
                EventStream.Event event = stream.await("usage", Duration.ofSeconds(3));
                if (event != null) {
                    seen = event.data().path("conversations").asLong();
                }
            }
            assertThat(seen).isEqualTo(2);
        }
    }

    @Test
    void anotherTenantSeesOnlyItsOwnUsageAndOperatorsAreRefused() {
        ChatTenant shop = chat.tenant("usage-mine", Map.of());
        ChatTenant other = chat.tenant("usage-theirs", Map.of());
        visitorSays(shop, null, "Only in the first shop");
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");

        JsonNode theirs = api.get("/api/v1/billing/usage", other.tenant().admin().accessToken()).body();
        Response refused = api.get("/api/v1/billing/usage", operator.accessToken());
        Response refusedHistory = api.get("/api/v1/billing/usage/history", operator.accessToken());
        Response refusedStream = api.get("/api/v1/billing/usage/stream", operator.accessToken());
        Response badMonths = api.get("/api/v1/billing/usage/history?months=99", shop.tenant().admin().accessToken());

        assertThat(theirs.path("conversations").path("used").asLong()).isZero();
        assertThat(api.get("/api/v1/billing/usage", shop.tenant().admin().accessToken()).body()
                .path("conversations").path("used").asLong()).isEqualTo(1);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refusedHistory.status()).isEqualTo(403);
        assertThat(refusedStream.status()).isEqualTo(403);
        assertThat(badMonths.status()).isEqualTo(400);
        assertThat(badMonths.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(badMonths.raw()).contains("months");
    }

    private void sendAll(ExecutorService threads, ChatTenant shop, List<String> visitors, int round,
                         List<Future<Response>> sent) throws Exception {
        List<Future<Response>> batch = new ArrayList<>();
        for (int message = 0; message < (round == 0 ? 1 : 3); message++) {
            for (String visitor : visitors) {
                String body = "round " + round + " message " + message;
                batch.add(threads.submit(() -> chat.widget("POST", "/api/v1/widget/messages", visitor,
                        ChatFixtures.originOf(shop), Map.of("body", body))));
            }
        }
        for (Future<Response> response : batch) {
            response.get();
        }
        sent.addAll(batch);
    }

    @Test
    void aVisitorMessageWhoseTransactionRollsBackCountsNothingAndIsNotRemembered() {
        ChatTenant shop = chat.tenant("usage-rollback", Map.of());
        TenantId tenant = TenantId.of(shop.tenant().id());
        UUID conversation = UUID.randomUUID();
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        TenantContext.runAs(tenant, () -> transaction.executeWithoutResult(status -> {
            events.publishEvent(new VisitorMessageReceived(tenant, conversation, Instant.now()));
            status.setRollbackOnly();
        }));
        long afterRollback = api.get("/api/v1/billing/usage", shop.tenant().admin().accessToken()).body()
                .path("conversations").path("used").asLong();
        TenantContext.runAs(tenant, () -> transaction.executeWithoutResult(status ->
                events.publishEvent(new VisitorMessageReceived(tenant, conversation, Instant.now()))));

        assertThat(afterRollback).isZero();
        assertThat(api.get("/api/v1/billing/usage", shop.tenant().admin().accessToken()).body()
                .path("conversations").path("used").asLong()).isEqualTo(1);
    }

    @Test
    void theSuperAdminReadsATenantsUsageAndNobodyElseDoes() {
        ChatTenant shop = chat.tenant("usage-platform", Map.of());
        visitorSays(shop, null, "Counted for the platform too");
        String root = fixtures.superAdmin().accessToken();
        String path = "/api/v1/platform/tenants/" + shop.tenant().id() + "/usage";

        Response read = api.get(path, root);
        Response history = api.get(path + "/history?months=2", root);
        Response byAdmin = api.get(path, shop.tenant().admin().accessToken());
        Response unknown = api.get("/api/v1/platform/tenants/" + UUID.randomUUID() + "/usage", root);

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.body().path("conversations").path("used").asLong()).isEqualTo(1);
        assertThat(history.body().path("periods").get(0).path("conversations").asLong()).isEqualTo(1);
        assertThat(byAdmin.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("TENANT_NOT_FOUND");
    }

    /** The titles of the usage notices in the person's notification list. */
    private List<String> usageNotices(String token) {
        return api.get("/api/v1/notifications", token).body().path("items").valueStream()
                .filter(n -> n.path("kind").asString().equals("usage.threshold"))
                .map(n -> n.path("title").asString()).toList();
    }

    record Visitor(String token, String conversation) {
    }

    private Visitor visitorSays(ChatTenant shop, String visitorToken, String... messages) {
        String token = visitorToken == null ? chat.startVisitor(shop, null).text("visitorToken") : visitorToken;
        String conversation = null;
        for (String message : messages) {
            Response sent = chat.widget("POST", "/api/v1/widget/messages", token, ChatFixtures.originOf(shop),
                    Map.of("body", message));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            conversation = sent.text("conversationId");
        }
        return new Visitor(token, conversation);
    }

    /** Chat's own count of the period, from its messages: the metered count must agree with it. */
    private long crossCheck(ChatTenant shop, Response usageNow) {
        TenantId tenant = TenantId.of(shop.tenant().id());
        Instant start = Instant.parse(usageNow.body().path("periodStart").asString());
        Instant end = Instant.parse(usageNow.body().path("periodEnd").asString());
        return TenantContext.callAs(tenant, () -> new TransactionTemplate(transactions).execute(status ->
                facts.activeConversations(tenant, start, end)));
    }

    private static Map<String, Object> plan(String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("name", "Tiny " + id);
        body.put("currency", "EUR");
        body.put("monthlyPrice", 900);
        body.put("yearlyPrice", 9000);
        body.put("includedOperators", 10);
        body.put("includedConversations", 5);
        body.put("storageMb", 100);
        body.put("apiRatePerMinute", 6000);
        body.put("features", List.of("webhooks"));
        return body;
    }

    private static MimeMessage awaitMail(String address, String subject) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(address) && subject.equals(message.getSubject())) {
                    return message;
                }
            }
            return null;
        }, m -> m != null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
