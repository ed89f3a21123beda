package dev.parley.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Days {@code from} to {@code to} (both included) of a tenant's calendar in its time zone, and the instants they span:
 * {@code start} is midnight of {@code from}, {@code end} midnight after {@code to}.
 */
public record Period(ZoneId zone, LocalDate from, LocalDate to, Instant start, Instant end) {

    /** The longest period a report covers, in days. */
    public static final int MAX_DAYS = 366;

    public static Period of(ZoneId zone, LocalDate from, LocalDate to) {
        return new Period(zone, from, to, from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant());
    }
}
