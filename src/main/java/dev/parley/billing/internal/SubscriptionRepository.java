package dev.parley.billing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.billing.BillingInterval;
import dev.parley.billing.Subscription;
import dev.parley.billing.SubscriptionStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code subscriptions} table (one row per tenant); callers choose the transaction. */
@Repository
public class SubscriptionRepository {

    private static final String COLUMNS = """
            tenant_id, plan_id, billing_interval, status, trial_end, billing_anchor, current_period_start,
            current_period_end, cancel_at_period_end, pending_plan_id, canceled_at, created_at, updated_at""";

    private final JdbcClient db;

    SubscriptionRepository(JdbcClient db) {
        this.db = db;
    }

    public Optional<Subscription> find(UUID tenant) {
        return db.sql("SELECT " + COLUMNS + " FROM subscriptions WHERE tenant_id = :tenant").param("tenant", tenant)
                .query(SubscriptionRepository::subscription).optional();
    }

    /** The same row, locked until the transaction ends: every change of a subscription reads it this way. */
    public Optional<Subscription> lock(UUID tenant) {
        return db.sql("SELECT " + COLUMNS + " FROM subscriptions WHERE tenant_id = :tenant FOR UPDATE")
                .param("tenant", tenant).query(SubscriptionRepository::subscription).optional();
    }

    /** The billing anchor of the tenant's subscription. */
    public Optional<Instant> anchor(UUID tenant) {
        return db.sql("SELECT billing_anchor FROM subscriptions WHERE tenant_id = :tenant").param("tenant", tenant)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /** Subscriptions (not canceled) whose current period ended at or before {@code now}: platform transactions. */
    public List<UUID> due(Instant now, int limit) {
        return db.sql("""
                        SELECT tenant_id FROM subscriptions WHERE status <> 'CANCELED' AND current_period_end <= :now
                        ORDER BY current_period_end LIMIT :limit
                        """)
                .param("now", Timestamp.from(now)).param("limit", limit).query(UUID.class).list();
    }

    public void insert(Subscription s, Instant anchor) {
        db.sql("""
                        INSERT INTO subscriptions (tenant_id, plan_id, billing_interval, status, trial_end,
                            billing_anchor, current_period_start, current_period_end, cancel_at_period_end,
                            pending_plan_id, canceled_at, created_at, updated_at)
                        VALUES (:tenant, :plan, :interval, :status, :trialEnd, :anchor, :start, :end, :cancel,
                            :pending, :canceledAt, :created, :updated)
                        """)
                .params(values(s)).param("anchor", Timestamp.from(anchor)).update();
    }

    /** Writes every field of the subscription but its creation time and anchor. */
    public void update(Subscription s) {
        db.sql("""
                        UPDATE subscriptions SET plan_id = :plan, billing_interval = :interval, status = :status,
                            trial_end = :trialEnd, current_period_start = :start, current_period_end = :end,
                            cancel_at_period_end = :cancel, pending_plan_id = :pending, canceled_at = :canceledAt,
                            updated_at = :updated,
                            pending_interval = CASE WHEN CAST(:pending AS text) IS NULL THEN NULL ELSE pending_interval END
                        WHERE tenant_id = :tenant
                        """)
                .params(values(s)).update();
    }

    /** The interval of the change waiting for the period's end (empty: the interval stays). */
    public Optional<BillingInterval> pendingInterval(UUID tenant) {
        return db.sql("SELECT pending_interval FROM subscriptions WHERE tenant_id = :tenant AND pending_interval IS NOT NULL")
                .param("tenant", tenant).query((rs, n) -> BillingInterval.valueOf(rs.getString(1))).optional();
    }

    /** Sets the interval of the pending change; it is cleared whenever the pending plan is. */
    public void setPendingInterval(UUID tenant, BillingInterval interval) {
        db.sql("UPDATE subscriptions SET pending_interval = :interval WHERE tenant_id = :tenant")
                .param("tenant", tenant).param("interval", interval == null ? null : interval.name()).update();
    }

    /** Moves the billing anchor (an interval change or a restart after cancellation starts a new cycle). */
    public void reanchor(UUID tenant, Instant anchor) {
        db.sql("UPDATE subscriptions SET billing_anchor = :anchor WHERE tenant_id = :tenant")
                .param("tenant", tenant).param("anchor", Timestamp.from(anchor)).update();
    }

    private static java.util.Map<String, Object> values(Subscription s) {
        var values = new java.util.HashMap<String, Object>();
        values.put("tenant", s.tenantId());
        values.put("plan", s.planId());
        values.put("interval", s.interval().name());
        values.put("status", s.status().name());
        values.put("trialEnd", timestamp(s.trialEnd()));
        values.put("start", timestamp(s.currentPeriodStart()));
        values.put("end", timestamp(s.currentPeriodEnd()));
        values.put("cancel", s.cancelAtPeriodEnd());
        values.put("pending", s.pendingPlanId());
        values.put("canceledAt", timestamp(s.canceledAt()));
        values.put("created", timestamp(s.createdAt()));
        values.put("updated", timestamp(s.updatedAt()));
        return values;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Subscription subscription(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getObject("tenant_id", UUID.class), rs.getString("plan_id"),
                BillingInterval.valueOf(rs.getString("billing_interval")),
                SubscriptionStatus.valueOf(rs.getString("status")), instant(rs, "trial_end"),
                instant(rs, "current_period_start"), instant(rs, "current_period_end"),
                rs.getBoolean("cancel_at_period_end"), rs.getString("pending_plan_id"), instant(rs, "canceled_at"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
