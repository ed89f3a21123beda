package dev.parley.support;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.parley.notify.NotificationRequested;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The notifications modules asked for, as the notify module receives them: only those whose transaction committed.
 * Tests filter by recipient, so tests running before them do not matter.
 */
@Component
@Profile("test")
public class RecordedNotifications {

    private final ConcurrentLinkedQueue<NotificationRequested> requested = new ConcurrentLinkedQueue<>();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(NotificationRequested notification) {
        requested.add(notification);
    }

    /** What this person was sent, oldest first. */
    public List<NotificationRequested> to(UUID recipient) {
        return requested.stream().filter(n -> n.recipient().value().equals(recipient)).toList();
    }

    /** What this person was sent of one kind ({@code followup.reminder}), oldest first. */
    public List<NotificationRequested> to(UUID recipient, String kind) {
        return to(recipient).stream().filter(n -> n.kind().equals(kind)).toList();
    }
}
