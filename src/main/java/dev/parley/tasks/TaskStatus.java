package dev.parley.tasks;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a task stands. Open work ({@link #OPEN}, {@link #IN_PROGRESS}) can move anywhere; finished work
 * ({@link #COMPLETED}, {@link #CANCELLED}) can only be reopened, to {@link #OPEN}.
 */
public enum TaskStatus {
    OPEN, IN_PROGRESS, COMPLETED, CANCELLED;

    /** The statuses this one may change to (staying the same is always allowed and changes nothing). */
    public Set<TaskStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(IN_PROGRESS, COMPLETED, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(OPEN, COMPLETED, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.of(OPEN);
        };
    }

    public boolean canChangeTo(TaskStatus target) {
        return target == this || next().contains(target);
    }

    /** Still to be done: reminders go out, and it can be overdue. */
    public boolean isOpen() {
        return this == OPEN || this == IN_PROGRESS;
    }
}
