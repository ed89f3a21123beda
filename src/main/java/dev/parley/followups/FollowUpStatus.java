package dev.parley.followups;

import java.util.Map;
import java.util.Set;

/**
 * Where a follow-up stands. Scheduled ones are completed, cancelled or, left past their time, missed; a missed one
 * can still be completed late or cancelled. Completed and cancelled are final.
 */
public enum FollowUpStatus {
    SCHEDULED, COMPLETED, MISSED, CANCELLED;

    private static final Map<FollowUpStatus, Set<FollowUpStatus>> NEXT = Map.of(
            SCHEDULED, Set.of(COMPLETED, MISSED, CANCELLED),
            MISSED, Set.of(COMPLETED, CANCELLED),
            COMPLETED, Set.of(),
            CANCELLED, Set.of());

    public boolean canBecome(FollowUpStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether the follow-up is still ahead: only then can its time, type, channel or assignee change. */
    public boolean isOpen() {
        return this == SCHEDULED;
    }
}
