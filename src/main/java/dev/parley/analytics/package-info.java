/**
 * Analytics: reports on a tenant's conversations (overview, per operator, CSV export) in the tenant's time zone,
 * each gated by the tenant's plan through billing's entitlements. The figures come from chat's read API
 * ({@code chat.ConversationFacts}), never from chat's tables.
 */
package dev.parley.analytics;
