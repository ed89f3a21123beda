package dev.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import dev.parley.chat.internal.ConversationFactQueries;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only figures about a tenant's conversations started in a period {@code [from, to)}, for reports (analytics):
 * totals, per operator, and one row per conversation. Runs in the caller's tenant transaction, so row-level security
 * keeps it to the tenant. A first response is the first operator message the visitor saw (not a private note); it
 * is measured for live chats only (offline messages are answered by email).
 */
@Service
@Transactional(readOnly = true)
public class ConversationFacts {

    /** Totals of the period; medians in seconds, null when there was nothing to measure. */
    public record Totals(long conversations, long messages, long firstResponses, Long medianFirstResponseSeconds,
                         long resolved) {
    }

    /** One operator's part: the conversations assigned to them, their replies' speed and their public messages. */
    public record OperatorFigures(UUID userId, String name, long conversations, Long medianFirstResponseSeconds,
                                  Long medianResolutionSeconds, long messagesSent) {
    }

    /** One conversation; {@code visitorMessages} and {@code operatorMessages} count what the visitor saw. */
    public record ConversationFact(UUID id, int number, Instant createdAt, String channel, ConversationStatus status,
                                   String assigneeName, Instant firstResponseAt, Instant resolvedAt,
                                   long visitorMessages, long operatorMessages) {
    }

    private final ConversationFactQueries queries;

    ConversationFacts(ConversationFactQueries queries) {
        this.queries = queries;
    }

    /**
     * Conversations started in the period, their visitor and operator messages, the median first response, and the
     * conversations resolved in the period (whenever they started).
     */
    public Totals totals(TenantId tenant, Instant from, Instant to) {
        return queries.totals(tenant.value(), from, to);
    }

    /**
     * Monthly-active-conversation count of the period: conversations with at least one visitor message in it, each
     * once, whenever they started (read from the messages themselves).
     */
    public long activeConversations(TenantId tenant, Instant from, Instant to) {
        return queries.activeConversations(tenant.value(), from, to);
    }

    /** Per operator, for conversations started in the period; most conversations first. */
    public List<OperatorFigures> operators(TenantId tenant, Instant from, Instant to) {
        return queries.operators(tenant.value(), from, to);
    }

    /** Every conversation started in the period, oldest first, handed to {@code sink} one at a time. */
    public void conversations(TenantId tenant, Instant from, Instant to, Consumer<ConversationFact> sink) {
        queries.conversations(tenant.value(), from, to, sink);
    }
}
