package dev.parley.billing.invoicing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.parley.shared.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's credit balance (Stripe's customer balance), per currency: the sum of the tenant's
 * {@code billing_balance_movements}. Credit carried forward on an invoice and credit notes put on the balance add to
 * it; the next invoice issued in that currency uses it, after tax. Runs in the caller's transaction; at most one
 * movement of each reason per invoice, so a replay never counts twice.
 */
@Component
public class CreditBalance {

    /** Why the balance moved. */
    public enum Reason { CREDIT_CARRIED_FORWARD, CREDIT_NOTE, APPLIED_TO_INVOICE, INVOICE_VOIDED }

    /** The balance in one currency, in its minor units; positive is credit the customer has. */
    public record Balance(String currency, long amount) {
    }

    /** One movement; {@code invoiceNumber} is the invoice or credit note it came from or went to. */
    public record Movement(UUID id, Instant at, long amount, String currency, Reason reason, UUID invoiceId,
                           String invoiceNumber) {
    }

    private final JdbcClient db;

    CreditBalance(JdbcClient db) {
        this.db = db;
    }

    /**
     * Holds the tenant's balance until the transaction ends, so two invoices issued at once (a cycle and an "invoice
     * now") never both use the same credit.
     */
    void lock(UUID tenant) {
        db.sql("SELECT pg_advisory_xact_lock(hashtextextended('billing-balance:' || CAST(:tenant AS text), 0))")
                .param("tenant", tenant).query((rs, n) -> 1).list();
    }

    long available(UUID tenant, String currency) {
        return db.sql("""
                        SELECT coalesce(sum(amount), 0) FROM billing_balance_movements
                        WHERE tenant_id = :tenant AND currency = :currency
                        """)
                .param("tenant", tenant).param("currency", currency).query(Long.class).single();
    }

    /** Records a movement once per invoice and reason; answers false when it was recorded before. */
    boolean move(UUID tenant, long amount, String currency, Reason reason, UUID invoice, Instant at) {
        if (amount == 0) {
            return false;
        }
        return db.sql("""
                        INSERT INTO billing_balance_movements (tenant_id, id, at, amount, currency, reason, invoice_id)
                        VALUES (:tenant, :id, :at, :amount, :currency, :reason, :invoice)
                        ON CONFLICT (tenant_id, invoice_id, reason) DO NOTHING
                        """)
                .param("tenant", tenant).param("id", Ids.newId()).param("at", InvoiceRepository.ts(at))
                .param("amount", amount).param("currency", currency).param("reason", reason.name())
                .param("invoice", invoice).update() == 1;
    }

    /** The balances that are not zero, by currency. */
    public List<Balance> balances(UUID tenant) {
        return db.sql("""
                        SELECT currency, sum(amount) FROM billing_balance_movements WHERE tenant_id = :tenant
                        GROUP BY currency HAVING sum(amount) <> 0 ORDER BY currency
                        """)
                .param("tenant", tenant).query((rs, n) -> new Balance(rs.getString(1), rs.getLong(2))).list();
    }

    /** The latest movements, newest first. */
    public List<Movement> movements(UUID tenant, int limit) {
        return db.sql("""
                        SELECT m.id, m.at, m.amount, m.currency, m.reason, m.invoice_id, i.number
                        FROM billing_balance_movements m
                        JOIN invoices i ON i.tenant_id = m.tenant_id AND i.id = m.invoice_id
                        WHERE m.tenant_id = :tenant ORDER BY m.at DESC, m.id DESC LIMIT :limit
                        """)
                .param("tenant", tenant).param("limit", limit)
                .query((rs, n) -> new Movement(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        rs.getLong(3), rs.getString(4), Reason.valueOf(rs.getString(5)), rs.getObject(6, UUID.class),
                        rs.getString(7)))
                .list();
    }
}
