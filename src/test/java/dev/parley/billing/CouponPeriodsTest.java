package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Which period of a coupon an invoice's period is: counted in the subscription's own period boundaries. */
class CouponPeriodsTest {

    static final Instant ANCHOR = Instant.parse("2026-01-31T10:00:00Z");

    @Test
    void periodsAreCountedAlongTheAnchorsBoundariesEvenAcrossShortMonths() {
        Instant feb = BillingCycle.endOfPeriod(ANCHOR, BillingInterval.MONTHLY, 1);
        Instant mar = BillingCycle.endOfPeriod(ANCHOR, BillingInterval.MONTHLY, 2);

        assertThat(feb).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        assertThat(BillingCycle.periodsBetween(ANCHOR, BillingInterval.MONTHLY, feb, feb)).isZero();
        assertThat(BillingCycle.periodsBetween(ANCHOR, BillingInterval.MONTHLY, feb, mar)).isEqualTo(1);
        assertThat(BillingCycle.periodsBetween(ANCHOR, BillingInterval.MONTHLY, feb, mar.minusSeconds(1))).isZero();
        assertThat(BillingCycle.periodsBetween(ANCHOR, BillingInterval.MONTHLY, mar, feb)).isEqualTo(-1);
        assertThat(BillingCycle.periodsBetween(ANCHOR, BillingInterval.YEARLY, ANCHOR,
                Instant.parse("2028-02-01T00:00:00Z"))).isEqualTo(2);
    }

    @Property(tries = 300)
    void theNthBoundaryAfterAnyBoundaryIsNPeriodsOn(@ForAll @IntRange(min = -30, max = 30) int from,
                                                      @ForAll @IntRange(min = 0, max = 60) int n,
                                                      @ForAll boolean yearly) {
        BillingInterval interval = yearly ? BillingInterval.YEARLY : BillingInterval.MONTHLY;
        Instant start = BillingCycle.endOfPeriod(ANCHOR, interval, from);
        Instant later = BillingCycle.endOfPeriod(ANCHOR, interval, from + n);

        assertThat(BillingCycle.periodsBetween(ANCHOR, interval, start, later)).isEqualTo(n);
        assertThat(BillingCycle.periodsBetween(ANCHOR, interval, start, later.plusSeconds(5))).isEqualTo(n);
    }
}
