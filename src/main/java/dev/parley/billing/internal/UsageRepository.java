package dev.parley.billing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.billing.invoice.BillingPeriod;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The usage tables ({@code usage_conversations}, {@code usage_periods}, {@code usage_thresholds}); callers choose the
 * transaction (the tenant's own, or a platform one for the invoice). Every write is a single statement whose
 * outcome the database decides, so any number of nodes can write at once.
 */
@Repository
public class UsageRepository {

    /** One period's row. {@code operators} and {@code storageBytes} are null until first measured. */
    public record PeriodRow(Instant start, Instant end, long conversations, Integer operators, Long storageBytes,
                            Instant measuredAt) {
    }

    private final JdbcClient db;

    UsageRepository(JdbcClient db) {
        this.db = db;
    }

    /** Marks the conversation active in the period; true only for the call that made the row. */
    public boolean markActive(UUID tenant, Instant periodStart, UUID conversation) {
        return db.sql("""
                        INSERT INTO usage_conversations (tenant_id, period_start, conversation_id)
                        VALUES (:tenant, :start, :conversation) ON CONFLICT DO NOTHING
                        """)
                .param("tenant", tenant).param("start", Timestamp.from(periodStart))
                .param("conversation", conversation).update() == 1;
    }

    /** Adds one conversation to the period's count; answers the new count (each caller gets its own). */
    public long addConversation(UUID tenant, BillingPeriod period) {
        return db.sql("""
                        INSERT INTO usage_periods AS p (tenant_id, period_start, period_end, conversations)
                        VALUES (:tenant, :start, :end, 1)
                        ON CONFLICT (tenant_id, period_start) DO UPDATE SET conversations = p.conversations + 1
                        RETURNING conversations
                        """)
                .param("tenant", tenant).param("start", Timestamp.from(period.start()))
                .param("end", Timestamp.from(period.end())).query(Long.class).single();
    }

    /** Records the measure of operators and storage for the period (the period row is made if missing). */
    public void measured(UUID tenant, BillingPeriod period, int operators, long storageBytes, Instant at) {
        db.sql("""
                        INSERT INTO usage_periods AS p (tenant_id, period_start, period_end, operators, storage_bytes,
                            measured_at)
                        VALUES (:tenant, :start, :end, :operators, :storage, :at)
                        ON CONFLICT (tenant_id, period_start) DO UPDATE SET operators = excluded.operators,
                            storage_bytes = excluded.storage_bytes, measured_at = excluded.measured_at
                        """)
                .param("tenant", tenant).param("start", Timestamp.from(period.start()))
                .param("end", Timestamp.from(period.end())).param("operators", operators)
                .param("storage", storageBytes).param("at", Timestamp.from(at)).update();
    }

    public Optional<PeriodRow> period(UUID tenant, Instant periodStart) {
        return db.sql("""
                        SELECT period_start, period_end, conversations, operators, storage_bytes, measured_at
                        FROM usage_periods WHERE tenant_id = :tenant AND period_start = :start
                        """)
                .param("tenant", tenant).param("start", Timestamp.from(periodStart))
                .query(UsageRepository::row).optional();
    }

    /** The conversations counted in the period (0 when none). */
    public long conversations(UUID tenant, Instant periodStart) {
        return period(tenant, periodStart).map(PeriodRow::conversations).orElse(0L);
    }

    /** Conversations counted in periods that start within {@code [from, to)}, each once. */
    public long activeConversations(UUID tenant, Instant from, Instant to) {
        return db.sql("""
                        SELECT count(DISTINCT conversation_id) FROM usage_conversations
                        WHERE tenant_id = :tenant AND period_start >= :from AND period_start < :to
                        """)
                .param("tenant", tenant).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(Long.class).single();
    }

    /** The tenant's periods starting before {@code before}, newest first. */
    public List<PeriodRow> history(UUID tenant, Instant before, int limit) {
        return db.sql("""
                        SELECT period_start, period_end, conversations, operators, storage_bytes, measured_at
                        FROM usage_periods WHERE tenant_id = :tenant AND period_start < :before
                        ORDER BY period_start DESC LIMIT :limit
                        """)
                .param("tenant", tenant).param("before", Timestamp.from(before)).param("limit", limit)
                .query(UsageRepository::row).list();
    }

    /** Records that a threshold was reached; true only for the call that recorded it. */
    public boolean thresholdReached(UUID tenant, Instant periodStart, String metric, int percent, long used,
                                    long allowance, Instant at) {
        return db.sql("""
                        INSERT INTO usage_thresholds (tenant_id, period_start, metric, percent, used, allowance,
                            reached_at)
                        VALUES (:tenant, :start, :metric, :percent, :used, :allowance, :at) ON CONFLICT DO NOTHING
                        """)
                .param("tenant", tenant).param("start", Timestamp.from(periodStart)).param("metric", metric)
                .param("percent", percent).param("used", used).param("allowance", allowance)
                .param("at", Timestamp.from(at)).update() == 1;
    }

    /** The thresholds reached in the period: metric and percent, in the order they were reached. */
    public List<String[]> thresholds(UUID tenant, Instant periodStart) {
        return db.sql("""
                        SELECT metric, percent, reached_at FROM usage_thresholds
                        WHERE tenant_id = :tenant AND period_start = :start ORDER BY reached_at, percent
                        """)
                .param("tenant", tenant).param("start", Timestamp.from(periodStart))
                .query((rs, n) -> new String[] {rs.getString(1), Integer.toString(rs.getInt(2)),
                        rs.getTimestamp(3).toInstant().toString()}).list();
    }

    /**
     * Tenants with a subscription that is not canceled and no measure since {@code since} (platform transaction):
     * the daily snapshot's list. A run soon after another finds almost nobody.
     */
    public List<UUID> unmeasuredSince(Instant since) {
        return db.sql("""
                        SELECT s.tenant_id FROM subscriptions s WHERE s.status <> 'CANCELED'
                        AND NOT EXISTS (SELECT 1 FROM usage_periods p WHERE p.tenant_id = s.tenant_id
                                        AND p.measured_at >= :since)
                        ORDER BY s.tenant_id
                        """)
                .param("since", Timestamp.from(since)).query(UUID.class).list();
    }

    private static PeriodRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp measured = rs.getTimestamp("measured_at");
        return new PeriodRow(rs.getTimestamp("period_start").toInstant(), rs.getTimestamp("period_end").toInstant(),
                rs.getLong("conversations"), (Integer) rs.getObject("operators"),
                (Long) rs.getObject("storage_bytes"), measured == null ? null : measured.toInstant());
    }
}
