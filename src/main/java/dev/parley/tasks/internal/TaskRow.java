package dev.parley.tasks.internal;

import java.time.Instant;
import java.util.UUID;

import dev.parley.tasks.TaskPriority;
import dev.parley.tasks.TaskStatus;

/** A row of {@code tasks}, with its number of comments when read. */
public record TaskRow(UUID id, String title, String description, Instant dueAt, TaskPriority priority,
                      TaskStatus status, UUID assigneeId, UUID creatorId, UUID conversationId, Integer conversationNo,
                      UUID contactId, String contactName, String contactEmail, String contactPhone,
                      Instant contactErasedAt, Instant createdAt, Instant updatedAt, Instant completedAt,
                      long comments) {

    public boolean overdueAt(Instant now) {
        return status.isOpen() && dueAt != null && dueAt.isBefore(now);
    }

    /** Whether it holds any of the contact's details (reading them is audit-logged). */
    public boolean holdsContactDetails() {
        return contactName != null || contactEmail != null || contactPhone != null;
    }

    public TaskRow withTitle(String value) {
        return new TaskRow(id, value, description, dueAt, priority, status, assigneeId, creatorId, conversationId,
                conversationNo, contactId, contactName, contactEmail, contactPhone, contactErasedAt, createdAt,
                updatedAt, completedAt, comments);
    }

    public TaskRow withDescription(String value) {
        return new TaskRow(id, title, value, dueAt, priority, status, assigneeId, creatorId, conversationId,
                conversationNo, contactId, contactName, contactEmail, contactPhone, contactErasedAt, createdAt,
                updatedAt, completedAt, comments);
    }

    public TaskRow withDueAt(Instant value) {
        return new TaskRow(id, title, description, value, priority, status, assigneeId, creatorId, conversationId,
                conversationNo, contactId, contactName, contactEmail, contactPhone, contactErasedAt, createdAt,
                updatedAt, completedAt, comments);
    }

    public TaskRow withPriority(TaskPriority value) {
        return new TaskRow(id, title, description, dueAt, value, status, assigneeId, creatorId, conversationId,
                conversationNo, contactId, contactName, contactEmail, contactPhone, contactErasedAt, createdAt,
                updatedAt, completedAt, comments);
    }

    /** The new status; completing stamps {@code completedAt}, anything else clears it. */
    public TaskRow withStatus(TaskStatus value, Instant now) {
        Instant completed = value == TaskStatus.COMPLETED ? (status == TaskStatus.COMPLETED ? completedAt : now) : null;
        return new TaskRow(id, title, description, dueAt, priority, value, assigneeId, creatorId, conversationId,
                conversationNo, contactId, contactName, contactEmail, contactPhone, contactErasedAt, createdAt,
                updatedAt, completed, comments);
    }

    public TaskRow withAssignee(UUID value) {
        return new TaskRow(id, title, description, dueAt, priority, status, value, creatorId, conversationId,
                conversationNo, contactId, contactName, contactEmail, contactPhone, contactErasedAt, createdAt,
                updatedAt, completedAt, comments);
    }

    public TaskRow touchedAt(Instant now) {
        return new TaskRow(id, title, description, dueAt, priority, status, assigneeId, creatorId, conversationId,
                conversationNo, contactId, contactName, contactEmail, contactPhone, contactErasedAt, createdAt,
                now, completedAt, comments);
    }
}
