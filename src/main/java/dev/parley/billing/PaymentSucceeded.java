package dev.parley.billing;

import java.time.Instant;
import java.util.UUID;

import dev.parley.shared.TenantId;

/** A provider confirmed payment of an invoice later than the charge (a Stripe webhook). Invoicing marks it paid. */
public record PaymentSucceeded(TenantId tenant, UUID invoiceId, String provider, String reference, Instant at) {
}
