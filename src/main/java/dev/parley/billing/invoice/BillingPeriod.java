package dev.parley.billing.invoice;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A billing period, from its start (inclusive) to its end (exclusive), measured in whole seconds. */
public record BillingPeriod(Instant start, Instant end) {

    public BillingPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (seconds(start, end) <= 0) {
            throw new IllegalArgumentException("A billing period must last at least one second: " + start + " – " + end);
        }
    }

    /** The period's length in whole seconds. */
    public long seconds() {
        return seconds(start, end);
    }

    /** The whole seconds from {@code instant} to the period's end; the instant must lie within the period. */
    public long secondsRemainingAfter(Instant instant) {
        if (instant.isBefore(start) || instant.isAfter(end)) {
            throw new IllegalArgumentException(instant + " is outside the billing period " + start + " – " + end);
        }
        return seconds(instant, end);
    }

    private static long seconds(Instant from, Instant to) {
        // Sub-second parts are dropped: proration is by the second, like Stripe's.
        return Duration.between(from, to).getSeconds();
    }
}
