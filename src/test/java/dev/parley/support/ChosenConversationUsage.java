package dev.parley.support;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.parley.billing.internal.ConversationUsage;
import dev.parley.billing.invoice.BillingPeriod;
import dev.parley.shared.TenantId;

import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Lets an invoicing test choose a tenant's monthly active conversations for the overage line; every other tenant is
 * counted as in production.
 */
@Component
@Primary
@Profile("test")
public class ChosenConversationUsage implements ConversationUsage {

    private final Map<UUID, Long> chosen = new ConcurrentHashMap<>();
    private final org.springframework.beans.factory.ObjectProvider<ConversationUsage> all;

    ChosenConversationUsage(org.springframework.beans.factory.ObjectProvider<ConversationUsage> all) {
        this.all = all;
    }

    public void choose(UUID tenant, long conversations) {
        chosen.put(tenant, conversations);
    }

    @Override
    public long activeConversations(TenantId tenant, BillingPeriod period) {
        Long count = chosen.get(tenant.value());
        if (count != null) {
            return count;
        }
        return all.orderedStream().filter(usage -> usage != this).findFirst().orElseThrow()
                .activeConversations(tenant, period);
    }
}
