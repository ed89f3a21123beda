package dev.parley.analytics;

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
 * Conversations for the analytics tests: started by visitors through the widget API, answered and resolved through
 * the operators' API, then moved to the moments a test needs on the platform path (the running application's clock
 * cannot be turned back).
 */
final class AnalyticsTraffic {

    private final Api api;
    private final ChatFixtures chat;
    private final PlatformTransactions platform;
    private final JdbcClient db;

    AnalyticsTraffic(Api api, PlatformTransactions platform, JdbcClient db) {
        this.api = api;
        this.chat = new ChatFixtures(api);
        this.platform = platform;
        this.db = db;
    }

    /** A visitor writes in at {@code at}. */
    UUID start(ChatTenant tenant, String body, Instant at) {
        String visitor = chat.startVisitor(tenant, null).text("visitorToken");
        Response sent = chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(tenant),
                Map.of("body", body));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        UUID conversation = UUID.fromString(sent.text("conversationId"));
        move(tenant, conversation, "created_at", at, "VISITOR");
        return conversation;
    }

    /** A visitor leaves a message with the offline form at {@code at}. */
    UUID offline(ChatTenant tenant, String body, Instant at) {
        String visitor = chat.startVisitor(tenant, null).text("visitorToken");
        Response sent = chat.widget("POST", "/api/v1/widget/offline", visitor, ChatFixtures.originOf(tenant),
                Map.of("email", "later@example.com", "body", body));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        UUID conversation = UUID.fromString(sent.text("conversationId"));
        move(tenant, conversation, "created_at", at, "VISITOR");
        return conversation;
    }

    /** An operator's replies (the first claims a queued conversation), all moved to {@code at}. */
    void reply(ChatTenant tenant, String operatorToken, UUID conversation, Instant at, String... bodies) {
        for (String body : bodies) {
            Response sent = api.post("/api/v1/conversations/" + conversation + "/messages", operatorToken,
                    Map.of("body", body, "isPrivate", false));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        }
        platform.run(() -> db.sql("""
                        UPDATE messages SET created_at = :at
                        WHERE tenant_id = :tenant AND conversation_id = :id AND sender_kind = 'OPERATOR' AND NOT private
                        """)
                .param("at", Timestamp.from(at)).param("tenant", tenant.tenant().id()).param("id", conversation)
                .update());
    }

    void note(String operatorToken, UUID conversation, String body) {
        Response sent = api.post("/api/v1/conversations/" + conversation + "/messages", operatorToken,
                Map.of("body", body, "isPrivate", true));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }

    void resolve(ChatTenant tenant, String operatorToken, UUID conversation, Instant at) {
        Response resolved = api.post("/api/v1/conversations/" + conversation + "/resolve", operatorToken, null);
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        platform.run(() -> db.sql("UPDATE conversations SET resolved_at = :at WHERE tenant_id = :tenant AND id = :id")
                .param("at", Timestamp.from(at)).param("tenant", tenant.tenant().id()).param("id", conversation)
                .update());
    }

    private void move(ChatTenant tenant, UUID conversation, String column, Instant at, String sender) {
        platform.run(() -> {
            db.sql("UPDATE conversations SET " + column + " = :at WHERE tenant_id = :tenant AND id = :id")
                    .param("at", Timestamp.from(at)).param("tenant", tenant.tenant().id()).param("id", conversation)
                    .update();
            db.sql("""
                            UPDATE messages SET created_at = :at
                            WHERE tenant_id = :tenant AND conversation_id = :id AND sender_kind = :sender
                            """)
                    .param("at", Timestamp.from(at)).param("tenant", tenant.tenant().id()).param("id", conversation)
                    .param("sender", sender).update();
        });
    }
}
