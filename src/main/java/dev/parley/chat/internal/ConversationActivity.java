package dev.parley.chat.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.parley.tenancy.TenantActivity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Chat's share of the tenants' activity figures: conversations opened since the start of the month and when the
 * last message was sent. Called on the platform path, for many tenants in one query; both sub-queries walk an
 * index that leads with the tenant (messages' ids are time-ordered UUIDv7s).
 */
@Component
class ConversationActivity implements TenantActivity {

    private final JdbcClient db;

    ConversationActivity(JdbcClient db) {
        this.db = db;
    }

    @Override
    public Map<UUID, Figures> figures(Set<UUID> tenants, Instant monthStart) {
        return db.sql("""
                        SELECT t.id,
                               (SELECT count(*) FROM conversations c
                                WHERE c.tenant_id = t.id AND c.created_at >= :monthStart) AS conversations,
                               (SELECT m.created_at FROM messages m
                                WHERE m.tenant_id = t.id ORDER BY m.id DESC LIMIT 1) AS last_message
                        FROM unnest(CAST(:tenants AS uuid[])) AS t (id)
                        """)
                .param("tenants", tenants.toArray(UUID[]::new))
                .param("monthStart", Timestamp.from(monthStart))
                .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class),
                        new Figures(0, rs.getInt("conversations"), instant(rs.getTimestamp("last_message")), null)))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp != null ? timestamp.toInstant() : null;
    }
}
