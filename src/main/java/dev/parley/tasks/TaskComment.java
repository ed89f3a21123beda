package dev.parley.tasks;

import java.time.Instant;
import java.util.UUID;

/** A comment on a task. */
public record TaskComment(UUID id, TaskPerson author, String body, Instant createdAt) {
}
