/**
 * Billing: plans (platform data the super-admin manages), each tenant's plan, and the one entitlements API every
 * gated action asks ("may this tenant do X, how much of Y is left"), each tenant's subscription (plan changes with
 * proration, add-ons, coupons), revenue reporting and payments.
 */
package dev.parley.billing;
