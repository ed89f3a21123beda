package dev.parley.billing;

import java.time.Instant;
import java.util.UUID;

import dev.parley.billing.invoice.BillingPeriod;

/**
 * A tenant's subscription (one per tenant). The current period runs from {@code currentPeriodStart} (inclusive) to
 * {@code currentPeriodEnd} (exclusive); usage is counted and invoices are issued per period. {@code pendingPlanId}
 * is a downgrade waiting for the period's end; {@code cancelAtPeriodEnd} a cancellation waiting likewise.
 */
public record Subscription(UUID tenantId, String planId, BillingInterval interval, SubscriptionStatus status,
                           Instant trialEnd, Instant currentPeriodStart, Instant currentPeriodEnd,
                           boolean cancelAtPeriodEnd, String pendingPlanId, Instant canceledAt,
                           Instant createdAt, Instant updatedAt) {

    public BillingPeriod currentPeriod() {
        return new BillingPeriod(currentPeriodStart, currentPeriodEnd);
    }

    public boolean trialing() {
        return status == SubscriptionStatus.TRIALING;
    }
}
