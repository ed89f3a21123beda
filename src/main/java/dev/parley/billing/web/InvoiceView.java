package dev.parley.billing.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.billing.invoicing.Invoice;

/** An invoice or credit note as the API shows it; amounts in minor units of {@code currency}. */
record InvoiceView(UUID id, UUID tenantId, String number, String kind, String status, String billingReason,
                   UUID creditedInvoiceId, Instant periodStart, Instant periodEnd, String currency, long subtotal,
                   long discount, int taxRateBasisPoints, long tax, long total, long amountPaid, long amountCredited,
                   long appliedBalance, long amountDue, Map<String, String> billingDetails, String memo, Instant issuedAt, Instant dueAt,
                   Instant paidAt, Instant voidedAt, Instant uncollectibleAt, boolean overdue, int attemptCount,
                   Instant nextAttemptAt, String lastPaymentError, List<Invoice.Line> lines) {

    static InvoiceView of(Invoice i) {
        return new InvoiceView(i.id(), i.tenantId(), i.number(), i.kind().name(), i.status().name(),
                i.billingReason(), i.creditedInvoiceId(), i.periodStart(), i.periodEnd(), i.currency(), i.subtotal(),
                i.discount(), i.taxRateBasisPoints(), i.tax(), i.total(), i.amountPaid(), i.amountCredited(),
                i.appliedBalance(), i.amountDue(), i.billingDetails(), i.memo(), i.issuedAt(), i.dueAt(), i.paidAt(), i.voidedAt(),
                i.uncollectibleAt(), i.dunningSince() != null, i.attemptCount(), i.nextAttemptAt(),
                i.lastPaymentError(), i.lines());
    }

    static Map<String, Object> page(List<Invoice> invoices) {
        return Map.of("items", invoices.stream().map(InvoiceView::of).toList());
    }
}
