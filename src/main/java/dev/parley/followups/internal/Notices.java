package dev.parley.followups.internal;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.parley.followups.FollowUpType;
import dev.parley.notify.NotificationRequested;
import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What the assignee of a follow-up is told, and by mail too: that it was assigned to them, that it is coming up, that
 * it was missed. Published in the transaction that caused it; the notify module delivers it once that commits.
 */
@Component
public class Notices {

    /** Mail is read in no particular time zone: times in it say UTC; the console shows the reader's own. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final ApplicationEventPublisher events;

    Notices(ApplicationEventPublisher events) {
        this.events = events;
    }

    public void assigned(TenantId tenant, FollowUpRepository.Row followUp, String by) {
        String what = what(followUp);
        publish(tenant, followUp, "followup.assigned", "Follow-up assigned to you: " + what,
                by + " assigned you a follow-up: " + what + " on " + WHEN.format(followUp.scheduledAt()) + ".");
    }

    public void reminder(TenantId tenant, FollowUpRepository.Row followUp, Duration before) {
        String what = what(followUp);
        publish(tenant, followUp, "followup.reminder", "Coming up in " + describe(before) + ": " + what,
                "Your follow-up " + what + " is scheduled for " + WHEN.format(followUp.scheduledAt()) + ".");
    }

    public void missed(TenantId tenant, FollowUpRepository.Row followUp) {
        String what = what(followUp);
        publish(tenant, followUp, "followup.missed", "Missed follow-up: " + what,
                "Your follow-up " + what + " was due on " + WHEN.format(followUp.scheduledAt())
                        + " and was not completed, so it is now marked missed. Complete it late, cancel it, or "
                        + "schedule the next one from it.");
    }

    private void publish(TenantId tenant, FollowUpRepository.Row followUp, String kind, String title, String body) {
        events.publishEvent(new NotificationRequested(tenant, UserId.of(followUp.assigneeId()), kind, title, body,
                "#/followups/" + followUp.id(), true));
    }

    /** "call Jane Doe", "email Visitor #12", "meeting with Jane Doe". */
    static String what(FollowUpRepository.Row followUp) {
        String who = followUp.contactName() != null ? followUp.contactName() : "a contact";
        return verb(followUp.type()) + who;
    }

    private static String verb(FollowUpType type) {
        return switch (type) {
            case CALL -> "call ";
            case EMAIL -> "email ";
            case SMS -> "text ";
            case WHATSAPP -> "WhatsApp ";
            case MEETING -> "meeting with ";
        };
    }

    static String describe(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes % (24 * 60) == 0) {
            long days = minutes / (24 * 60);
            return days == 1 ? "24 hours" : days + " days";
        }
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
