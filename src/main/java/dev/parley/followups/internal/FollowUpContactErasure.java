package dev.parley.followups.internal;

import java.time.Clock;
import java.util.Map;

import dev.parley.audit.AuditLog;
import dev.parley.chat.ConversationErased;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The retention hook: when a conversation's personal data is erased, so are the copies of its contact's name, email
 * and phone in its follow-ups, in the same transaction. The follow-ups themselves stay, for the calendar and reports.
 */
@Component
class FollowUpContactErasure {

    private final FollowUpRepository followUps;
    private final AuditLog audit;
    private final Clock clock;

    FollowUpContactErasure(FollowUpRepository followUps, AuditLog audit, Clock clock) {
        this.followUps = followUps;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void on(ConversationErased erased) {
        int erasedCount = followUps.eraseContact(erased.tenant().value(), erased.conversationId(), clock.instant());
        if (erasedCount > 0) {
            audit.record(erased.tenant(), "followup.contact_erased", "conversation", erased.conversationId(),
                    Map.of("followUps", erasedCount));
        }
    }
}
