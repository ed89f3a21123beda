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
}
