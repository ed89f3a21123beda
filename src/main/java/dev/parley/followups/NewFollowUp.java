package dev.parley.followups;

import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up to schedule, from a conversation or from an earlier follow-up (which gives the conversation).
 *
 * @param channel    null: the type's default channel
 * @param assigneeId null: assigned by the tenant's {@link AssignmentStrategy}
 */
public record NewFollowUp(UUID conversationId, UUID parentId, Instant scheduledAt, FollowUpType type,
                          FollowUpChannel channel, String notes, UUID assigneeId) {
}
