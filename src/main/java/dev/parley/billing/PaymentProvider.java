package dev.parley.billing;

import java.util.UUID;

import dev.parley.billing.invoice.Money;
import dev.parley.shared.TenantId;

/**
 * Takes payment for an issued invoice. Two implementations: {@code manual} (the default: bank transfer, the
 * super-admin marks the invoice paid) and {@code stripe} (a PaymentIntent against the customer's saved payment
 * method). Card data never reaches Parley: only the provider's ids are stored. A provider answers at once; an
 * asynchronous outcome (Stripe's webhooks) arrives later as {@link PaymentSucceeded} or {@link PaymentFailed}.
 */
public interface PaymentProvider {

    /** {@code manual} or {@code stripe}. */
    String id();

    /**
     * Asks for {@code amount} for the invoice. The same {@code idempotencyKey} never charges twice (Stripe's
     * Idempotency-Key header); the billing cycle passes {@code invoice-<invoiceId>-attempt-<n>}.
     */
    ChargeResult charge(ChargeRequest request);

    record ChargeRequest(TenantId tenant, UUID invoiceId, String invoiceNumber, Money amount, String description,
                         String idempotencyKey) {
    }

    /** What the provider said at once. */
    sealed interface ChargeResult {
    }

    /** Paid now; {@code reference} is the provider's id (a PaymentIntent id). */
    record Succeeded(String reference) implements ChargeResult {
    }

    /** Waiting: a bank transfer, or a payment that needs the customer's action; the outcome comes as an event. */
    record Pending(String reference, String instructions) implements ChargeResult {
    }

    /** Refused; {@code retryable} when a later attempt may succeed (card declined, insufficient funds). */
    record Failed(String reference, String reason, boolean retryable) implements ChargeResult {
    }
}
