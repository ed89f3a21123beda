package dev.parley.notify.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.notify.Notification;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;
import dev.parley.shared.web.CursorPage;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's own notifications in the current tenant: the list, the unread count, marking read. Nobody reaches
 * another person's notifications: they answer 404, as if they did not exist.
 */
@Service
@Transactional
public class Notifications {

    /** One page of a person's notifications, newest first, and how many of all of them are unread. */
    public record Page(List<Notification> items, String nextCursor, int unread) {
    }

    private final NotificationRepository repository;
    private final NotificationStreams streams;
    private final Clock clock;

    Notifications(NotificationRepository repository, NotificationStreams streams, Clock clock) {
        this.repository = repository;
        this.streams = streams;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page list(TenantId tenant, UserId person, boolean unreadOnly, String cursor, Integer limit) {
        int size = CursorPage.limit(limit);
        CursorPage<Notification> page = CursorPage.of(repository.list(tenant, person.value(), unreadOnly,
                CursorPage.decode(cursor), size + 1), size, Notification::id);
        return new Page(page.items(), page.nextCursor(), repository.unread(tenant, person.value()));
    }

    @Transactional(readOnly = true)
    public int unread(TenantId tenant, UserId person) {
        return repository.unread(tenant, person.value());
    }

    /** Marks one read (again is fine); the person's other tabs hear of it. */
    public Notification markRead(TenantId tenant, UserId person, UUID id) {
        repository.find(tenant, person.value(), id).orElseThrow(() ->
                ParleyException.notFound("NOTIFICATION_NOT_FOUND", "No notification of yours has this id."));
        if (repository.markRead(tenant, person.value(), id, clock.instant())) {
            streams.tell(tenant, person, "read", Map.of("ids", List.of(id), "unread",
                    repository.unread(tenant, person.value())));
        }
        return repository.find(tenant, person.value(), id).orElseThrow();
    }

    /** Marks every unread notification read; answers how many were. */
    public int markAllRead(TenantId tenant, UserId person) {
        int marked = repository.markAllRead(tenant, person.value(), clock.instant());
        if (marked > 0) {
            streams.tell(tenant, person, "read", Map.of("all", true, "unread", 0));
        }
        return marked;
    }
}
