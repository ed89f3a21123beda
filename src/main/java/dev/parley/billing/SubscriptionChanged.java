package dev.parley.billing;

import dev.parley.shared.TenantId;

/**
 * A subscription changed plan, interval or status (published inside the changing transaction). {@code invoiceNow}
 * is true when the change left items that could be billed at once (an upgrade's proration, a reactivation's first
 * period); they wait for the tenant's next invoice unless the super-admin invoices them now.
 */
public record SubscriptionChanged(TenantId tenant, String fromPlan, String toPlan, SubscriptionStatus fromStatus,
                                  SubscriptionStatus toStatus, boolean invoiceNow) {
}
