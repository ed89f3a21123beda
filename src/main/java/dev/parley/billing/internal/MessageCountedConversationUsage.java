package dev.parley.billing.internal;

import dev.parley.billing.invoice.BillingPeriod;
import dev.parley.chat.ConversationFacts;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;

import org.springframework.stereotype.Component;

/**
 * Counts active conversations from chat's messages (a platform read, so it works from the billing cycle for any
 * tenant). Usage metering replaces it with its own per-period counter.
 */
@Component
class MessageCountedConversationUsage implements ConversationUsage {

    private final ConversationFacts facts;
    private final PlatformTransactions platform;

    MessageCountedConversationUsage(ConversationFacts facts, PlatformTransactions platform) {
        this.facts = facts;
        this.platform = platform;
    }

    @Override
    public long activeConversations(TenantId tenant, BillingPeriod period) {
        return platform.call(() -> facts.activeConversations(tenant, period.start(), period.end()));
    }
}
