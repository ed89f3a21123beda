package dev.parley.billing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Billing periods run from an anchor by whole months or years in UTC, each computed from the anchor rather than the
 * previous end, so a subscription anchored on January 31 renews on February 28 and then on March 31 (Stripe's rule).
 */
public final class BillingCycle {

    private BillingCycle() {
    }

    /** The end of the {@code n}-th period (n ≥ 1) counted from {@code anchor}. */
    public static Instant endOfPeriod(Instant anchor, BillingInterval interval, long n) {
        ZonedDateTime start = anchor.atZone(ZoneOffset.UTC);
        return (interval == BillingInterval.YEARLY ? start.plusYears(n) : start.plusMonths(n)).toInstant();
    }

    /** The end of the period that starts at {@code periodStart} (itself a period boundary, or the anchor). */
    public static Instant nextPeriodEnd(Instant anchor, Instant periodStart, BillingInterval interval) {
        long n = 1;
        Instant end = endOfPeriod(anchor, interval, n);
        while (!end.isAfter(periodStart)) {
            n++;
            end = endOfPeriod(anchor, interval, n);
        }
        return end;
    }

    /**
     * How many period boundaries of the cycle anchored at {@code anchor} lie after {@code from} and at or before
     * {@code to}: the index of the period that contains {@code to}, counted from 0 for the one that contains
     * {@code from} (negative when {@code to} is before {@code from}). Boundaries before the anchor count too.
     */
    public static long periodsBetween(Instant anchor, BillingInterval interval, Instant from, Instant to) {
        return boundariesUpTo(anchor, interval, to) - boundariesUpTo(anchor, interval, from);
    }

    /** The largest n (possibly negative) whose boundary {@code endOfPeriod(anchor, interval, n)} is at or before t. */
    private static long boundariesUpTo(Instant anchor, BillingInterval interval, Instant t) {
        ZonedDateTime a = anchor.atZone(ZoneOffset.UTC);
        ZonedDateTime at = t.atZone(ZoneOffset.UTC);
        long n = (interval == BillingInterval.YEARLY ? java.time.temporal.ChronoUnit.YEARS
                : java.time.temporal.ChronoUnit.MONTHS).between(a, at);
        while (endOfPeriod(anchor, interval, n).isAfter(t)) {
            n--;
        }
        while (!endOfPeriod(anchor, interval, n + 1).isAfter(t)) {
            n++;
        }
        return n;
    }
}
