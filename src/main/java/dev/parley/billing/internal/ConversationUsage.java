package dev.parley.billing.internal;

import dev.parley.billing.invoice.BillingPeriod;
import dev.parley.shared.TenantId;

/**
 * The billed measure of conversation volume: a tenant's monthly active conversations in a billing period (a
 * conversation with at least one visitor message in the period counts once). The invoice's overage line reads it.
 */
public interface ConversationUsage {

    long activeConversations(TenantId tenant, BillingPeriod period);
}
