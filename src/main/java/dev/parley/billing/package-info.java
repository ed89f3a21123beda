/**
 * Billing: plans (platform data the super-admin manages), each tenant's plan, and the one entitlements API every
 * gated action asks ("may this tenant do X, how much of Y is left"). Subscriptions, usage, invoices and payments
 * come later.
 */
package dev.parley.billing;
