package dev.parley.notify;

import java.time.Instant;
import java.util.UUID;

/** A notification as its recipient sees it; {@code readAt} is null until they read it. */
public record Notification(UUID id, String kind, String title, String body, String link, Instant createdAt,
                           Instant readAt) {
}
