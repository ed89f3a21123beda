package dev.parley.tasks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A task as admin operators see it. {@code contact} is filled only when one task is read (each such read is
 * audit-logged), never in lists.
 *
 * @param overdue      still open and past its due time
 * @param nextStatuses the statuses it may change to now
 * @param comments     how many comments it has
 */
public record TaskView(UUID id, String title, String description, Instant dueAt, TaskPriority priority,
                       TaskStatus status, boolean overdue, List<TaskStatus> nextStatuses, TaskPerson assignee,
                       TaskPerson creator, UUID conversationId, Integer conversationNumber, TaskContact contact,
                       long comments, Instant createdAt, Instant updatedAt, Instant completedAt) {
}
