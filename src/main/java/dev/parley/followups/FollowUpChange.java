package dev.parley.followups;

import java.time.Instant;
import java.util.UUID;

/**
 * Changes to a follow-up; null fields stay as they are, empty notes clear them. Time, type, channel and assignee
 * change only while it is scheduled; notes at any time.
 */
public record FollowUpChange(Instant scheduledAt, FollowUpType type, FollowUpChannel channel, String notes,
                             UUID assigneeId) {
}
