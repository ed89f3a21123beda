package dev.parley.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;

import dev.parley.billing.invoice.Coupon.AmountOff;
import dev.parley.billing.invoice.Coupon.Forever;
import dev.parley.billing.invoice.Coupon.Once;
import dev.parley.billing.invoice.Coupon.PercentOff;
import dev.parley.billing.invoice.Coupon.Repeating;
import org.junit.jupiter.api.Test;

class CouponTest {

    static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void aOnceCouponAppliesToTheFirstPeriodOnly() {
        Coupon coupon = new Coupon("WELCOME", new PercentOff(1000), new Once());

        assertThat(coupon.appliesToPeriod(0)).isTrue();
        assertThat(coupon.appliesToPeriod(1)).isFalse();
    }

    @Test
    void aRepeatingCouponAppliesToItsFirstNPeriods() {
        Coupon coupon = new Coupon("SPRING", new PercentOff(1000), new Repeating(3));

        assertThat(coupon.appliesToPeriod(0)).isTrue();
        assertThat(coupon.appliesToPeriod(2)).isTrue();
        assertThat(coupon.appliesToPeriod(3)).isFalse();
        assertThat(coupon.appliesToPeriod(-1)).isFalse();
    }

    @Test
    void aForeverCouponAppliesToEveryPeriod() {
        Coupon coupon = new Coupon("PARTNER", new AmountOff(Money.of(500, EUR)), new Forever());

        assertThat(coupon.appliesToPeriod(0)).isTrue();
        assertThat(coupon.appliesToPeriod(1200)).isTrue();
    }

    @Test
    void aPercentCouponRoundsItsShareHalfEven() {
        Coupon coupon = new Coupon("QUARTER", new PercentOff(2500), new Once());

        // 25 % of 2902 = 725.5 → 726; of 2906 = 726.5 → 726
        assertThat(coupon.discountOn(Money.of(2902, EUR))).isEqualTo(Money.of(726, EUR));
        assertThat(coupon.discountOn(Money.of(2906, EUR))).isEqualTo(Money.of(726, EUR));
        assertThat(coupon.discountOn(Money.of(-100, EUR))).isEqualTo(Money.zero(EUR));
    }

    @Test
    void couponsOutsideTheirRangesAreRefused() {
        assertThatThrownBy(() -> new PercentOff(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PercentOff(10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmountOff(Money.zero(EUR))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Repeating(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
