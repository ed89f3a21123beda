package dev.parley.billing;

import dev.parley.shared.TenantId;

/**
 * A subscription changed plan, interval or status (published inside the changing transaction). When
 * {@code invoiceNow} is true (an upgrade with proration items waiting), invoicing issues an invoice for the
 * tenant's pending invoice items at once, after the change commits.
 */
public record SubscriptionChanged(TenantId tenant, String fromPlan, String toPlan, SubscriptionStatus fromStatus,
                                  SubscriptionStatus toStatus, boolean invoiceNow) {
}
