package dev.parley.billing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.parley.billing.invoice.InvoiceLine;
import dev.parley.billing.invoice.LineKind;
import dev.parley.billing.invoice.Money;
import dev.parley.shared.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Lines waiting for the tenant's next invoice ({@code invoice_items}): proration after a plan change, one-off
 * charges. An invoice takes them with {@link #take}, which marks them with its id in the same transaction, so an item
 * is billed exactly once.
 */
@Repository
public class PendingInvoiceItems {

    /** A pending line and the period it covers (null for a one-off). */
    public record Item(UUID id, InvoiceLine line, Instant periodStart, Instant periodEnd, Instant createdAt) {
    }

    private final JdbcClient db;

    PendingInvoiceItems(JdbcClient db) {
        this.db = db;
    }

    public UUID add(UUID tenant, InvoiceLine line, Instant periodStart, Instant periodEnd, Instant now) {
        UUID id = Ids.newId();
        db.sql("""
                        INSERT INTO invoice_items (tenant_id, id, kind, description, amount, currency, period_start,
                            period_end, created_at)
                        VALUES (:tenant, :id, :kind, :description, :amount, :currency, :start, :end, :now)
                        """)
                .param("tenant", tenant).param("id", id).param("kind", line.kind().name())
                .param("description", line.description()).param("amount", line.amount().minorUnits())
                .param("currency", line.amount().currency().getCurrencyCode())
                .param("start", periodStart == null ? null : Timestamp.from(periodStart))
                .param("end", periodEnd == null ? null : Timestamp.from(periodEnd))
                .param("now", Timestamp.from(now)).update();
        return id;
    }

    /** The tenant's items no invoice has taken yet, oldest first. */
    public List<Item> pending(UUID tenant) {
        return db.sql("""
                        SELECT id, kind, description, amount, currency, period_start, period_end, created_at
                        FROM invoice_items WHERE tenant_id = :tenant AND invoice_id IS NULL ORDER BY created_at, id
                        """)
                .param("tenant", tenant)
                .query((rs, n) -> new Item(rs.getObject("id", UUID.class),
                        new InvoiceLine(LineKind.valueOf(rs.getString("kind")), rs.getString("description"),
                                Money.of(rs.getLong("amount"), java.util.Currency.getInstance(rs.getString("currency")))),
                        rs.getTimestamp("period_start") == null ? null : rs.getTimestamp("period_start").toInstant(),
                        rs.getTimestamp("period_end") == null ? null : rs.getTimestamp("period_end").toInstant(),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /**
     * Marks the pending items {@code ids} as billed on {@code invoiceId} and answers how many it took: an item
     * another invoice took first is not taken again (call inside the invoice's transaction, after locking the
     * subscription).
     */
    public int take(UUID tenant, List<UUID> ids, UUID invoiceId) {
        if (ids.isEmpty()) {
            return 0;
        }
        return db.sql("""
                        UPDATE invoice_items SET invoice_id = :invoice
                        WHERE tenant_id = :tenant AND id IN (:ids) AND invoice_id IS NULL
                        """)
                .param("tenant", tenant).param("ids", ids).param("invoice", invoiceId).update();
    }
}
