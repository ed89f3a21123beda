package dev.parley.chat.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.parley.chat.ConversationStatus;
import dev.parley.chat.ConversationView;
import dev.parley.chat.MessageView;
import dev.parley.chat.SenderKind;
import dev.parley.chat.VisitorMessageReceived;
import dev.parley.identity.People;
import dev.parley.shared.Ids;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Posting messages and changing a conversation's state, with the realtime frames that follow. Callers hold the
 * conversation's row lock (see {@link ConversationRepository#lock}), so sequence numbers are gap-free and a
 * retried client id finds the message it already made.
 */
@Component
public class Messaging {

    public static final int MAX_LENGTH = 10_000;

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ChatEvents events;
    private final People people;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    Messaging(ConversationRepository conversations, MessageRepository messages, ChatEvents events, People people,
              ApplicationEventPublisher publisher, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.events = events;
        this.people = people;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The outcome of a post: the message, and whether this call made it (false for a retried client id). */
    public record Posted(MessageView message, boolean created) {
    }

    public static String checkBody(String body) {
        if (body == null || body.isBlank()) {
            throw new ParleyException(org.springframework.http.HttpStatus.BAD_REQUEST, "MESSAGE_EMPTY",
                    "A message needs some text.");
        }
        if (body.length() > MAX_LENGTH) {
            throw new ParleyException(org.springframework.http.HttpStatus.BAD_REQUEST, "MESSAGE_TOO_LONG",
                    "A message can have at most " + MAX_LENGTH + " characters.");
        }
        return body.strip();
    }

    public static String checkClientId(String clientId) {
        if (clientId != null && (clientId.isBlank() || clientId.length() > 100)) {
            throw ParleyException.invalidField("clientId", "must be 1-100 characters");
        }
        return clientId;
    }

    public Posted post(TenantId tenant, ConversationRepository.Row conversation, SenderKind kind, UUID user,
                       String body, boolean isPrivate, String clientId) {
        UUID t = tenant.value();
        if (clientId != null) {
            var existing = messages.findByClientId(t, conversation.id(), clientId);
            if (existing.isPresent()) {
                return new Posted(existing.get(), false);
            }
        }
        Instant now = clock.instant();
        long seq = conversations.nextSeq(t, conversation.id());
        UUID id = Ids.newId();
        messages.insert(t, id, conversation.id(), seq, kind, user, body, isPrivate, clientId, now);
        if (!isPrivate && kind != SenderKind.SYSTEM) {
            String preview = body.length() > 140 ? body.substring(0, 140) : body;
            conversations.touchAfterMessage(t, conversation.id(), preview, kind.name(), kind == SenderKind.VISITOR, now);
        }
        if (kind == SenderKind.VISITOR) {
            // In this transaction: usage metering counts the conversation only if the message commits.
            publisher.publishEvent(new VisitorMessageReceived(tenant, conversation.id(), now));
        }
        MessageView message = messages.find(t, id).orElseThrow();
        events.messageCreated(t, conversation.contactId(), message);
        return new Posted(message, true);
    }

    /** Assigns and announces it, with a system message the visitor sees ("Ada joined the conversation"). */
    public void assign(TenantId tenant, UUID conversation, UUID operator, String eventType) {
        var row = conversations.lock(tenant.value(), conversation).orElseThrow();
        conversations.assign(tenant.value(), conversation, operator, clock.instant());
        String name = people.displayName(tenant, operator);
        post(tenant, row, SenderKind.SYSTEM, null, name + " joined the conversation", false, null);
        changed(tenant, conversation, eventType);
    }

    public void changed(TenantId tenant, UUID conversation, String eventType) {
        ConversationView view = conversations.view(tenant.value(), conversation, new UUID(0, 0)).orElseThrow();
        events.conversationChanged(tenant.value(), eventType, view);
    }

    public void resolve(TenantId tenant, ConversationRepository.Row row) {
        resolve(tenant, row, "The conversation was resolved");
    }

    /** Resolves with the system message both sides read in the transcript (why it was resolved). */
    public void resolve(TenantId tenant, ConversationRepository.Row row, String systemMessage) {
        if (row.status() == ConversationStatus.RESOLVED) {
            return;
        }
        conversations.resolve(tenant.value(), row.id(), clock.instant());
        post(tenant, row, SenderKind.SYSTEM, null, systemMessage, false, null);
        changed(tenant, row.id(), "conversation.resolved");
    }

    public Map<String, Object> typingFrame(UUID conversation, String who, String name, boolean typing) {
        return ChatEvents.frame("typing", "conversationId", conversation, "who", who, "name", name,
                "isTyping", typing);
    }
}
