package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Conversations for the dashboard's tests: started by visitors through the widget API, answered and resolved
 * through the operators' API, and, where a test needs another day, moved in time on the platform path (the
 * application has no clock a running test can turn).
 */
final class ChatTraffic {

    private final Api api;
    private final ChatFixtures chat;
    private final PlatformTransactions platform;
    private final JdbcClient db;

    ChatTraffic(Api api, PlatformTransactions platform, JdbcClient db) {
        this.api = api;
        this.chat = new ChatFixtures(api);
        this.platform = platform;
        this.db = db;
    }

    /** A new visitor writes in: a new queued conversation. */
    UUID start(ChatTenant tenant, String body) {
        String visitor = chat.startVisitor(tenant, null).text("visitorToken");
        Response sent = chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(tenant),
                Map.of("body", body));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return UUID.fromString(sent.text("conversationId"));
    }

    /** A new visitor leaves a message with the offline form. */
    UUID offline(ChatTenant tenant, String body) {
        String visitor = chat.startVisitor(tenant, null).text("visitorToken");
        Response sent = chat.widget("POST", "/api/v1/widget/offline", visitor, ChatFixtures.originOf(tenant),
                Map.of("email", "later@example.com", "body", body));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return UUID.fromString(sent.text("conversationId"));
    }

    /** An operator's reply (which claims a queued conversation) or private note. */
    void reply(String operatorToken, UUID conversation, String body, boolean isPrivate) {
        Response sent = api.post("/api/v1/conversations/" + conversation + "/messages", operatorToken,
                Map.of("body", body, "isPrivate", isPrivate));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }

    void resolve(String operatorToken, UUID conversation) {
        Response resolved = api.post("/api/v1/conversations/" + conversation + "/resolve", operatorToken, null);
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    }

    /** Moves a conversation's start (and its visitor's first message) to another moment. */
    void startedAt(UUID tenant, UUID conversation, Instant at) {
        platform.run(() -> {
            db.sql("UPDATE conversations SET created_at = :at WHERE tenant_id = :tenant AND id = :id")
                    .param("at", Timestamp.from(at)).param("tenant", tenant).param("id", conversation).update();
            db.sql("""
                            UPDATE messages SET created_at = :at
                            WHERE tenant_id = :tenant AND conversation_id = :id AND sender_kind = 'VISITOR'
                            """)
                    .param("at", Timestamp.from(at)).param("tenant", tenant).param("id", conversation).update();
        });
    }

    /** Moves the operators' messages of a conversation, notes or replies, to another moment. */
    void operatorMessagesAt(UUID tenant, UUID conversation, boolean isPrivate, Instant at) {
        platform.run(() -> db.sql("""
                        UPDATE messages SET created_at = :at
                        WHERE tenant_id = :tenant AND conversation_id = :id AND sender_kind = 'OPERATOR'
                          AND private = :private
                        """)
                .param("at", Timestamp.from(at)).param("tenant", tenant).param("id", conversation)
                .param("private", isPrivate).update());
    }

    void resolvedAt(UUID tenant, UUID conversation, Instant at) {
        platform.run(() -> db.sql("""
                        UPDATE conversations SET resolved_at = :at WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("at", Timestamp.from(at)).param("tenant", tenant).param("id", conversation).update());
    }
}
