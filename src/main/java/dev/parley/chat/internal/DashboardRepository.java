package dev.parley.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.parley.chat.ConversationStatus;
import dev.parley.chat.Presence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tenant dashboard's figures, each one query over the tenant's conversations. Day and month boundaries are
 * instants computed by the caller in the tenant's time zone, so the database never interprets a zone name.
 */
@Repository
public class DashboardRepository {

    /** Conversations started since the start of the month, and of them since the start of the day. */
    public record Started(long today, long thisMonth, long offlineToday, long offlineThisMonth) {
    }

    /** Conversations open now: live chats waiting in the queue, chats with an operator, offline messages waiting. */
    public record Open(long queued, long assigned, long offlineWaiting) {
    }

    /** Resolved today, and the live chats resolved since {@code since} with their average duration. */
    public record Resolved(long today, long since, Double averageSeconds) {
    }

    /** Live chats started since a moment that had an operator's reply, and the average wait for it. */
    public record FirstResponses(long answered, Double averageSeconds) {
    }

    /** One of the most recent conversations. */
    public record Recent(UUID id, int number, ConversationStatus status, boolean offline, String visitorName,
                         String assigneeName, Instant createdAt, Instant lastMessageAt, String lastMessagePreview) {
    }

    private final JdbcClient db;

    DashboardRepository(JdbcClient db) {
        this.db = db;
    }

    public Started started(UUID tenant, Instant dayStart, Instant monthStart) {
        return db.sql("""
                        SELECT count(*) FILTER (WHERE created_at >= :dayStart) AS today,
                               count(*) AS this_month,
                               count(*) FILTER (WHERE offline AND created_at >= :dayStart) AS offline_today,
                               count(*) FILTER (WHERE offline) AS offline_month
                        FROM conversations
                        WHERE tenant_id = :tenant AND created_at >= :monthStart
                        """)
                .param("tenant", tenant).param("dayStart", Timestamp.from(dayStart))
                .param("monthStart", Timestamp.from(monthStart))
                .query((rs, n) -> new Started(rs.getLong("today"), rs.getLong("this_month"),
                        rs.getLong("offline_today"), rs.getLong("offline_month")))
                .single();
    }

    public Open open(UUID tenant) {
        return db.sql("""
                        SELECT count(*) FILTER (WHERE status = 'QUEUED' AND NOT offline) AS queued,
                               count(*) FILTER (WHERE status = 'ASSIGNED') AS assigned,
                               count(*) FILTER (WHERE status = 'QUEUED' AND offline) AS offline_waiting
                        FROM conversations
                        WHERE tenant_id = :tenant AND status IN ('QUEUED', 'ASSIGNED')
                        """)
                .param("tenant", tenant)
                .query((rs, n) -> new Open(rs.getLong("queued"), rs.getLong("assigned"), rs.getLong("offline_waiting")))
                .single();
    }

    /** Offline-form conversations count as resolved today but not in the average: they are answered by email. */
    public Resolved resolved(UUID tenant, Instant dayStart, Instant since) {
        return db.sql("""
                        SELECT count(*) FILTER (WHERE resolved_at >= :dayStart) AS today,
                               count(*) FILTER (WHERE resolved_at >= :since AND NOT offline) AS since,
                               avg(extract(epoch FROM resolved_at - created_at))
                                   FILTER (WHERE resolved_at >= :since AND NOT offline) AS average
                        FROM conversations
                        WHERE tenant_id = :tenant AND status = 'RESOLVED'
                          AND resolved_at >= least(CAST(:dayStart AS timestamptz), CAST(:since AS timestamptz))
                        """)
                .param("tenant", tenant).param("dayStart", Timestamp.from(dayStart))
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new Resolved(rs.getLong("today"), rs.getLong("since"), nullableDouble(rs, "average")))
                .single();
    }

    /**
     * The first reply a visitor saw (an operator's message that is not a private note), per live chat started
     * since {@code since}: one short walk of the conversation's messages in sequence order.
     */
    public FirstResponses firstResponses(UUID tenant, Instant since) {
        return db.sql("""
                        SELECT count(*) AS answered, avg(extract(epoch FROM reply.at - cv.created_at)) AS average
                        FROM conversations cv
                        CROSS JOIN LATERAL (SELECT m.created_at AS at FROM messages m
                                            WHERE m.tenant_id = cv.tenant_id AND m.conversation_id = cv.id
                                              AND m.sender_kind = 'OPERATOR' AND NOT m.private
                                            ORDER BY m.seq LIMIT 1) reply
                        WHERE cv.tenant_id = :tenant AND cv.created_at >= :since AND NOT cv.offline
                        """)
                .param("tenant", tenant).param("since", Timestamp.from(since))
                .query((rs, n) -> new FirstResponses(rs.getLong("answered"), nullableDouble(rs, "average")))
                .single();
    }

    /**
     * Conversations started per day: {@code bounds} are the starts of consecutive days (and the end of the last),
     * the answer has one count per day.
     */
    public long[] startedPerDay(UUID tenant, List<Instant> bounds) {
        String array = bounds.stream().map(Instant::toString).collect(Collectors.joining(",", "{", "}"));
        Map<Integer, Long> byBucket = db.sql("""
                        SELECT width_bucket(created_at, CAST(:bounds AS timestamptz[])) AS bucket, count(*) AS n
                        FROM conversations
                        WHERE tenant_id = :tenant AND created_at >= :from AND created_at < :to
                        GROUP BY 1
                        """)
                .param("tenant", tenant).param("bounds", array)
                .param("from", Timestamp.from(bounds.getFirst())).param("to", Timestamp.from(bounds.getLast()))
                .query((rs, n) -> Map.entry(rs.getInt("bucket"), rs.getLong("n")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long[] days = new long[bounds.size() - 1];
        for (int i = 0; i < days.length; i++) {
            days[i] = byBucket.getOrDefault(i + 1, 0L);
        }
        return days;
    }

    public List<Recent> recent(UUID tenant, int limit) {
        return db.sql("SELECT cv.id, cv.number, cv.status, cv.offline, cv.created_at, cv.last_message_at, "
                        + "cv.last_message_preview, " + ContactRepository.DISPLAY_NAME + """
                         AS visitor_name, coalesce(nullif(u.name, ''), u.email) AS assignee_name
                        FROM conversations cv
                        JOIN contacts c ON c.tenant_id = cv.tenant_id AND c.id = cv.contact_id
                        LEFT JOIN users u ON u.id = cv.assignee_id
                        WHERE cv.tenant_id = :tenant
                        ORDER BY cv.id DESC
                        LIMIT :limit
                        """)
                .param("tenant", tenant).param("limit", limit)
                .query(DashboardRepository::recent).list();
    }

    /** Each operator's stored presence (people without a row never connected: offline). */
    public Map<UUID, Presence> presences(UUID tenant) {
        return db.sql("SELECT user_id, presence FROM operator_status WHERE tenant_id = :tenant")
                .param("tenant", tenant)
                .query((rs, n) -> Map.entry(rs.getObject("user_id", UUID.class),
                        Presence.valueOf(rs.getString("presence"))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Chats each operator has open now. */
    public Map<UUID, Long> openChatsByOperator(UUID tenant) {
        return db.sql("""
                        SELECT assignee_id, count(*) AS n FROM conversations
                        WHERE tenant_id = :tenant AND status = 'ASSIGNED'
                        GROUP BY assignee_id
                        """)
                .param("tenant", tenant)
                .query((rs, n) -> Map.entry(rs.getObject("assignee_id", UUID.class), rs.getLong("n")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Recent recent(ResultSet rs, int n) throws SQLException {
        Timestamp last = rs.getTimestamp("last_message_at");
        return new Recent(rs.getObject("id", UUID.class), rs.getInt("number"),
                ConversationStatus.valueOf(rs.getString("status")), rs.getBoolean("offline"),
                rs.getString("visitor_name"), rs.getString("assignee_name"),
                rs.getTimestamp("created_at").toInstant(), last != null ? last.toInstant() : null,
                rs.getString("last_message_preview"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
