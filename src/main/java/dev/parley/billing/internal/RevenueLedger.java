package dev.parley.billing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import dev.parley.billing.BillingInterval;
import dev.parley.shared.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The revenue ledger ({@code mrr_movements}): every change of a tenant's monthly recurring revenue, written in the
 * transaction that changes the subscription. Revenue reporting (MRR, ARR, new / expansion / contraction / churn,
 * trial conversion) is computed from it alone. Amounts are minor units of {@code currency}.
 */
@Repository
public class RevenueLedger {

    /** Why the MRR moved. */
    public enum Kind {
        /** A trial began (MRR 0 → 0); counted for trial conversion. */
        TRIAL_STARTED,
        /** The first paid period: a trial converted, or a subscription started paid. */
        NEW,
        EXPANSION,
        CONTRACTION,
        /** The subscription ended (MRR → 0). */
        CHURN,
        /** A canceled subscription started again. */
        REACTIVATION,
        /** A trial ended without converting (MRR 0 → 0). */
        TRIAL_EXPIRED
    }

    private final JdbcClient db;

    RevenueLedger(JdbcClient db) {
        this.db = db;
    }

    public void record(UUID tenant, Instant at, Kind kind, String planId, BillingInterval interval, String currency,
                       long mrrBefore, long mrrAfter) {
        db.sql("""
                        INSERT INTO mrr_movements (tenant_id, id, at, kind, plan_id, billing_interval, currency,
                            mrr_before, mrr_after)
                        VALUES (:tenant, :id, :at, :kind, :plan, :interval, :currency, :before, :after)
                        """)
                .param("tenant", tenant).param("id", Ids.newId()).param("at", Timestamp.from(at))
                .param("kind", kind.name()).param("plan", planId).param("interval", interval.name())
                .param("currency", currency).param("before", mrrBefore).param("after", mrrAfter).update();
    }
}
