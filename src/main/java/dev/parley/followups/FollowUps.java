package dev.parley.followups;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.audit.AuditLog;
import dev.parley.chat.ContactDetails;
import dev.parley.chat.ContactView;
import dev.parley.chat.ConversationView;
import dev.parley.chat.Conversations;
import dev.parley.followups.FollowUpChannel.ContactField;
import dev.parley.followups.internal.AdminOperators;
import dev.parley.followups.internal.AutoAssignment;
import dev.parley.followups.internal.FollowUpRepository;
import dev.parley.followups.internal.FollowUpRepository.Row;
import dev.parley.followups.internal.Notices;
import dev.parley.followups.internal.ReminderSchedule;
import dev.parley.shared.Ids;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;
import dev.parley.shared.web.CursorPage;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scheduling follow-ups with a chat's contact, always within the caller's tenant: create (from a conversation or an
 * earlier follow-up), read with the contact's details and the chain, list, change, complete, cancel and delete. The
 * channel is checked against the contact; reminders and the missed check are planned with every change.
 */
@Service
@Transactional
public class FollowUps {

    /** How far ahead a follow-up may be scheduled. */
    static final Duration HORIZON = Duration.ofDays(5 * 366);
    static final int NOTES_MAX = 10_000;
    static final int OUTCOME_MAX = 2_000;

    private final FollowUpRepository followUps;
    private final Conversations conversations;
    private final ContactDetails contacts;
    private final AdminOperators admins;
    private final AutoAssignment assignment;
    private final ReminderSchedule reminders;
    private final Notices notices;
    private final AuditLog audit;
    private final Clock clock;

    FollowUps(FollowUpRepository followUps, Conversations conversations, ContactDetails contacts,
              AdminOperators admins, AutoAssignment assignment, ReminderSchedule reminders, Notices notices,
              AuditLog audit, Clock clock) {
        this.followUps = followUps;
        this.conversations = conversations;
        this.contacts = contacts;
        this.admins = admins;
        this.assignment = assignment;
        this.reminders = reminders;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    public FollowUpDetail create(TenantId tenant, UserId actor, NewFollowUp request) {
        Instant now = clock.instant();
        Row parent = null;
        if (request.parentId() != null) {
            parent = followUps.find(tenant.value(), request.parentId()).orElseThrow(() ->
                    ParleyException.invalidField("parentId", "is not a follow-up of this tenant"));
            if (request.conversationId() != null && !request.conversationId().equals(parent.conversationId())) {
                throw ParleyException.invalidField("conversationId", "must be the conversation of the parent follow-up");
            }
        } else if (request.conversationId() == null) {
            throw ParleyException.invalidField("conversationId", "is required (or parentId, to schedule from a follow-up)");
        }
        UUID conversationId = parent != null ? parent.conversationId() : request.conversationId();
        ConversationView conversation = conversations.get(tenant, conversationId, null);
        checkTime(request.scheduledAt(), now);
        if (request.type() == null) {
            throw ParleyException.invalidField("type", "is required: one of " + List.of(FollowUpType.values()));
        }
        FollowUpChannel channel = channelFor(request.type(), request.channel());
        String notes = text("notes", request.notes(), NOTES_MAX);
        ContactView contact = contactOf(tenant, conversation);
        requireContactInfo(contact, request.type(), channel);
        UUID assignee = request.assigneeId() != null
                ? admins.require(tenant, request.assigneeId(), "assigneeId").userId()
                : assignment.choose(tenant, conversation.assigneeId());

        Row row = new Row(Ids.newId(), conversationId, contact.id(), parent != null ? parent.id() : null,
                request.type(), channel, request.scheduledAt(), notes, assignee, actor.value(),
                FollowUpStatus.SCHEDULED, null, null, null, null, contact.displayName(), contact.email(),
                contact.phone(), null, now, now);
        followUps.insert(tenant.value(), row);
        reminders.plan(tenant, row.id(), row.scheduledAt());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("conversationId", conversationId.toString());
        details.put("type", row.type().name());
        details.put("scheduledAt", row.scheduledAt().toString());
        details.put("assigneeId", assignee.toString());
        details.put("automaticAssignment", request.assigneeId() == null);
        if (parent != null) {
            details.put("parentId", parent.id().toString());
        }
        audit.record(tenant, "followup.created", "followup", row.id(), details);
        tellAssignee(tenant, actor, row);
        return detail(tenant, row);
    }

    /** One follow-up with its contact's details (an audited read) and its chain. */
    public FollowUpDetail get(TenantId tenant, UUID id) {
        Row row = find(tenant, id);
        audit.record(tenant, "followup.contact_viewed", "followup", id,
                Map.of("contactId", row.contactId().toString()));
        return detail(tenant, row);
    }

    /**
     * The contact of a conversation as the scheduling form shows it (an audited read): name, email and phone, so
     * the form can say what a channel lacks.
     */
    public FollowUpContact contactFor(TenantId tenant, UUID conversationId) {
        ConversationView conversation = conversations.get(tenant, conversationId, null);
        ContactView contact = contactOf(tenant, conversation);
        audit.record(tenant, "followup.contact_viewed", "contact", contact.id(),
                Map.of("conversationId", conversationId.toString()));
        return new FollowUpContact(contact.id(), conversationId, contact.displayName(), contact.email(),
                contact.phone(), false);
    }

    @Transactional(readOnly = true)
    public CursorPage<FollowUpView> list(TenantId tenant, FollowUpFilter filter, String cursor, Integer limit) {
        if (filter.from() != null && filter.to() != null && !filter.to().isAfter(filter.from())) {
            throw ParleyException.invalidField("to", "must be after from");
        }
        int size = CursorPage.limit(limit);
        List<Row> rows = followUps.list(tenant.value(), filter, CursorPage.decode(cursor), size + 1);
        return CursorPage.of(rows.stream().map(r -> view(tenant, r)).toList(), size, FollowUpView::id);
    }

    /** Reschedules, re-types, reassigns or annotates; see {@link FollowUpChange}. */
    public FollowUpDetail update(TenantId tenant, UserId actor, UUID id, FollowUpChange change) {
        Row row = lock(tenant, id);
        Instant now = clock.instant();
        boolean plans = change.scheduledAt() != null || change.type() != null || change.channel() != null
                || change.assigneeId() != null;
        if (plans && !row.status().isOpen()) {
            throw ParleyException.conflict("FOLLOWUP_CLOSED", "This follow-up is " + row.status().name().toLowerCase()
                    + ": only its notes can change. Schedule a new follow-up from it instead.");
        }
        Instant at = row.scheduledAt();
        if (change.scheduledAt() != null && !change.scheduledAt().equals(row.scheduledAt())) {
            checkTime(change.scheduledAt(), now);
            at = change.scheduledAt();
        }
        FollowUpType type = change.type() != null ? change.type() : row.type();
        FollowUpChannel channel = change.channel() != null ? channelFor(type, change.channel())
                : type.allows(row.channel()) ? row.channel() : type.defaultChannel();
        String notes = change.notes() == null ? row.notes() : text("notes", change.notes(), NOTES_MAX);
        UUID assignee = change.assigneeId() == null ? row.assigneeId()
                : admins.require(tenant, change.assigneeId(), "assigneeId").userId();
        Row updated = row.with(at, type, channel, notes, assignee);
        if ((type != row.type() || channel != row.channel()) && row.contactErasedAt() == null) {
            ContactView contact = contactOf(tenant, conversations.get(tenant, row.conversationId(), null));
            requireContactInfo(contact, type, channel);
            updated = updated.withContact(contact.id(), contact.displayName(), contact.email(), contact.phone());
        }
        followUps.save(tenant.value(), updated, now);
        Map<String, Object> changed = changes(row, updated);
        if (!changed.isEmpty()) {
            audit.record(tenant, "followup.updated", "followup", id, changed);
        }
        if (!updated.scheduledAt().equals(row.scheduledAt()) || !updated.assigneeId().equals(row.assigneeId())) {
            reminders.plan(tenant, id, updated.scheduledAt());
        }
        if (!updated.assigneeId().equals(row.assigneeId())) {
            tellAssignee(tenant, actor, updated);
        }
        return detail(tenant, updated);
    }

    /** Done, with how it went: from scheduled, or late from missed. */
    public FollowUpDetail complete(TenantId tenant, UUID id, OutcomeCode code, String outcome) {
        if (code == null) {
            throw ParleyException.invalidField("outcomeCode", "is required: one of " + List.of(OutcomeCode.values()));
        }
        return close(tenant, id, FollowUpStatus.COMPLETED, code, text("outcome", outcome, OUTCOME_MAX));
    }

    /** Called off, with an optional reason. */
    public FollowUpDetail cancel(TenantId tenant, UUID id, String reason) {
        return close(tenant, id, FollowUpStatus.CANCELLED, null, text("outcome", reason, OUTCOME_MAX));
    }

    /** Deletes a follow-up scheduled by mistake; one that others were scheduled from stays (cancel it instead). */
    public void delete(TenantId tenant, UUID id) {
        Row row = lock(tenant, id);
        if (!followUps.children(tenant.value(), id).isEmpty()) {
            throw ParleyException.conflict("FOLLOWUP_HAS_CHILDREN",
                    "Other follow-ups were scheduled from this one: cancel it instead of deleting it.");
        }
        followUps.delete(tenant.value(), id);
        reminders.cancelAll(tenant, id);
        audit.record(tenant, "followup.deleted", "followup", id, Map.of("conversationId",
                row.conversationId().toString(), "status", row.status().name()));
    }

    private FollowUpDetail close(TenantId tenant, UUID id, FollowUpStatus next, OutcomeCode code, String outcome) {
        Row row = lock(tenant, id);
        if (!row.status().canBecome(next)) {
            throw ParleyException.conflict("INVALID_STATUS_TRANSITION", "A " + row.status().name().toLowerCase()
                    + " follow-up cannot become " + next.name().toLowerCase() + ".");
        }
        Instant now = clock.instant();
        Row closed = row.closed(next, code, outcome, next == FollowUpStatus.COMPLETED ? now : null, now);
        followUps.save(tenant.value(), closed, now);
        reminders.cancelAll(tenant, id);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", row.status().name());
        if (code != null) {
            details.put("outcomeCode", code.name());
        }
        audit.record(tenant, next == FollowUpStatus.COMPLETED ? "followup.completed" : "followup.cancelled",
                "followup", id, details);
        return detail(tenant, closed);
    }

    private void tellAssignee(TenantId tenant, UserId actor, Row row) {
        // Nobody needs a notification of what they just did themselves.
        if (!row.assigneeId().equals(actor.value())) {
            notices.assigned(tenant, row, admins.name(tenant, actor.value()));
        }
    }

    private Row find(TenantId tenant, UUID id) {
        return followUps.find(tenant.value(), id).orElseThrow(FollowUps::notFound);
    }

    private Row lock(TenantId tenant, UUID id) {
        return followUps.lock(tenant.value(), id).orElseThrow(FollowUps::notFound);
    }

    private FollowUpDetail detail(TenantId tenant, Row row) {
        int number = conversations.get(tenant, row.conversationId(), null).number();
        FollowUpContact contact = new FollowUpContact(row.contactId(), row.conversationId(), row.contactName(),
                row.contactEmail(), row.contactPhone(), row.contactErasedAt() != null);
        return new FollowUpDetail(view(tenant, row), number, contact,
                followUps.ancestors(tenant.value(), row.id()).stream().map(r -> view(tenant, r)).toList(),
                followUps.children(tenant.value(), row.id()).stream().map(r -> view(tenant, r)).toList());
    }

    private FollowUpView view(TenantId tenant, Row r) {
        return new FollowUpView(r.id(), r.conversationId(), r.contactId(), r.parentId(), r.type(), r.channel(),
                r.scheduledAt(), r.status(), r.outcomeCode(), r.outcome(), r.completedAt(), r.closedAt(), r.notes(),
                r.assigneeId(), admins.name(tenant, r.assigneeId()), r.createdBy(), admins.name(tenant, r.createdBy()),
                r.contactName(), r.createdAt(), r.updatedAt());
    }

    private ContactView contactOf(TenantId tenant, ConversationView conversation) {
        return contacts.find(tenant, conversation.contactId()).orElseThrow(() ->
                ParleyException.notFound("CONTACT_NOT_FOUND", "The conversation's contact is gone."));
    }

    private void checkTime(Instant at, Instant now) {
        if (at == null) {
            throw ParleyException.invalidField("scheduledAt", "is required");
        }
        if (at.isBefore(now)) {
            throw ParleyException.invalidField("scheduledAt", "must be in the future");
        }
        if (at.isAfter(now.plus(HORIZON))) {
            throw ParleyException.invalidField("scheduledAt", "must be within 5 years");
        }
    }

    private static FollowUpChannel channelFor(FollowUpType type, FollowUpChannel channel) {
        if (channel == null) {
            return type.defaultChannel();
        }
        if (!type.allows(channel)) {
            throw ParleyException.invalidField("channel", "must be one of " + type.channels() + " for a "
                    + type.name().toLowerCase() + " follow-up");
        }
        return channel;
    }

    /**
     * A 422 {@code CONTACT_INFO_MISSING} naming the field the channel needs and the contact lacks, with a sentence a
     * person can act on.
     */
    static void requireContactInfo(ContactView contact, FollowUpType type, FollowUpChannel channel) {
        ContactField needed = channel.needs();
        if (needed == null) {
            return;
        }
        String value = needed == ContactField.EMAIL ? contact.email() : contact.phone();
        if (value != null && !value.isBlank()) {
            return;
        }
        String message = needed == ContactField.EMAIL
                ? "This contact has no email address: add one before scheduling " + article(type, channel) + "."
                : "This contact has no phone number: add one before scheduling " + article(type, channel) + ".";
        throw new ParleyException(HttpStatus.UNPROCESSABLE_CONTENT, "CONTACT_INFO_MISSING", message,
                Map.of("field", needed.field(), "type", type.name(), "channel", channel.name()));
    }

    private static String article(FollowUpType type, FollowUpChannel channel) {
        return switch (type) {
            case CALL -> channel == FollowUpChannel.WHATSAPP ? "a WhatsApp call" : "a call";
            case EMAIL -> "an email";
            case SMS -> "a text message";
            case WHATSAPP -> "a WhatsApp message";
            case MEETING -> channel == FollowUpChannel.VIDEO ? "a video meeting" : "a phone meeting";
        };
    }

    private static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw ParleyException.invalidField(field, "must be at most " + max + " characters");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static Map<String, Object> changes(Row before, Row after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        if (!before.scheduledAt().equals(after.scheduledAt())) {
            changed.put("scheduledAt", after.scheduledAt().toString());
        }
        if (before.type() != after.type()) {
            changed.put("type", after.type().name());
        }
        if (before.channel() != after.channel()) {
            changed.put("channel", after.channel().name());
        }
        if (!before.assigneeId().equals(after.assigneeId())) {
            changed.put("assigneeId", after.assigneeId().toString());
        }
        if (!java.util.Objects.equals(before.notes(), after.notes())) {
            changed.put("notes", "changed");
        }
        return changed;
    }

    private static ParleyException notFound() {
        return ParleyException.notFound("FOLLOWUP_NOT_FOUND", "No follow-up has this id.");
    }
}
