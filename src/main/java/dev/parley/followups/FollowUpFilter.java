package dev.parley.followups;

import java.time.Instant;
import java.util.UUID;

/**
 * Which follow-ups a list or the calendar shows; null fields do not filter.
 *
 * @param from from this time (inclusive)
 * @param to   until this time (exclusive)
 */
public record FollowUpFilter(Instant from, Instant to, FollowUpStatus status, FollowUpType type, UUID assigneeId,
                             UUID conversationId) {
}
