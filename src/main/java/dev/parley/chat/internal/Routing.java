package dev.parley.chat.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.parley.chat.ChatSettings;
import dev.parley.chat.realtime.RealtimeHub;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Component;

/**
 * Who takes a waiting conversation. In automatic mode: the online operator with the fewest open chats under
 * their limit (round-robin on ties); in manual mode nobody until an operator claims it. Runs inside the
 * transaction that queued the conversation or freed an operator.
 */
@Component
public class Routing {

    private final OperatorStatusRepository operators;
    private final ConversationRepository conversations;
    private final Messaging messaging;
    private final ChatSettings settings;
    private final RealtimeHub hub;
    private final ChatEvents events;
    private final Clock clock;

    Routing(OperatorStatusRepository operators, ConversationRepository conversations, Messaging messaging,
            ChatSettings settings, RealtimeHub hub, ChatEvents events, Clock clock) {
        this.operators = operators;
        this.conversations = conversations;
        this.messaging = messaging;
        this.settings = settings;
        this.hub = hub;
        this.events = events;
        this.clock = clock;
    }

    /** Assigns a queued conversation if someone can take it now; otherwise it stays queued. */
    public void route(TenantId tenant, UUID conversation) {
        route(tenant, conversation, "conversation.assigned");
    }

    /**
     * Routes and announces the conversation once: as {@code eventType} if assigned, else as queued. A new
     * conversation passes {@code conversation.created}, so operators get one snapshot, not two.
     */
    public boolean route(TenantId tenant, UUID conversation, String eventType) {
        if (settings.automaticAssignment(tenant)) {
            Set<UUID> connected = hub.connectedOperators(tenant.value());
            Optional<UUID> operator = operators.leastLoaded(tenant.value(), connected,
                    settings.maxConcurrentChats(tenant));
            if (operator.isPresent()) {
                messaging.assign(tenant, conversation, operator.get(), eventType);
                operators.markAssigned(tenant.value(), operator.get(), clock.instant());
                return true; // it was last in the queue: nobody else's place changed
            }
        }
        if (!"conversation.assigned".equals(eventType)) {
            messaging.changed(tenant, conversation, eventType);
        }
        publishPosition(tenant, conversation);
        return false;
    }

    /** Tells one newly queued visitor their place (appending to the queue moves nobody else). */
    public void publishPosition(TenantId tenant, UUID conversation) {
        var queue = conversations.queueWithContacts(tenant.value());
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i)[0].equals(conversation)) {
                events.toVisitor(tenant.value(), queue.get(i)[1], ChatEvents.frame("queue.position",
                        "conversationId", conversation, "position", i + 1));
                return;
            }
        }
    }

    /** Offers the oldest waiting conversations to operators who have room (someone came online or resolved). */
    public void drainQueue(TenantId tenant) {
        if (!settings.automaticAssignment(tenant)) {
            return;
        }
        Set<UUID> connected = hub.connectedOperators(tenant.value());
        boolean moved = false;
        for (UUID conversation : conversations.queued(tenant.value(), 50)) {
            Optional<UUID> operator = operators.leastLoaded(tenant.value(), connected,
                    settings.maxConcurrentChats(tenant));
            if (operator.isEmpty()) {
                break;
            }
            conversations.lock(tenant.value(), conversation);
            messaging.assign(tenant, conversation, operator.get(), "conversation.assigned");
            operators.markAssigned(tenant.value(), operator.get(), clock.instant());
            moved = true;
        }
        if (moved) {
            publishQueue(tenant);
        }
    }

    /** Tells every queued visitor their place. */
    public void publishQueue(TenantId tenant) {
        events.queuePositions(tenant.value(), conversations.queueWithContacts(tenant.value()));
    }
}
