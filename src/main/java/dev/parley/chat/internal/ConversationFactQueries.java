package dev.parley.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import dev.parley.chat.ConversationFacts.ConversationFact;
import dev.parley.chat.ConversationFacts.OperatorFigures;
import dev.parley.chat.ConversationFacts.Totals;
import dev.parley.chat.ConversationStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queries behind {@link dev.parley.chat.ConversationFacts}: conversations started in {@code [from, to)} (the
 * index {@code (tenant_id, created_at)}), their messages by conversation, and each one's first public operator
 * message found by one short walk in sequence order.
 */
@Repository
public class ConversationFactQueries {

    /** The period's conversations with their first response; a CTE every query starts from. */
    private static final String STARTED = """
            WITH started AS (
                SELECT cv.id, cv.number, cv.created_at, cv.channel, cv.status, cv.offline, cv.assignee_id,
                       cv.resolved_at,
                       (SELECT m.created_at FROM messages m
                        WHERE m.tenant_id = cv.tenant_id AND m.conversation_id = cv.id
                          AND m.sender_kind = 'OPERATOR' AND NOT m.private
                        ORDER BY m.seq LIMIT 1) AS first_reply
                FROM conversations cv
                WHERE cv.tenant_id = :tenant AND cv.created_at >= :from AND cv.created_at < :to
            )
            """;

    private final JdbcClient db;

    ConversationFactQueries(JdbcClient db) {
        this.db = db;
    }

    public Totals totals(UUID tenant, Instant from, Instant to) {
        return db.sql(STARTED + """
                        SELECT (SELECT count(*) FROM started) AS conversations,
                               (SELECT count(*) FROM messages m JOIN started s ON s.id = m.conversation_id
                                WHERE m.tenant_id = :tenant AND m.sender_kind <> 'SYSTEM' AND NOT m.private) AS messages,
                               (SELECT count(*) FROM started WHERE first_reply IS NOT NULL AND NOT offline) AS answered,
                               (SELECT percentile_cont(0.5) WITHIN GROUP (
                                           ORDER BY extract(epoch FROM first_reply - created_at))
                                FROM started WHERE first_reply IS NOT NULL AND NOT offline) AS median_first,
                               (SELECT count(*) FROM conversations cv
                                WHERE cv.tenant_id = :tenant AND cv.status = 'RESOLVED'
                                  AND cv.resolved_at >= :from AND cv.resolved_at < :to) AS resolved
                        """)
                .param("tenant", tenant).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new Totals(rs.getLong("conversations"), rs.getLong("messages"),
                        rs.getLong("answered"), seconds(rs, "median_first"), rs.getLong("resolved")))
                .single();
    }

    /** Conversations with at least one visitor message in {@code [from, to)}, each counted once. */
    public long activeConversations(UUID tenant, Instant from, Instant to) {
        return db.sql("""
                        SELECT count(DISTINCT m.conversation_id) FROM messages m
                        WHERE m.tenant_id = :tenant AND m.sender_kind = 'VISITOR'
                          AND m.created_at >= :from AND m.created_at < :to
                        """)
                .param("tenant", tenant).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(Long.class).single();
    }

    public List<OperatorFigures> operators(UUID tenant, Instant from, Instant to) {
        return db.sql(STARTED + """
                        , handled AS (
                            SELECT assignee_id AS user_id, count(*) AS conversations,
                                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_reply - created_at))
                                       FILTER (WHERE first_reply IS NOT NULL AND NOT offline) AS median_first,
                                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))
                                       FILTER (WHERE status = 'RESOLVED') AS median_resolution
                            FROM started WHERE assignee_id IS NOT NULL
                            GROUP BY assignee_id
                        ), sent AS (
                            SELECT m.sender_user_id AS user_id, count(*) AS messages
                            FROM messages m JOIN started s ON s.id = m.conversation_id
                            WHERE m.tenant_id = :tenant AND m.sender_kind = 'OPERATOR' AND NOT m.private
                              AND m.sender_user_id IS NOT NULL
                            GROUP BY m.sender_user_id
                        )
                        SELECT coalesce(h.user_id, s.user_id) AS user_id,
                               coalesce(nullif(u.name, ''), u.email) AS name,
                               coalesce(h.conversations, 0) AS conversations, h.median_first, h.median_resolution,
                               coalesce(s.messages, 0) AS messages
                        FROM handled h
                        FULL JOIN sent s ON s.user_id = h.user_id
                        LEFT JOIN users u ON u.id = coalesce(h.user_id, s.user_id)
                        ORDER BY conversations DESC, messages DESC, name
                        """)
                .param("tenant", tenant).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new OperatorFigures(rs.getObject("user_id", UUID.class), rs.getString("name"),
                        rs.getLong("conversations"), seconds(rs, "median_first"), seconds(rs, "median_resolution"),
                        rs.getLong("messages")))
                .list();
    }

    public void conversations(UUID tenant, Instant from, Instant to, Consumer<ConversationFact> sink) {
        db.sql(STARTED + """
                        SELECT s.*, coalesce(nullif(u.name, ''), u.email) AS assignee_name,
                               (SELECT count(*) FROM messages m WHERE m.tenant_id = :tenant AND m.conversation_id = s.id
                                  AND m.sender_kind = 'VISITOR') AS visitor_messages,
                               (SELECT count(*) FROM messages m WHERE m.tenant_id = :tenant AND m.conversation_id = s.id
                                  AND m.sender_kind = 'OPERATOR' AND NOT m.private) AS operator_messages
                        FROM started s
                        LEFT JOIN users u ON u.id = s.assignee_id
                        ORDER BY s.created_at, s.id
                        """)
                .param("tenant", tenant).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((ResultSet rs) -> {
                    sink.accept(new ConversationFact(rs.getObject("id", UUID.class), rs.getInt("number"),
                            instant(rs, "created_at"), rs.getString("channel"),
                            ConversationStatus.valueOf(rs.getString("status")), rs.getString("assignee_name"),
                            instant(rs, "first_reply"), instant(rs, "resolved_at"), rs.getLong("visitor_messages"),
                            rs.getLong("operator_messages")));
                });
    }

    /** A median in seconds, rounded to the nearest second; null when there was nothing to measure. */
    private static Long seconds(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
