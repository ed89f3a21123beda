package dev.parley.billing;

/** How often a subscription is billed; a plan has a price for each. */
public enum BillingInterval {
    MONTHLY,
    YEARLY
}
