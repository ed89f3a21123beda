package dev.parley.billing;

import java.time.Instant;
import java.util.UUID;

import dev.parley.shared.TenantId;

/** A provider reported that payment of an invoice failed later than the charge. Invoicing's dunning takes over. */
public record PaymentFailed(TenantId tenant, UUID invoiceId, String provider, String reference, String reason,
                            Instant at) {
}
