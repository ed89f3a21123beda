package dev.parley.billing.invoicing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.audit.AuditLog;
import dev.parley.shared.Ids;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invoices for people: a tenant admin reads the tenant's own (row-level security, the tenant from the token) and
 * pays a failed card invoice now; a super-admin reads any tenant's and marks them paid, void or uncollectible, issues
 * credit notes and bills pending items at once. Every change is on the audit trails.
 */
@Service
public class Invoices {

    static final int LIST_LIMIT = 200;

    private final InvoiceRepository invoices;
    private final InvoiceNumbers numbers;
    private final InvoicePdf pdf;
    private final InvoiceMails mails;
    private final Collection collection;
    private final InvoiceIssuing issuing;
    private final AuditLog audit;
    private final PlatformTransactions platform;
    private final Clock clock;
    private final CreditBalance balance;

    Invoices(InvoiceRepository invoices, InvoiceNumbers numbers, InvoicePdf pdf, InvoiceMails mails,
             Collection collection, InvoiceIssuing issuing, AuditLog audit, PlatformTransactions platform,
             Clock clock, CreditBalance balance) {
        this.invoices = invoices;
        this.numbers = numbers;
        this.pdf = pdf;
        this.mails = mails;
        this.collection = collection;
        this.issuing = issuing;
        this.audit = audit;
        this.platform = platform;
        this.clock = clock;
        this.balance = balance;
    }

    // ----- the tenant's own (tenant transaction)

    @Transactional(readOnly = true)
    public List<Invoice> mine() {
        return invoices.list(TenantContext.require().value(), LIST_LIMIT);
    }

    @Transactional(readOnly = true)
    public Invoice mine(UUID id) {
        return invoices.find(TenantContext.require().value(), id).filter(i -> i.status() != InvoiceStatus.DRAFT)
                .orElseThrow(Invoices::notFound);
    }

    @Transactional(readOnly = true)
    public byte[] myPdf(UUID id) {
        return pdf.render(mine(id));
    }

    public Invoice payNow(UUID id) {
        return collection.payNow(TenantContext.require(), id);
    }

    // ----- the platform's (super-admins)

    public List<Invoice> ofTenant(TenantId tenant) {
        return platform.call(() -> invoices.list(tenant.value(), LIST_LIMIT));
    }

    public Invoice any(UUID id) {
        return platform.call(() -> invoices.findAny(id).filter(i -> i.status() != InvoiceStatus.DRAFT)
                .orElseThrow(Invoices::notFound));
    }

    public byte[] pdf(UUID id) {
        return pdf.render(any(id));
    }

    /** A bank transfer arrived (or the debt was settled otherwise): paid. */
    public Invoice markPaid(UUID id) {
        return platform.call(() -> {
            Invoice invoice = lockIssued(id);
            if (invoice.isCreditNote() || !invoice.status().canBecome(InvoiceStatus.PAID)) {
                throw notOpen(invoice);
            }
            collection.paid(invoice, "manual", "marked-paid-" + invoice.id(), clock.instant());
            audit.recordPlatform("billing.invoice_marked_paid", TenantId.of(invoice.tenantId()), "invoice",
                    invoice.id(), InvoiceIssuing.summary(invoice));
            return reload(invoice);
        });
    }

    /** An open invoice that should never have been issued: void, nothing owed, dunning stops. */
    public Invoice voidInvoice(UUID id) {
        return transition(id, InvoiceStatus.VOID, "billing.invoice_voided");
    }

    /** Written off by hand: no more collection. */
    public Invoice markUncollectible(UUID id) {
        return transition(id, InvoiceStatus.UNCOLLECTIBLE, "billing.invoice_marked_uncollectible");
    }

    private Invoice transition(UUID id, InvoiceStatus next, String action) {
        return platform.call(() -> {
            Invoice invoice = lockIssued(id);
            // Open invoices may be voided or written off; a written-off one may still be voided (the debt forgiven).
            boolean allowed = invoice.status() == InvoiceStatus.OPEN
                    || invoice.status() == InvoiceStatus.UNCOLLECTIBLE && next == InvoiceStatus.VOID;
            if (invoice.isCreditNote() || !allowed) {
                throw notOpen(invoice);
            }
            invoices.changeStatus(invoice.tenantId(), invoice.id(), next, clock.instant());
            if (next == InvoiceStatus.VOID) {
                // Nothing is owed on a void invoice: the balance it used is the customer's again.
                balance.move(invoice.tenantId(), invoice.appliedBalance(), invoice.currency(),
                        CreditBalance.Reason.INVOICE_VOIDED, invoice.id(), clock.instant());
                collection.settled(reload(invoice));
            }
            Map<String, Object> details = InvoiceIssuing.summary(invoice);
            audit.recordPlatform(action, TenantId.of(invoice.tenantId()), "invoice", invoice.id(), details);
            audit.record(TenantId.of(invoice.tenantId()), action, "invoice", invoice.id(), details);
            return reload(invoice);
        });
    }

    /** Where the part of a credit note that exceeds what the invoice still owes goes. */
    public enum Refund {
        /** To the customer's credit balance, used by the next invoice (the default). */
        BALANCE,
        /** Refunded outside Parley (a bank transfer back); Parley only records the credit note. */
        OUTSIDE
    }

    /** As {@link #creditNote(UUID, long, String, Refund)}, the excess put on the customer's balance. */
    public Invoice creditNote(UUID id, long amount, String reason) {
        return creditNote(id, amount, reason, Refund.BALANCE);
    }

    /**
     * A credit note of {@code amount} (tax included, in the invoice's minor units) against an issued invoice, with its
     * own number from the credit-note series. It reduces what the invoice owes; an open invoice credited in full is
     * settled (PAID). The part beyond what was still owed (all of it on a paid invoice) is owed back to the customer:
     * put on the customer's credit balance ({@link Refund#BALANCE}) or refunded outside Parley.
     */
    public Invoice creditNote(UUID id, long amount, String reason, Refund refund) {
        return platform.call(() -> {
            Instant now = clock.instant();
            Invoice invoice = lockIssued(id);
            if (invoice.isCreditNote() || invoice.status() == InvoiceStatus.VOID) {
                throw ParleyException.conflict("INVOICE_NOT_CREDITABLE",
                        "Invoice " + invoice.number() + " is " + invoice.status() + "; only an issued invoice that is "
                                + "not void can be credited.");
            }
            long creditable = invoice.total() - invoice.amountCredited();
            if (amount > creditable) {
                throw new ParleyException(org.springframework.http.HttpStatus.CONFLICT, "CREDIT_EXCEEDS_INVOICE",
                        "At most " + InvoiceMails.money(creditable, invoice.currency()) + " of invoice "
                                + invoice.number() + " can still be credited.", Map.of("creditable", creditable));
            }
            // The credit carries the invoice's tax rate: its tax share is taken out of the gross amount, once.
            long tax = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(invoice.taxRateBasisPoints()))
                    .divide(BigDecimal.valueOf(10_000L + invoice.taxRateBasisPoints()), 0, RoundingMode.HALF_EVEN)
                    .longValueExact();
            UUID noteId = Ids.newId();
            Invoice note = new Invoice(invoice.tenantId(), noteId, null, Invoice.Kind.CREDIT_NOTE,
                    InvoiceStatus.DRAFT, "CREDIT", invoice.id(), invoice.periodStart(), invoice.periodEnd(),
                    invoice.currency(), amount - tax, 0, invoice.taxRateBasisPoints(), tax, amount, 0, 0, 0,
                    invoice.billingDetails(), reason, now, null, null, null, null, null, 0, null, null, 0, null,
                    List.of(new Invoice.Line(0, "CREDIT", truncate("Credit for invoice " + invoice.number() + ": "
                            + reason, 300), amount - tax)));
            invoices.insertDraft(note);
            String number = numbers.next(Invoice.Kind.CREDIT_NOTE, now);
            invoices.issue(invoice.tenantId(), noteId, number, InvoiceStatus.PAID, now, null, null);
            invoices.addCredit(invoice.tenantId(), invoice.id(), amount, now);
            long owedBack = Math.max(0, amount - invoice.amountDue());
            if (refund == Refund.BALANCE) {
                balance.move(invoice.tenantId(), owedBack, invoice.currency(), CreditBalance.Reason.CREDIT_NOTE,
                        noteId, now);
            }
            Invoice credited = invoices.find(invoice.tenantId(), invoice.id()).orElseThrow();
            if (credited.status() != InvoiceStatus.PAID && credited.amountDue() == 0) {
                collection.paid(credited, "manual", "credited-" + credited.id(), now);
            }
            Invoice issued = invoices.find(invoice.tenantId(), noteId).orElseThrow();
            Map<String, Object> details = Map.of("number", number, "invoice", invoice.number(), "amount", amount,
                    "currency", invoice.currency(), "reason", reason, "refund", refund.name(), "owedBack", owedBack);
            audit.recordPlatform("billing.credit_note_issued", TenantId.of(invoice.tenantId()), "invoice", noteId,
                    details);
            audit.record(TenantId.of(invoice.tenantId()), "billing.credit_note_issued", "invoice", noteId, details);
            mails.creditNote(issued, invoice, refund == Refund.BALANCE ? owedBack : 0);
            return issued;
        });
    }

    /** Bills the tenant's pending items now (a super-admin's "Invoice now"). */
    public Invoice invoiceNow(TenantId tenant) {
        UUID id = issuing.invoicePendingNow(tenant, clock.instant());
        return platform.call(() -> invoices.find(tenant.value(), id).orElseThrow());
    }

    /** The tenant's own credit balance, per currency, and its latest movements. */
    @Transactional(readOnly = true)
    public BalanceStatement myBalance() {
        UUID tenant = TenantContext.require().value();
        return new BalanceStatement(balance.balances(tenant), balance.movements(tenant, LIST_LIMIT));
    }

    /** A tenant's credit balance, for a super-admin. */
    public BalanceStatement balanceOf(TenantId tenant) {
        return platform.call(() -> new BalanceStatement(balance.balances(tenant.value()),
                balance.movements(tenant.value(), LIST_LIMIT)));
    }

    /** The credit balance per currency and how it moved, newest first. */
    public record BalanceStatement(List<CreditBalance.Balance> balances, List<CreditBalance.Movement> movements) {
    }

    /** The payments recorded for an invoice. */
    public List<InvoiceRepository.Payment> payments(Invoice invoice) {
        return platform.call(() -> invoices.payments(invoice.tenantId(), invoice.id()));
    }

    private Invoice lockIssued(UUID id) {
        return invoices.lock(id).filter(i -> i.status() != InvoiceStatus.DRAFT).orElseThrow(Invoices::notFound);
    }

    private Invoice reload(Invoice invoice) {
        return invoices.find(invoice.tenantId(), invoice.id()).orElseThrow();
    }

    static ParleyException notFound() {
        return ParleyException.notFound("INVOICE_NOT_FOUND", "There is no such invoice.");
    }

    static ParleyException notOpen(Invoice invoice) {
        return ParleyException.conflict("INVOICE_NOT_OPEN", "Invoice " + invoice.number() + " is "
                + invoice.status() + ", not open.");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
