package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.Socket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Live chat through its APIs and sockets: isolation, limits, idempotency, routing and the frame protocol. */
@ParleyIntegrationTest
class ChatApiIT {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("owner")
    javax.sql.DataSource owner;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        chat = new ChatFixtures(api);
    }

    @Test
    void theWidgetApiRefusesOriginsOffTheAllowList() {
        ChatTenant shop = chat.tenant("origin", Map.of());

        Response allowed = chat.widget("GET", "/api/v1/widget/config?key=" + shop.widgetKey(), null,
                ChatFixtures.originOf(shop), null);
        Response foreign = chat.widget("GET", "/api/v1/widget/config?key=" + shop.widgetKey(), null,
                "https://evil.example.test", null);
        Response none = chat.widget("GET", "/api/v1/widget/config?key=" + shop.widgetKey(), null, null, null);
        Response unknownKey = chat.widget("GET", "/api/v1/widget/config?key=pk_nope", null,
                ChatFixtures.originOf(shop), null);

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.text("tenantName")).isEqualTo(shop.tenant().name());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.code()).isEqualTo("ORIGIN_NOT_ALLOWED");
        assertThat(none.status()).isEqualTo(403);
        assertThat(unknownKey.status()).isEqualTo(404);
    }

    @Test
    void aVisitorMessageStartsAConversationThatOperatorsSeeUnderTheVisitorsName() {
        ChatTenant shop = chat.tenant("start", Map.of());
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        chat.widget("POST", "/api/v1/widget/prechat", visitor, ChatFixtures.originOf(shop),
                Map.of("name", "Pat Prechat", "email", "pat@example.com"));

        Response sent = chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(shop),
                Map.of("body", "Hello there", "clientId", "c-1"));

        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.body().path("seq").asLong()).isEqualTo(1);
        Response list = api.get("/api/v1/conversations?view=queue", shop.tenant().admin().accessToken());
        JsonNode conversation = list.body().path("items").get(0);
        assertThat(conversation.path("visitorName").asText()).isEqualTo("Pat Prechat");
        assertThat(conversation.path("visitorEmail").asText()).isEqualTo("pat@example.com");
        assertThat(conversation.path("status").asText()).isEqualTo("QUEUED");
        assertThat(conversation.path("lastMessagePreview").asText()).isEqualTo("Hello there");
        assertThat(conversation.path("currentPage").asText()).endsWith("/pricing");
        assertThat(conversation.path("country").asText()).isEqualTo("BE");
    }

    @Test
    void anAnonymousVisitorIsNeverUnknown() {
        ChatTenant shop = chat.tenant("anon", Map.of());
        String visitor = chat.startVisitor(shop, null).text("visitorToken");

        chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(shop), Map.of("body", "hi"));

        JsonNode conversation = api.get("/api/v1/conversations", shop.tenant().admin().accessToken())
                .body().path("items").get(0);
        assertThat(conversation.path("visitorName").asText()).matches("Visitor #\\d+");
    }

    @Test
    void retryingWithTheSameClientIdDoesNotDuplicateAndSequenceNumbersHaveNoGaps() {
        ChatTenant shop = chat.tenant("idem", Map.of());
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        String origin = ChatFixtures.originOf(shop);

        Response first = chat.widget("POST", "/api/v1/widget/messages", visitor, origin, Map.of("body", "once", "clientId", "x-1"));
        Response retry = chat.widget("POST", "/api/v1/widget/messages", visitor, origin, Map.of("body", "once", "clientId", "x-1"));
        Response next = chat.widget("POST", "/api/v1/widget/messages", visitor, origin, Map.of("body", "twice", "clientId", "x-2"));

        assertThat(retry.text("id")).isEqualTo(first.text("id"));
        assertThat(next.body().path("seq").asLong()).isEqualTo(first.body().path("seq").asLong() + 1);
        String conversation = first.text("conversationId");
        Response messages = api.get("/api/v1/conversations/" + conversation + "/messages",
                shop.tenant().admin().accessToken());
        assertThat(messages.body().findValuesAsString("body")).containsExactly("once", "twice");
    }

    @Test
    void messageLimitsAreClearErrors() {
        ChatTenant shop = chat.tenant("limits", Map.of());
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        String origin = ChatFixtures.originOf(shop);

        Response empty = chat.widget("POST", "/api/v1/widget/messages", visitor, origin, Map.of("body", "   "));
        Response tooLong = chat.widget("POST", "/api/v1/widget/messages", visitor, origin,
                Map.of("body", "x".repeat(10_001)));
        int tooMany = 0;
        for (int i = 0; i < 15; i++) {
            Response r = chat.widget("POST", "/api/v1/widget/messages", visitor, origin, Map.of("body", "spam " + i));
            if (r.status() == 429) {
                tooMany++;
                assertThat(r.code()).isEqualTo("TOO_MANY_MESSAGES");
                assertThat(r.header("Retry-After")).isNotBlank();
            }
        }

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("MESSAGE_EMPTY");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooMany).isGreaterThan(0);
    }

    @Test
    void anotherTenantsConversationsAndContactsAre404AndNeverListed() {
        ChatTenant a = chat.tenant("iso-a", Map.of());
        ChatTenant b = chat.tenant("iso-b", Map.of());
        String visitor = chat.startVisitor(b, null).text("visitorToken");
        Response sent = chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(b),
                Map.of("body", "secret of b"));
        String conversation = sent.text("conversationId");
        String token = a.tenant().admin().accessToken();
        String contact = api.get("/api/v1/conversations/" + conversation, b.tenant().admin().accessToken())
                .text("contactId");

        assertThat(api.get("/api/v1/conversations/" + conversation, token).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + conversation + "/messages", token).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/conversations/" + conversation + "/messages", token, Map.of("body", "x")).status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/conversations/" + conversation + "/assign", token, Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/conversations/" + conversation + "/resolve", token, null).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/conversations/" + conversation + "/reopen", token, null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/contacts/" + contact, token).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations?view=all", token).raw()).doesNotContain(conversation);
        assertThat(api.get("/api/v1/conversations?q=secret", token).raw()).doesNotContain("secret of b");
        assertThat(api.get("/api/v1/contacts", token).raw()).doesNotContain(contact);
    }

    @Test
    void aVisitorSeesOnlyTheirOwnConversation() {
        ChatTenant shop = chat.tenant("own", Map.of());
        String origin = ChatFixtures.originOf(shop);
        String alice = chat.startVisitor(shop, null).text("visitorToken");
        String bob = chat.startVisitor(shop, null).text("visitorToken");
        String aliceConversation = chat.widget("POST", "/api/v1/widget/messages", alice, origin,
                Map.of("body", "alice's question")).text("conversationId");

        Response bobReads = chat.widget("GET", "/api/v1/widget/messages?conversationId=" + aliceConversation,
                bob, origin, null);

        assertThat(bobReads.status()).isEqualTo(404);
        assertThat(chat.startVisitor(shop, alice).body().path("messages").toString()).contains("alice's question");
        assertThat(chat.startVisitor(shop, bob).body().path("messages").toString()).doesNotContain("alice");
    }

    @Test
    void fullTextSearchFindsConversationsByMessageWords() {
        ChatTenant shop = chat.tenant("search", Map.of());
        String origin = ChatFixtures.originOf(shop);
        String one = chat.startVisitor(shop, null).text("visitorToken");
        String two = chat.startVisitor(shop, null).text("visitorToken");
        chat.widget("POST", "/api/v1/widget/messages", one, origin, Map.of("body", "My invoice is wrong"));
        chat.widget("POST", "/api/v1/widget/messages", two, origin, Map.of("body", "Where is my parcel"));

        Response found = api.get("/api/v1/conversations?view=all&q=invoice", shop.tenant().admin().accessToken());

        assertThat(found.body().path("items")).hasSize(1);
        assertThat(found.body().path("items").get(0).path("lastMessagePreview").asText()).contains("invoice");
    }

    @Test
    void automaticAssignmentGoesToTheLeastLoadedOnlineOperatorAndTheQueueWaitsWhenAllAreFull() {
        ChatTenant shop = chat.tenant("route", Map.of("chat", Map.of("assignment", "auto", "maxConcurrentChats", 1)));
        Session second = fixtures.member(shop.tenant(), "OPERATOR");
        String origin = ChatFixtures.originOf(shop);
        try (Socket adminSocket = Socket.operator(port, shop.tenant().admin().accessToken());
             Socket secondSocket = Socket.operator(port, second.accessToken())) {
            adminSocket.await("hello");
            secondSocket.await("hello");
            String v1 = chat.startVisitor(shop, null).text("visitorToken");
            String v2 = chat.startVisitor(shop, null).text("visitorToken");
            String v3 = chat.startVisitor(shop, null).text("visitorToken");

            String c1 = chat.widget("POST", "/api/v1/widget/messages", v1, origin, Map.of("body", "one")).text("conversationId");
            String c2 = chat.widget("POST", "/api/v1/widget/messages", v2, origin, Map.of("body", "two")).text("conversationId");
            String c3 = chat.widget("POST", "/api/v1/widget/messages", v3, origin, Map.of("body", "three")).text("conversationId");

            String token = shop.tenant().admin().accessToken();
            JsonNode first = api.get("/api/v1/conversations/" + c1, token).body();
            JsonNode secondConversation = api.get("/api/v1/conversations/" + c2, token).body();
            JsonNode third = api.get("/api/v1/conversations/" + c3, token).body();
            assertThat(first.path("status").asText()).isEqualTo("ASSIGNED");
            assertThat(secondConversation.path("status").asText()).isEqualTo("ASSIGNED");
            assertThat(first.path("assigneeId").asText()).isNotEqualTo(secondConversation.path("assigneeId").asText());
            assertThat(third.path("status").asText()).isEqualTo("QUEUED");

            api.post("/api/v1/conversations/" + c1 + "/resolve", token, null);

            JsonNode afterResolve = api.get("/api/v1/conversations/" + c3, token).body();
            assertThat(afterResolve.path("status").asText()).isEqualTo("ASSIGNED");
            assertThat(afterResolve.path("assigneeId").asText()).isEqualTo(first.path("assigneeId").asText());
        }
    }

    @Test
    void inManualModeOperatorsClaimAndTransferAndVisitorsSeeTheirPlaceInTheQueue() {
        ChatTenant shop = chat.tenant("manual", Map.of("chat", Map.of("assignment", "manual")));
        Session colleague = fixtures.member(shop.tenant(), "OPERATOR");
        String origin = ChatFixtures.originOf(shop);
        String token = shop.tenant().admin().accessToken();
        try (Socket admin = Socket.operator(port, token)) {
            admin.await("hello");
            String v1 = chat.startVisitor(shop, null).text("visitorToken");
            String v2 = chat.startVisitor(shop, null).text("visitorToken");
            String c1 = chat.widget("POST", "/api/v1/widget/messages", v1, origin, Map.of("body", "first")).text("conversationId");
            try (Socket visitorTwo = Socket.visitor(port, v2, origin)) {
                visitorTwo.await("hello");
                String c2 = chat.widget("POST", "/api/v1/widget/messages", v2, origin, Map.of("body", "second")).text("conversationId");
                assertThat(visitorTwo.await(f -> "queue.position".equals(f.path("type").asString())
                        && f.path("position").asInt() == 2).path("conversationId").asText()).isEqualTo(c2);

                Response claimed = api.post("/api/v1/conversations/" + c1 + "/assign", token, Map.of());
                assertThat(claimed.text("status")).isEqualTo("ASSIGNED");
                assertThat(visitorTwo.await(f -> "queue.position".equals(f.path("type").asString())
                        && f.path("position").asInt() == 1)).isNotNull();
            }
            Response transferred = api.post("/api/v1/conversations/" + c1 + "/assign", token,
                    Map.of("assigneeId", colleague.userId().toString()));
            assertThat(transferred.text("assigneeId")).isEqualTo(colleague.userId().toString());
            assertThat(api.get("/api/v1/conversations/" + c1 + "/messages", token).raw())
                    .contains("joined the conversation");
            api.post("/api/v1/conversations/" + c1 + "/messages", colleague.accessToken(), Map.of("body", "I'll take it"));
            api.post("/api/v1/conversations/" + c1 + "/messages", token, Map.of("body", "Thanks", "isPrivate", true));
            assertThat(api.get("/api/v1/conversations/" + c1, token).body().path("participants").toString())
                    .contains(colleague.email().substring(0, 3)).contains("Admin of");
        }
    }

    @Test
    void aResolvedConversationReopensWhenTheVisitorWritesAgain() {
        ChatTenant shop = chat.tenant("reopen", Map.of());
        String origin = ChatFixtures.originOf(shop);
        String token = shop.tenant().admin().accessToken();
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        String conversation = chat.widget("POST", "/api/v1/widget/messages", visitor, origin,
                Map.of("body", "help")).text("conversationId");
        api.post("/api/v1/conversations/" + conversation + "/assign", token, Map.of());
        api.post("/api/v1/conversations/" + conversation + "/resolve", token, null);
        assertThat(api.get("/api/v1/conversations/" + conversation, token).text("status")).isEqualTo("RESOLVED");

        Response again = chat.widget("POST", "/api/v1/widget/messages", visitor, origin, Map.of("body", "one more thing"));

        assertThat(again.text("conversationId")).isEqualTo(conversation);
        JsonNode reopened = api.get("/api/v1/conversations/" + conversation, token).body();
        assertThat(reopened.path("status").asText()).isEqualTo("ASSIGNED");
        assertThat(reopened.path("assigneeId").asText()).isEqualTo(shop.tenant().admin().userId().toString());
    }

    @Test
    void privateNotesReachOperatorsButNeverTheVisitor() {
        ChatTenant shop = chat.tenant("notes", Map.of());
        String origin = ChatFixtures.originOf(shop);
        String token = shop.tenant().admin().accessToken();
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        String conversation = chat.widget("POST", "/api/v1/widget/messages", visitor, origin,
                Map.of("body", "hello")).text("conversationId");
        try (Socket visitorSocket = Socket.visitor(port, visitor, origin);
             Socket operatorSocket = Socket.operator(port, token)) {
            visitorSocket.await("hello");
            operatorSocket.await("hello");

            api.post("/api/v1/conversations/" + conversation + "/messages", token,
                    Map.of("body", "customer is a VIP", "isPrivate", true));
            api.post("/api/v1/conversations/" + conversation + "/messages", token, Map.of("body", "Hi! How can I help?"));

            assertThat(operatorSocket.await(f -> f.path("message").path("body").asString("").equals("customer is a VIP")))
                    .isNotNull();
            JsonNode reply = visitorSocket.await(f -> "message.created".equals(f.path("type").asString())
                    && f.path("message").path("senderKind").asString().equals("OPERATOR"));
            assertThat(reply.path("message").path("body").asString()).isEqualTo("Hi! How can I help?");
            assertThat(visitorSocket.drain(300).toString()).doesNotContain("VIP");
            assertThat(chat.widget("GET", "/api/v1/widget/messages?conversationId=" + conversation, visitor, origin, null)
                    .raw()).doesNotContain("VIP");
        }
    }

    @Test
    void badFramesGetAnErrorFrameAndTheConnectionStaysUp() {
        ChatTenant shop = chat.tenant("frames", Map.of());
        try (Socket socket = Socket.operator(port, shop.tenant().admin().accessToken())) {
            socket.await("hello");

            socket.sendRaw("{not json");
            assertThat(socket.await("error").path("code").asString()).isEqualTo("MALFORMED_FRAME");
            socket.sendRaw("{\"type\":\"launch.rockets\"}");
            assertThat(socket.await("error").path("code").asString()).isEqualTo("UNKNOWN_FRAME");
            socket.sendRaw("{\"type\":\"message.send\",\"body\":\"" + "x".repeat(20_000) + "\"}");
            assertThat(socket.await("error").path("code").asString()).isEqualTo("FRAME_TOO_LARGE");
            socket.send(Map.of("type", "message.send", "conversationId", UUID.randomUUID().toString(), "body", "x",
                    "ref", "r1"));
            JsonNode notFound = socket.await("error");
            assertThat(notFound.path("code").asString()).isEqualTo("CONVERSATION_NOT_FOUND");
            assertThat(notFound.path("ref").asString()).isEqualTo("r1");

            socket.send(Map.of("type", "ping"));
            assertThat(socket.await("pong")).isNotNull();
        }
    }

    @Test
    void socketsRefuseBadTokensAndForeignOrigins() {
        ChatTenant shop = chat.tenant("wsauth", Map.of());
        String visitor = chat.startVisitor(shop, null).text("visitorToken");

        try (Socket forged = Socket.operator(port, "not-a-token");
             Socket foreign = Socket.visitor(port, visitor, "https://evil.example.test")) {
            assertThat(forged.await("error").path("code").asString()).isEqualTo("TOKEN_INVALID");
            assertThat(forged.closeCode(5)).isEqualTo(4401);
            assertThat(foreign.await("error").path("code").asString()).isEqualTo("ORIGIN_NOT_ALLOWED");
            assertThat(foreign.closeCode(5)).isEqualTo(4403);
        }
    }

    @Test
    void aDeactivatedOperatorOrSuspendedTenantIsDisconnected() {
        ChatTenant shop = chat.tenant("kick", Map.of());
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");
        String visitorToken = chat.startVisitor(shop, null).text("visitorToken");
        try (Socket socket = Socket.operator(port, operator.accessToken());
             Socket admin = Socket.operator(port, shop.tenant().admin().accessToken());
             Socket visitor = Socket.visitor(port, visitorToken, ChatFixtures.originOf(shop))) {
            socket.await("hello");
            admin.await("hello");
            visitor.await("hello");

            api.post("/api/v1/users/" + operator.userId() + "/deactivate", shop.tenant().admin().accessToken(), null);
            assertThat(socket.closeCode(15)).isEqualTo(4401);

            api.post("/api/v1/platform/tenants/" + shop.tenant().id() + "/suspend", fixtures.superAdmin().accessToken(), null);
            assertThat(admin.closeCode(15)).isEqualTo(4403);
            assertThat(visitor.closeCode(15)).isEqualTo(4403);
        }
    }

    @Test
    void aDroppedVisitorConnectionResumesWithEveryMessageExactlyOnceInOrder() {
        ChatTenant shop = chat.tenant("resume", Map.of());
        String origin = ChatFixtures.originOf(shop);
        String token = shop.tenant().admin().accessToken();
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        String conversation;
        long lastSeen;
        try (Socket first = Socket.visitor(port, visitor, origin)) {
            first.await("hello");
            first.send(Map.of("type", "message.send", "body", "v1", "clientId", "v1", "ref", "v1"));
            JsonNode ack = first.await("ack");
            conversation = ack.path("message").path("conversationId").asString();
            lastSeen = ack.path("message").path("seq").asLong();
            // The socket drops right after sending v2: its ack is lost.
            first.send(Map.of("type", "message.send", "body", "v2", "clientId", "v2", "ref", "v2"));
        }
        // The server read v2 before the close; wait until it is stored, so the operator's answers come after it.
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/conversations/" + conversation
                + "/messages", token).body().findValuesAsString("body").contains("v2"));
        // While the visitor is away the operator answers twice.
        api.post("/api/v1/conversations/" + conversation + "/messages", token, Map.of("body", "o1", "clientId", "o1"));
        api.post("/api/v1/conversations/" + conversation + "/messages", token, Map.of("body", "o2", "clientId", "o2"));

        try (Socket second = Socket.visitor(port, visitor, origin)) {
            second.await("hello");
            // The widget resends what was never acknowledged (same client id), then asks for what it missed.
            second.send(Map.of("type", "message.send", "body", "v2", "clientId", "v2", "ref", "v2"));
            second.await("ack");
            second.send(Map.of("type", "resume", "conversationId", conversation, "afterSeq", lastSeen));
            JsonNode sync = second.await("sync");

            List<String> bodies = sync.path("messages").findValuesAsString("body").stream()
                    .filter(b -> !b.contains("joined")).toList();
            assertThat(bodies).containsExactly("v2", "o1", "o2");
        }
        Response all = api.get("/api/v1/conversations/" + conversation + "/messages", token);
        List<String> everything = all.body().findValuesAsString("body").stream().filter(b -> !b.contains("joined")).toList();
        assertThat(everything).containsExactly("v1", "v2", "o1", "o2");
        List<Long> seqs = all.body().findValues("seq").stream().map(JsonNode::asLong).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void columnConfigHasTenantDefaultsAndPerOperatorOverrides() {
        ChatTenant shop = chat.tenant("columns", Map.of());
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");
        String admin = shop.tenant().admin().accessToken();

        assertThat(api.get("/api/v1/column-config", operator.accessToken()).text("source")).isEqualTo("default");
        api.put("/api/v1/column-config/tenant", admin, Map.of("columns", List.of(
                Map.of("key", "visitorName", "width", 180), Map.of("key", "email"), Map.of("key", "status"))));
        Response inherited = api.get("/api/v1/column-config", operator.accessToken());
        assertThat(inherited.text("source")).isEqualTo("tenant");
        assertThat(inherited.body().path("columns").findValuesAsString("key")).containsExactly("visitorName", "email", "status");

        api.put("/api/v1/column-config", operator.accessToken(), Map.of("columns", List.of(Map.of("key", "country"))));
        assertThat(api.get("/api/v1/column-config", operator.accessToken()).text("source")).isEqualTo("user");
        assertThat(api.put("/api/v1/column-config/tenant", operator.accessToken(),
                Map.of("columns", List.of(Map.of("key", "email")))).status()).isEqualTo(403);
        Response bad = api.put("/api/v1/column-config", operator.accessToken(),
                Map.of("columns", List.of(Map.of("key", "salary"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").get(0).path("field").asText()).isEqualTo("columns[0].key");
    }

    @Test
    void identifyNeedsAValidUserHash() throws Exception {
        ChatTenant shop = chat.tenant("ident", Map.of());
        String origin = ChatFixtures.originOf(shop);
        String visitor = chat.startVisitor(shop, null).text("visitorToken");

        Response forged = chat.widget("POST", "/api/v1/widget/identify", visitor, origin,
                Map.of("userId", "user-42", "userHash", "00".repeat(32), "name", "Mallory"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.code()).isEqualTo("IDENTITY_UNVERIFIED");
        Response named = chat.widget("POST", "/api/v1/widget/identify", visitor, origin, Map.of("name", "Nina"));
        assertThat(named.text("displayName")).isEqualTo("Nina");
    }

    @Test
    void identifyWithAValidHashAndCustomAttributesReachesTheContact() throws Exception {
        ChatTenant shop = chat.tenant("attrs", Map.of());
        String origin = ChatFixtures.originOf(shop);
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        String secret = org.springframework.jdbc.core.simple.JdbcClient.create(owner)
                .sql("SELECT identity_secret FROM tenants WHERE id = :id").param("id", shop.tenant().id())
                .query(String.class).single();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(), "HmacSHA256"));
        String hash = java.util.HexFormat.of().formatHex(mac.doFinal("user-7".getBytes()));

        Response identified = chat.widget("POST", "/api/v1/widget/identify", visitor, origin, Map.of(
                "userId", "user-7", "userHash", hash, "name", "Ursula", "phone", "+33 1 23 45 67 89",
                "attributes", Map.of("plan", "gold", "orders", 12, "vip", true)));
        Response badAttribute = chat.widget("POST", "/api/v1/widget/identify", visitor, origin,
                Map.of("attributes", Map.of("bad key!", "x")));

        assertThat(identified.status()).as(identified.toString()).isEqualTo(200);
        JsonNode contact = api.get("/api/v1/contacts/" + identified.text("contactId"), shop.tenant().admin().accessToken()).body();
        assertThat(contact.path("externalId").asText()).isEqualTo("user-7");
        assertThat(contact.path("phone").asText()).isEqualTo("+33 1 23 45 67 89");
        assertThat(contact.path("attributes").path("plan").asText()).isEqualTo("gold");
        assertThat(contact.path("attributes").path("orders").asInt()).isEqualTo(12);
        assertThat(badAttribute.status()).isEqualTo(400);
    }
}
