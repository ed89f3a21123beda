package dev.parley.billing.invoicing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An invoice or credit note as stored: amounts in minor units of {@code currency}, the buyer's billing details as
 * they were when it was issued, and where its collection stands.
 */
public record Invoice(UUID tenantId, UUID id, String number, Kind kind, InvoiceStatus status, String billingReason,
                      UUID creditedInvoiceId, Instant periodStart, Instant periodEnd, String currency, long subtotal,
                      long discount, int taxRateBasisPoints, long tax, long total, long amountPaid,
                      long amountCredited, long appliedBalance, Map<String, String> billingDetails, String memo, Instant createdAt,
                      Instant issuedAt, Instant dueAt, Instant paidAt, Instant voidedAt, Instant uncollectibleAt,
                      int attemptCount, Instant nextAttemptAt, Instant dunningSince, int dunningStep,
                      String lastPaymentError, List<Line> lines) {

    public enum Kind { INVOICE, CREDIT_NOTE }

    /** One line as printed: its kind ({@code LineKind}'s names, or {@code CREDIT} on a credit note). */
    public record Line(int position, String kind, String description, long amount) {
    }

    /** What is still owed: the total less the customer balance applied, payments and credit notes. */
    public long amountDue() {
        return Math.max(0, total - appliedBalance - amountPaid - amountCredited);
    }

    public boolean isCreditNote() {
        return kind == Kind.CREDIT_NOTE;
    }

    Invoice withLines(List<Line> lines) {
        return new Invoice(tenantId, id, number, kind, status, billingReason, creditedInvoiceId, periodStart,
                periodEnd, currency, subtotal, discount, taxRateBasisPoints, tax, total, amountPaid, amountCredited,
                appliedBalance, billingDetails, memo, createdAt, issuedAt, dueAt, paidAt, voidedAt, uncollectibleAt, attemptCount,
                nextAttemptAt, dunningSince, dunningStep, lastPaymentError, lines);
    }
}
