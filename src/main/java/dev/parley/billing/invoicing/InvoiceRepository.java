package dev.parley.billing.invoicing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code invoices}, {@code invoice_lines} and {@code invoice_payments} rows. Runs in the caller's transaction:
 * the tenant's own (row-level security) or the platform path (billing runs, super-admins, webhooks).
 */
@Repository
class InvoiceRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            tenant_id, id, number, kind, status, billing_reason, credited_invoice_id, period_start, period_end,
            currency, subtotal, discount, tax_rate_bp, tax, total, amount_paid, amount_credited, applied_balance,
            billing_details::text AS billing_details, memo, created_at, issued_at, due_at, paid_at, voided_at,
            uncollectible_at, attempt_count, next_attempt_at, dunning_since, dunning_step, last_payment_error""";

    private final JdbcClient db;

    InvoiceRepository(JdbcClient db) {
        this.db = db;
    }

    /** A new draft with its lines; {@link #issue} numbers and opens it. */
    void insertDraft(Invoice invoice) {
        db.sql("""
                        INSERT INTO invoices (tenant_id, id, kind, status, billing_reason, credited_invoice_id,
                            period_start, period_end, currency, subtotal, discount, tax_rate_bp, tax, total,
                            applied_balance, billing_details, memo, created_at, updated_at)
                        VALUES (:tenant, :id, :kind, 'DRAFT', :reason, :credited, :start, :end, :currency, :subtotal,
                            :discount, :taxRate, :tax, :total, :applied, CAST(:details AS jsonb), :memo, :now, :now)
                        """)
                .param("tenant", invoice.tenantId()).param("id", invoice.id()).param("kind", invoice.kind().name())
                .param("reason", invoice.billingReason()).param("credited", invoice.creditedInvoiceId())
                .param("start", ts(invoice.periodStart())).param("end", ts(invoice.periodEnd()))
                .param("currency", invoice.currency()).param("subtotal", invoice.subtotal())
                .param("discount", invoice.discount()).param("taxRate", invoice.taxRateBasisPoints())
                .param("tax", invoice.tax()).param("total", invoice.total()).param("applied", invoice.appliedBalance())
                .param("details", JSON.writeValueAsString(invoice.billingDetails())).param("memo", invoice.memo())
                .param("now", ts(invoice.createdAt())).update();
        for (Invoice.Line line : invoice.lines()) {
            db.sql("""
                            INSERT INTO invoice_lines (tenant_id, invoice_id, position, kind, description, amount)
                            VALUES (:tenant, :invoice, :position, :kind, :description, :amount)
                            """)
                    .param("tenant", invoice.tenantId()).param("invoice", invoice.id())
                    .param("position", line.position()).param("kind", line.kind())
                    .param("description", line.description()).param("amount", line.amount()).update();
        }
    }

    /** The draft becomes final: numbered and open (or paid at once when nothing is owed). */
    void issue(UUID tenant, UUID id, String number, InvoiceStatus status, Instant issuedAt, Instant dueAt,
               Instant nextAttemptAt) {
        db.sql("""
                        UPDATE invoices SET number = :number, status = :status, issued_at = :issued, due_at = :due,
                            paid_at = CASE WHEN :status = 'PAID' THEN CAST(:issued AS timestamptz) END,
                            next_attempt_at = :next, updated_at = :issued
                        WHERE tenant_id = :tenant AND id = :id AND status = 'DRAFT'
                        """)
                .param("tenant", tenant).param("id", id).param("number", number).param("status", status.name())
                .param("issued", ts(issuedAt)).param("due", ts(dueAt)).param("next", ts(nextAttemptAt)).update();
    }

    Optional<Invoice> find(UUID tenant, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM invoices WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant).param("id", id).query(InvoiceRepository::map).optional()
                .map(this::withLines);
    }

    /** Platform path: any tenant's invoice by its id, its row locked until the transaction ends. */
    Optional<Invoice> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM invoices WHERE id = :id FOR UPDATE")
                .param("id", id).query(InvoiceRepository::map).optional().map(this::withLines);
    }

    /** Platform path: any tenant's invoice by its id. */
    Optional<Invoice> findAny(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM invoices WHERE id = :id")
                .param("id", id).query(InvoiceRepository::map).optional().map(this::withLines);
    }

    /** The tenant's issued invoices and credit notes, newest first (drafts are never shown). */
    List<Invoice> list(UUID tenant, int limit) {
        return db.sql("SELECT " + COLUMNS + """
                         FROM invoices WHERE tenant_id = :tenant AND status <> 'DRAFT'
                        ORDER BY issued_at DESC, number DESC LIMIT :limit
                        """)
                .param("tenant", tenant).param("limit", limit).query(InvoiceRepository::map).list();
    }

    /** Whether another open invoice of the tenant is overdue (dunning runs), so the subscription stays past due. */
    boolean hasOtherOverdue(UUID tenant, UUID except) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM invoices WHERE tenant_id = :tenant AND id <> :id
                                       AND status IN ('OPEN', 'UNCOLLECTIBLE') AND dunning_since IS NOT NULL)
                        """)
                .param("tenant", tenant).param("id", except).query(Boolean.class).single();
    }

    /** Platform path: open invoices whose next collection step is due. */
    List<UUID> dueForCollection(Instant now, int limit) {
        return db.sql("""
                        SELECT id FROM invoices WHERE status = 'OPEN' AND next_attempt_at <= :now
                        ORDER BY next_attempt_at LIMIT :limit
                        """)
                .param("now", ts(now)).param("limit", limit).query(UUID.class).list();
    }

    /** Platform path: the tenants whose subscription period has ended, oldest end first. */
    List<UUID> subscriptionsDue(Instant now, int limit) {
        return db.sql("""
                        SELECT tenant_id FROM subscriptions WHERE status <> 'CANCELED' AND current_period_end <= :now
                        ORDER BY current_period_end, tenant_id LIMIT :limit
                        """)
                .param("now", ts(now)).param("limit", limit).query(UUID.class).list();
    }

    void collectionStep(UUID tenant, UUID id, int attempts, Instant nextAttemptAt, Instant dunningSince,
                        int dunningStep, String lastError, Instant now) {
        db.sql("""
                        UPDATE invoices SET attempt_count = :attempts, next_attempt_at = :next,
                            dunning_since = :since, dunning_step = :step, last_payment_error = :error,
                            updated_at = :now
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant).param("id", id).param("attempts", attempts).param("next", ts(nextAttemptAt))
                .param("since", ts(dunningSince)).param("step", dunningStep)
                .param("error", lastError == null ? null : truncate(lastError, 500)).param("now", ts(now)).update();
    }

    void changeStatus(UUID tenant, UUID id, InvoiceStatus status, Instant now) {
        db.sql("""
                        UPDATE invoices SET status = :status, next_attempt_at = NULL, updated_at = :now,
                            paid_at = CASE WHEN :status = 'PAID' THEN CAST(:now AS timestamptz) ELSE paid_at END,
                            voided_at = CASE WHEN :status = 'VOID' THEN CAST(:now AS timestamptz) ELSE voided_at END,
                            uncollectible_at = CASE WHEN :status = 'UNCOLLECTIBLE' THEN CAST(:now AS timestamptz)
                                                    ELSE uncollectible_at END
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant).param("id", id).param("status", status.name()).param("now", ts(now))
                .update();
    }

    /** Records a payment once per provider reference; answers false when it was recorded before. */
    boolean recordPayment(UUID tenant, UUID id, UUID invoice, String provider, String reference, long amount,
                          String currency, Instant at) {
        int inserted = db.sql("""
                        INSERT INTO invoice_payments (tenant_id, id, invoice_id, provider, reference, amount, currency,
                            paid_at)
                        VALUES (:tenant, :id, :invoice, :provider, :reference, :amount, :currency, :at)
                        ON CONFLICT (provider, reference) DO NOTHING
                        """)
                .param("tenant", tenant).param("id", id).param("invoice", invoice).param("provider", provider)
                .param("reference", truncate(reference, 255)).param("amount", amount).param("currency", currency)
                .param("at", ts(at)).update();
        if (inserted == 1) {
            db.sql("UPDATE invoices SET amount_paid = amount_paid + :amount, updated_at = :at "
                            + "WHERE tenant_id = :tenant AND id = :invoice")
                    .param("tenant", tenant).param("invoice", invoice).param("amount", amount).param("at", ts(at))
                    .update();
        }
        return inserted == 1;
    }

    void addCredit(UUID tenant, UUID id, long amount, Instant now) {
        db.sql("UPDATE invoices SET amount_credited = amount_credited + :amount, updated_at = :now "
                        + "WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant).param("id", id).param("amount", amount).param("now", ts(now)).update();
    }

    record Payment(String provider, String reference, long amount, Instant paidAt) {
    }

    List<Payment> payments(UUID tenant, UUID invoice) {
        return db.sql("""
                        SELECT provider, reference, amount, paid_at FROM invoice_payments
                        WHERE tenant_id = :tenant AND invoice_id = :invoice ORDER BY paid_at
                        """)
                .param("tenant", tenant).param("invoice", invoice)
                .query((rs, n) -> new Payment(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    private Invoice withLines(Invoice invoice) {
        List<Invoice.Line> lines = db.sql("""
                        SELECT position, kind, description, amount FROM invoice_lines
                        WHERE tenant_id = :tenant AND invoice_id = :invoice ORDER BY position
                        """)
                .param("tenant", invoice.tenantId()).param("invoice", invoice.id())
                .query((rs, n) -> new Invoice.Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .list();
        return invoice.withLines(lines);
    }

    private static Invoice map(ResultSet rs, int row) throws SQLException {
        return new Invoice(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getString("number"), Invoice.Kind.valueOf(rs.getString("kind")),
                InvoiceStatus.valueOf(rs.getString("status")), rs.getString("billing_reason"),
                rs.getObject("credited_invoice_id", UUID.class), instant(rs, "period_start"),
                instant(rs, "period_end"), rs.getString("currency"), rs.getLong("subtotal"), rs.getLong("discount"),
                rs.getInt("tax_rate_bp"), rs.getLong("tax"), rs.getLong("total"), rs.getLong("amount_paid"),
                rs.getLong("amount_credited"), rs.getLong("applied_balance"), JSON.readValue(rs.getString("billing_details"), DETAILS),
                rs.getString("memo"), instant(rs, "created_at"), instant(rs, "issued_at"), instant(rs, "due_at"),
                instant(rs, "paid_at"), instant(rs, "voided_at"), instant(rs, "uncollectible_at"),
                rs.getInt("attempt_count"), instant(rs, "next_attempt_at"), instant(rs, "dunning_since"),
                rs.getInt("dunning_step"), rs.getString("last_payment_error"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
