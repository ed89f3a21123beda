package dev.parley.billing.invoice;

import java.math.RoundingMode;
import java.util.Objects;

/**
 * A promotional discount on a subscription: percent or amount off the invoice's subtotal before tax, for the first
 * period only, the first N periods, or forever. Expiry and redemption limits belong to redeeming a coupon, not to
 * computing an invoice.
 */
public record Coupon(String code, Value value, CouponDuration duration) {

    public Coupon {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(duration, "duration");
    }

    /** How much a coupon takes off. */
    public sealed interface Value {
    }

    /** A share of the subtotal, in basis points: 2500 is 25 % off, 10000 is free. */
    public record PercentOff(int basisPoints) implements Value {

        public PercentOff {
            if (basisPoints <= 0 || basisPoints > 10_000) {
                throw new IllegalArgumentException("Percent off is between 1 and 10000 basis points: " + basisPoints);
            }
        }
    }

    /** A fixed amount off, in the subscription's currency. */
    public record AmountOff(Money amount) implements Value {

        public AmountOff {
            if (!amount.isPositive()) {
                throw new IllegalArgumentException("An amount off must be positive: " + amount);
            }
        }
    }

    /** For how many billing periods a coupon applies once redeemed. */
    public sealed interface CouponDuration {
    }

    /** The first period only. */
    public record Once() implements CouponDuration {
    }

    /** The first {@code periods} periods. */
    public record Repeating(int periods) implements CouponDuration {

        public Repeating {
            if (periods <= 0) {
                throw new IllegalArgumentException("A repeating coupon lasts at least one period: " + periods);
            }
        }
    }

    /** Every period while the subscription lasts. */
    public record Forever() implements CouponDuration {
    }

    /**
     * Whether the coupon applies to a period, counted from 0 for the period in which it was redeemed. The billing
     * cycle asks this before passing the coupon to an invoice.
     */
    public boolean appliesToPeriod(int periodIndex) {
        if (periodIndex < 0) {
            return false;
        }
        return switch (duration) {
            case Once once -> periodIndex == 0;
            case Repeating repeating -> periodIndex < repeating.periods();
            case Forever forever -> true;
        };
    }

    /** What this coupon takes off {@code discountable}: never more than it, never negative. */
    public Money discountOn(Money discountable) {
        if (!discountable.isPositive()) {
            return Money.zero(discountable.currency());
        }
        return switch (value) {
            // Rounding a share of at most 100 % of a whole number never exceeds that number.
            case PercentOff percent -> discountable.basisPoints(percent.basisPoints(), RoundingMode.HALF_EVEN);
            case AmountOff amount -> amount.amount().min(discountable);
        };
    }
}
