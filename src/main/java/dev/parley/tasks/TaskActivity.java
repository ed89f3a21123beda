package dev.parley.tasks;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a task's history: who ({@code actor}, null for the system) changed what, when.
 *
 * @param action   {@code CREATED}, {@code STATUS}, {@code ASSIGNEE}, {@code PRIORITY}, {@code DUE}, {@code TITLE},
 *                 {@code DESCRIPTION}, {@code COMMENT}, {@code REMINDED} or {@code CONTACT_ERASED}
 * @param from     the value before, as the API shows it (status and priority names, ISO-8601 due times, user ids);
 *                 for {@code REMINDED}, the reminder ({@code PT24H}: 24 hours before, {@code OVERDUE})
 * @param to       the value after; for {@code REMINDED}, the due time it was about
 * @param fromName for {@code ASSIGNEE}: the previous assignee's name
 * @param toName   for {@code ASSIGNEE}: the new assignee's name; for {@code REMINDED}: who was reminded
 */
public record TaskActivity(UUID id, String action, TaskPerson actor, String from, String to, String fromName,
                           String toName, Instant occurredAt) {
}
