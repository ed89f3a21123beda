package dev.parley.chat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.chat.internal.ChatEvents;
import dev.parley.chat.internal.ConversationRepository;
import dev.parley.chat.internal.ConversationRepository.Filter;
import dev.parley.chat.internal.ConversationRepository.Row;
import dev.parley.chat.internal.Messaging;
import dev.parley.chat.internal.MessageRepository;
import dev.parley.chat.internal.OperatorStatusRepository;
import dev.parley.chat.internal.Routing;
import dev.parley.identity.People;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.web.CursorPage;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operators' side of live chat, always within the caller's tenant: lists, messages, replies and notes,
 * claiming, transfer, resolving and reopening, read markers, typing and presence.
 */
@Service
@Transactional
public class Conversations {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final OperatorStatusRepository operators;
    private final Messaging messaging;
    private final Routing routing;
    private final ChatEvents events;
    private final People people;
    private final Clock clock;

    Conversations(ConversationRepository conversations, MessageRepository messages,
                  OperatorStatusRepository operators, Messaging messaging, Routing routing, ChatEvents events,
                  People people, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.operators = operators;
        this.messaging = messaging;
        this.routing = routing;
        this.events = events;
        this.people = people;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public CursorPage<ConversationView> list(TenantId tenant, UUID reader, String view, ConversationStatus status,
                                             UUID assignee, String text, UUID contact, String cursor, Integer limit) {
        if (view != null && !List.of("queue", "mine", "all", "resolved").contains(view)) {
            throw ParleyException.invalidField("view", "must be one of queue, mine, all, resolved");
        }
        if (text != null && text.length() > 200) {
            throw ParleyException.invalidField("q", "must be at most 200 characters");
        }
        int size = CursorPage.limit(limit);
        var rows = conversations.list(tenant.value(), new Filter(view, status, assignee, text, contact), reader,
                CursorPage.decode(cursor), size + 1);
        return CursorPage.of(rows, size, ConversationView::id);
    }

    @Transactional(readOnly = true)
    public ConversationView get(TenantId tenant, UUID id, UUID reader) {
        return conversations.view(tenant.value(), id, reader).orElseThrow(Conversations::notFound);
    }

    /** Messages after {@code afterSeq} (oldest first), or the newest {@code limit} before {@code beforeSeq}. */
    @Transactional(readOnly = true)
    public List<MessageView> messages(TenantId tenant, UUID id, Long afterSeq, Long beforeSeq, Integer limit) {
        get(tenant, id, null);
        int size = CursorPage.limit(limit == null ? 100 : limit);
        if (afterSeq != null) {
            return messages.after(tenant.value(), id, afterSeq, true, size);
        }
        return messages.before(tenant.value(), id, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, true, size);
    }

    /** A reply (seen by the visitor) or a private note (operators only). A reply to a queued chat claims it. */
    public MessageView send(TenantId tenant, UUID operator, UUID id, String body, boolean isPrivate, String clientId) {
        String text = Messaging.checkBody(body);
        Messaging.checkClientId(clientId);
        Row row = lock(tenant, id);
        var posted = messaging.post(tenant, row, SenderKind.OPERATOR, operator, text, isPrivate, clientId);
        if (posted.created() && !isPrivate && row.status() == ConversationStatus.QUEUED) {
            messaging.assign(tenant, id, operator, "conversation.assigned");
            routing.publishQueue(tenant);
        }
        return posted.message();
    }

    /** Claims (assignee = the caller) or transfers a conversation to an active member of the tenant. */
    public ConversationView assign(TenantId tenant, UUID id, UUID assignee, UUID actor) {
        var person = people.find(tenant, assignee).filter(People.Person::active)
                .orElseThrow(() -> ParleyException.notFound("OPERATOR_NOT_FOUND", "No active operator has this id."));
        Row row = lock(tenant, id);
        if (row.status() == ConversationStatus.RESOLVED) {
            throw ParleyException.conflict("CONVERSATION_RESOLVED", "Reopen the conversation before assigning it.");
        }
        if (!person.userId().equals(row.assigneeId())) {
            messaging.assign(tenant, id, assignee, "conversation.assigned");
            if (row.status() == ConversationStatus.QUEUED) {
                routing.publishQueue(tenant);
            }
        }
        return get(tenant, id, actor);
    }

    public ConversationView resolve(TenantId tenant, UUID id, UUID actor) {
        Row row = lock(tenant, id);
        messaging.resolve(tenant, row);
        routing.drainQueue(tenant);
        return get(tenant, id, actor);
    }

    public ConversationView reopen(TenantId tenant, UUID id, UUID actor) {
        Row row = lock(tenant, id);
        if (row.status() != ConversationStatus.RESOLVED) {
            return get(tenant, id, actor);
        }
        reopen(tenant, row);
        return get(tenant, id, actor);
    }

    /** Back to its operator if they are still active, else to the queue (and routing). */
    public void reopen(TenantId tenant, Row row) {
        boolean assigneeActive = row.assigneeId() != null
                && people.find(tenant, row.assigneeId()).map(People.Person::active).orElse(false);
        if (assigneeActive) {
            conversations.assign(tenant.value(), row.id(), row.assigneeId(), clock.instant());
            messaging.changed(tenant, row.id(), "conversation.updated");
        } else {
            conversations.queue(tenant.value(), row.id(), clock.instant());
            messaging.changed(tenant, row.id(), "conversation.updated");
            routing.route(tenant, row.id());
        }
    }

    public void markRead(TenantId tenant, UUID id, UUID reader, long seq) {
        get(tenant, id, reader);
        messages.markRead(tenant.value(), id, reader, seq, clock.instant());
        Row row = conversations.lock(tenant.value(), id).orElseThrow();
        events.toVisitor(tenant.value(), row.contactId(), ChatEvents.frame("read", "conversationId", id,
                "reader", "OPERATOR", "seq", seq));
    }

    @Transactional(readOnly = true)
    public void typing(TenantId tenant, UUID id, UUID operator, boolean typing) {
        ConversationView conversation = get(tenant, id, operator);
        String name = people.find(tenant, operator).map(People.Person::displayName).orElse("Operator");
        var frame = messaging.typingFrame(id, "OPERATOR", name, typing);
        frame.put("userId", operator);
        events.toVisitor(tenant.value(), conversation.contactId(), frame);
        events.toOperators(tenant.value(), frame);
    }

    public void setPresence(TenantId tenant, UUID operator, Presence presence) {
        operators.setPresence(tenant.value(), operator, presence, clock.instant());
        events.toOperators(tenant.value(), ChatEvents.frame("presence", "userId", operator, "presence", presence));
        if (presence == Presence.ONLINE) {
            routing.drainQueue(tenant);
        }
    }

    @Transactional(readOnly = true)
    public Map<String, Object> operatorStatus(TenantId tenant, UUID operator) {
        Map<String, Object> status = new java.util.LinkedHashMap<>();
        status.put("presence", operators.presence(tenant.value(), operator));
        status.put("maxChats", operators.maxChats(tenant.value(), operator).orElse(null));
        return status;
    }

    @Transactional(readOnly = true)
    public List<People.Person> operators(TenantId tenant) {
        return people.all(tenant);
    }

    /** Offers waiting conversations to operators with room (run regularly, and when operators free up). */
    public void offerQueue(TenantId tenant) {
        if (!conversations.queued(tenant.value(), 1).isEmpty()) {
            routing.drainQueue(tenant);
        }
    }

    /** An operator's own limit of concurrent chats (null: the tenant's default). */
    public void setMaxChats(TenantId tenant, UUID operator, Integer maxChats) {
        operators.setMaxChats(tenant.value(), operator, maxChats, clock.instant());
        routing.drainQueue(tenant);
    }

    private Row lock(TenantId tenant, UUID id) {
        return conversations.lock(tenant.value(), id).orElseThrow(Conversations::notFound);
    }

    private static ParleyException notFound() {
        return ParleyException.notFound("CONVERSATION_NOT_FOUND", "No conversation has this id.");
    }
}
