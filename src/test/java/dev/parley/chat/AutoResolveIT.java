package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.Socket;
import dev.parley.support.TimeMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * A tenant's {@code autoResolveHours}: a recurring job resolves conversations nobody wrote in for that long, the
 * way an operator resolves one, and leaves recent conversations and tenants without the setting alone.
 */
@ParleyIntegrationTest
class AutoResolveIT {

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
    void conversationsIdlePastTheTenantsHoursAreResolvedAndEveryoneSeesItHappen() {
        ChatTenant shop = chat.tenant("idle", Map.of("chat", Map.of("assignment", "manual")));
        Response set = api.patch("/api/v1/settings", shop.tenant().admin().accessToken(),
                Map.of("chat", Map.of("autoResolveHours", 1)));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        ChatTenant never = chat.tenant("never", Map.of("chat", Map.of("assignment", "manual")));
        api.patch("/api/v1/settings", never.tenant().admin().accessToken(), Map.of("chat", Map.of("autoResolveHours", 0)));
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        String assigned = say(shop, visitor, "Is anyone there?");
        api.post("/api/v1/conversations/" + assigned + "/assign", shop.tenant().admin().accessToken(), Map.of());
        String queued = say(shop, chat.startVisitor(shop, null).text("visitorToken"), "Hello?");
        String otherTenants = say(never, chat.startVisitor(never, null).text("visitorToken"), "Hi");

        time.pauseJobs(); // the job waits while people connect after the idle hour
        time.advance(Duration.ofMinutes(90));
        String recent = say(shop, chat.startVisitor(shop, null).text("visitorToken"), "I just arrived");
        Session operator = fixtures.login(shop.tenant().admin().email(), Fixtures.PASSWORD, shop.tenant().id());
        try (Socket visitorSocket = Socket.visitor(port, visitor, ChatFixtures.originOf(shop));
             Socket operatorSocket = Socket.operator(port, operator.accessToken())) {
            visitorSocket.await("hello");
            operatorSocket.await("hello");

            time.resumeJobs();

            JsonNode resolved = operatorSocket.await(f -> "conversation.resolved".equals(f.path("type").asString())
                    && assigned.equals(f.path("conversation").path("id").asString()));
            assertThat(resolved.path("conversation").path("status").asString()).isEqualTo("RESOLVED");
            JsonNode note = visitorSocket.await(f -> "message.created".equals(f.path("type").asString())
                    && "SYSTEM".equals(f.path("message").path("senderKind").asString()));
            assertThat(note.path("message").path("body").asString()).isEqualTo("Resolved after 1 hour without activity");
            JsonNode update = visitorSocket.await("conversation.updated");
            assertThat(update.path("conversation").path("status").asString()).isEqualTo("RESOLVED");
        }
        String token = operator.accessToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(token, queued).equals("RESOLVED"));
        JsonNode last = null;
        for (JsonNode message : api.get("/api/v1/conversations/" + assigned + "/messages", token).body()) {
            last = last == null || message.path("seq").asLong() > last.path("seq").asLong() ? message : last;
        }
        assertThat(last.path("body").asString()).as("the transcript ends with why")
                .isEqualTo("Resolved after 1 hour without activity");
        assertThat(status(token, recent)).as("a conversation with a recent message").isEqualTo("QUEUED");
        Session neverAdmin = fixtures.login(never.tenant().admin().email(), Fixtures.PASSWORD, never.tenant().id());
        assertThat(status(neverAdmin.accessToken(), otherTenants)).as("a tenant with autoResolveHours 0")
                .isEqualTo("QUEUED");
    }

    private String say(ChatTenant tenant, String visitor, String text) {
        return chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(tenant),
                Map.of("body", text)).text("conversationId");
    }

    private String status(String token, String conversation) {
        return api.get("/api/v1/conversations/" + conversation, token).text("status");
    }
}
