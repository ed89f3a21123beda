package dev.parley.billing.invoicing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which suspensions dunning made ({@code billing_suspensions}): settling the debt lifts those, and only those. Platform
 * path.
 */
@Repository
class BillingSuspensions {

    private final JdbcClient db;

    BillingSuspensions(JdbcClient db) {
        this.db = db;
    }

    void record(UUID tenant, UUID invoice, Instant at) {
        db.sql("""
                        INSERT INTO billing_suspensions (tenant_id, invoice_id, suspended_at)
                        VALUES (:tenant, :invoice, :at) ON CONFLICT (tenant_id) DO NOTHING
                        """)
                .param("tenant", tenant).param("invoice", invoice).param("at", Timestamp.from(at)).update();
    }

    /** Removes the tenant's billing suspension; true if there was one. */
    boolean take(UUID tenant) {
        return db.sql("DELETE FROM billing_suspensions WHERE tenant_id = :tenant").param("tenant", tenant)
                .update() > 0;
    }
}
