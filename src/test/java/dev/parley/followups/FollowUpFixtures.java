package dev.parley.followups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;

/** Conversations with contacts of known details, and follow-ups scheduled through the API. */
final class FollowUpFixtures {

    private final Api api;
    private final ChatFixtures chat;

    FollowUpFixtures(Api api) {
        this.api = api;
        this.chat = new ChatFixtures(api);
    }

    /** A tenant whose conversations wait in the queue (no automatic routing), so tests decide who has which. */
    ChatTenant tenant(String prefix) {
        return chat.tenant(prefix, Map.of("chat", Map.of("assignment", "manual")));
    }

    /** A conversation started by a visitor who told the site their name, and their email and phone when given. */
    UUID conversation(ChatTenant tenant, String name, String email, String phone) {
        String visitor = chat.startVisitor(tenant, null).text("visitorToken");
        Map<String, Object> identity = new HashMap<>();
        identity.put("name", name);
        if (email != null) {
            identity.put("email", email);
        }
        if (phone != null) {
            identity.put("phone", phone);
        }
        Response identified = chat.widget("POST", "/api/v1/widget/identify", visitor, ChatFixtures.originOf(tenant),
                identity);
        assertThat(identified.status()).as(identified.toString()).isEqualTo(200);
        Response sent = chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(tenant),
                Map.of("body", "Could someone get back to me about my order?"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return UUID.fromString(sent.text("conversationId"));
    }

    /** A moment some hours ahead, to the second. */
    static Instant inHours(long hours) {
        return Instant.now().plus(Duration.ofHours(hours)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Schedules a follow-up; extra fields (assigneeId, channel, notes, parentId …) as given. */
    Response schedule(String token, UUID conversation, String type, Instant at, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        if (conversation != null) {
            body.put("conversationId", conversation.toString());
        }
        body.put("type", type);
        body.put("scheduledAt", at.toString());
        return api.post("/api/v1/followups", token, body);
    }

    /** Schedules a follow-up that must succeed, and answers its id. */
    UUID scheduled(String token, UUID conversation, String type, Instant at, Map<String, Object> extra) {
        Response created = schedule(token, conversation, type, at, extra);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.text("id"));
    }
}
