/**
 * Integrations: outgoing webhooks (a tenant's endpoints, signed deliveries with retries) for now; CRM, ticketing and
 * commerce connectors later. A Professional feature ({@code webhooks}). Depends on billing's API (entitlements, its
 * usage events), tenancy's and audit's; nothing depends on it: it listens.
 */
package dev.parley.integrations;
