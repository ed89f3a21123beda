package dev.parley.billing;

import java.time.Instant;

import dev.parley.billing.invoice.Coupon;
import dev.parley.billing.invoice.Money;

/**
 * A coupon as the platform owner defines it: percent off (in basis points, 2500 is 25 %) or an amount off in minor
 * units of {@code currency}; a duration ({@code ONCE}, {@code REPEATING} for {@code durationPeriods} periods,
 * {@code FOREVER}); redeemable until {@code redeemBy} (null: no expiry), at most {@code maxRedemptions} times in all
 * (null: no limit).
 */
public record CouponOffer(String code, String name, Integer percentOffBasisPoints, Long amountOff, String currency,
                          Duration duration, Integer durationPeriods, Instant redeemBy, Integer maxRedemptions,
                          int timesRedeemed, Instant createdAt) {

    /** For how many periods a redeemed coupon applies. */
    public enum Duration {
        ONCE,
        REPEATING,
        FOREVER
    }

    /** The coupon for invoice arithmetic. */
    public Coupon coupon() {
        Coupon.Value value = percentOffBasisPoints != null
                ? new Coupon.PercentOff(percentOffBasisPoints)
                : new Coupon.AmountOff(Money.of(amountOff, currency));
        Coupon.CouponDuration length = switch (duration) {
            case ONCE -> new Coupon.Once();
            case REPEATING -> new Coupon.Repeating(durationPeriods);
            case FOREVER -> new Coupon.Forever();
        };
        return new Coupon(code, value, length);
    }

    public boolean expiredAt(Instant now) {
        return redeemBy != null && !now.isBefore(redeemBy);
    }

    public boolean exhausted() {
        return maxRedemptions != null && timesRedeemed >= maxRedemptions;
    }
}
