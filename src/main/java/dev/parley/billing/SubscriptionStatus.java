package dev.parley.billing;

/**
 * Where a subscription stands: {@code TRIALING} (free until {@link Subscription#trialEnd()}), {@code ACTIVE} (paid up),
 * {@code PAST_DUE} (an invoice failed to be paid; dunning runs), {@code CANCELED} (ended; the tenant is suspended
 * until it subscribes again).
 */
public enum SubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    CANCELED
}
