package dev.parley.tasks;

/**
 * The team's open work at a glance (the tenant admin's dashboard).
 *
 * @param open       tasks open or in progress
 * @param inProgress of those, in progress
 * @param overdue    of those, past their due time
 * @param dueToday   of those, due today in the tenant's time zone
 * @param timeZone   the tenant's time zone that "today" is counted in
 */
public record TaskCounts(long open, long inProgress, long overdue, long dueToday, String timeZone) {
}
