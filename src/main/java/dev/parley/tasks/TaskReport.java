package dev.parley.tasks;

import java.time.Instant;
import java.util.List;

/**
 * How admin operators get their tasks done: the tasks created in {@code [from, to)}, by current assignee.
 *
 * @param operators every active admin operator (and anyone else holding tasks of the period), busiest first
 * @param totals    the same figures for the whole team
 */
public record TaskReport(Instant from, Instant to, Instant generatedAt, List<Line> operators, Line totals) {

    /**
     * One assignee's figures (the totals line has no operator).
     *
     * @param assigned                 tasks of the period assigned to them
     * @param completed                of those, completed
     * @param completedOnTime          of those completed, completed by their due time or without one
     * @param overdue                  of those, still open and past due now
     * @param open                     of those, still open (overdue ones included)
     * @param cancelled                of those, cancelled
     * @param completionRate           completed / (assigned − cancelled), null when nothing counts
     * @param onTimeRate               completed on time / completed, null when none was completed
     * @param averageCompletionSeconds mean time from creation to completion, null when none was completed
     */
    public record Line(TaskPerson operator, long assigned, long completed, long completedOnTime, long overdue,
                       long open, long cancelled, Double completionRate, Double onTimeRate,
                       Long averageCompletionSeconds) {
    }
}
