package dev.parley.followups;

import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up as lists and the calendar show it: the contact by name only (their email and phone are in
 * {@link FollowUpDetail}, whose every read is audit-logged).
 *
 * @param contactName the contact's name when it was scheduled, or null once the conversation's data was erased
 * @param outcome     free text: how it went when completed, why when cancelled
 * @param closedAt    when it left {@code SCHEDULED} (completed, missed or cancelled)
 */
public record FollowUpView(UUID id, UUID conversationId, UUID contactId, UUID parentId, FollowUpType type,
                           FollowUpChannel channel, Instant scheduledAt, FollowUpStatus status,
                           OutcomeCode outcomeCode, String outcome, Instant completedAt, Instant closedAt,
                           String notes, UUID assigneeId, String assigneeName, UUID createdById, String createdByName,
                           String contactName, Instant createdAt, Instant updatedAt) {
}
