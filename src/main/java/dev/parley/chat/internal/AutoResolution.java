package dev.parley.chat.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves a tenant's conversations that nobody wrote in for the tenant's {@code autoResolveHours}, the way an
 * operator resolves one: a system message both sides read, and the realtime frames of a resolution.
 */
@Component
class AutoResolution {

    /** Conversations resolved per tenant and run; the next run takes the rest. */
    static final int BATCH = 200;

    private final ConversationRepository conversations;
    private final Messaging messaging;
    private final Routing routing;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AutoResolution(ConversationRepository conversations, Messaging messaging, Routing routing,
                   PlatformTransactionManager transactions, Clock clock) {
        this.conversations = conversations;
        this.messaging = messaging;
        this.routing = routing;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Resolves the tenant's live conversations without a message for {@code hours}; answers how many. */
    int resolveIdle(TenantId tenant, int hours) {
        return TenantContext.callAs(tenant, () -> {
            Instant cutoff = clock.instant().minus(Duration.ofHours(hours));
            List<UUID> idle = transactions.execute(status -> conversations.idle(tenant.value(), cutoff, BATCH));
            String note = "Resolved after " + hours + (hours == 1 ? " hour" : " hours") + " without activity";
            int resolved = 0;
            for (UUID id : idle) {
                // One short transaction each: a conversation's lock is held only while it is resolved.
                boolean done = Boolean.TRUE.equals(transactions.execute(status ->
                        conversations.lockIfIdle(tenant.value(), id, cutoff).map(row -> {
                            messaging.resolve(tenant, row, note);
                            return true;
                        }).orElse(false)));
                resolved += done ? 1 : 0;
            }
            if (resolved > 0) {
                // Operators have room again: offer them the queue, as after an operator's resolution.
                transactions.executeWithoutResult(status -> routing.drainQueue(tenant));
            }
            return resolved;
        });
    }
}
