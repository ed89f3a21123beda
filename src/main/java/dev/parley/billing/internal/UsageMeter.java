package dev.parley.billing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.billing.Entitlements;
import dev.parley.billing.Plan;
import dev.parley.billing.invoice.BillingPeriod;
import dev.parley.chat.VisitorMessageReceived;
import dev.parley.shared.TenantId;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts monthly active conversations as visitor messages are stored, in the message's own transaction: the first
 * visitor message of a conversation in a billing period makes its {@code usage_conversations} row, and only the
 * transaction that made it adds one to the period's count (an atomic upsert), so the count is exact under concurrent
 * messages on any number of nodes, and a message that rolls back counts nothing. A later message of a conversation
 * already counted costs nothing here: this node remembers what it has seen committed.
 */
@Component
class UsageMeter {

    private record Counted(UUID tenant, UUID conversation, Instant periodStart) {
    }

    private final UsagePeriods periods;
    private final UsageRepository usage;
    private final UsageThresholds thresholds;
    private final UsageStreams streams;
    private final Entitlements entitlements;
    private final Cache<Counted, Boolean> counted = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(6))
            .build();

    UsageMeter(UsagePeriods periods, UsageRepository usage, UsageThresholds thresholds, UsageStreams streams,
               Entitlements entitlements) {
        this.periods = periods;
        this.usage = usage;
        this.thresholds = thresholds;
        this.streams = streams;
        this.entitlements = entitlements;
    }

    @EventListener
    void on(VisitorMessageReceived message) {
        TenantId tenant = message.tenant();
        BillingPeriod period = periods.containing(tenant, message.at());
        Counted key = new Counted(tenant.value(), message.conversationId(), period.start());
        if (counted.getIfPresent(key) != null) {
            return;
        }
        if (!usage.markActive(tenant.value(), period.start(), message.conversationId())) {
            // Another transaction made the row and committed (an insert that conflicts waits for the other's end).
            counted.put(key, Boolean.TRUE);
            return;
        }
        AfterCommit.run(() -> counted.put(key, Boolean.TRUE));
        long count = usage.addConversation(tenant.value(), period);
        Plan plan = entitlements.plan(tenant);
        thresholds.check(tenant, period, plan.name(),
                UsageThresholds.Reading.conversations(count, plan.includedConversations()));
        streams.conversationsChanged(tenant, period.start(), count);
    }
}
