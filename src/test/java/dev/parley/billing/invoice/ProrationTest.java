package dev.parley.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Currency;

import dev.parley.billing.invoice.Proration.PricedItem;
import org.junit.jupiter.api.Test;

class ProrationTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");
    static final BillingPeriod NOVEMBER = new BillingPeriod(
            Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
    static final PricedItem BASIC = new PricedItem("Basic", Money.of(2900, EUR));
    static final PricedItem PROFESSIONAL = new PricedItem("Professional", Money.of(7900, EUR));

    @Test
    void upgradeWithTwentyOfThirtyDaysLeftCreditsTwoThirdsOfTheOldPriceAndChargesTwoThirdsOfTheNew() {
        Proration proration = Proration.of(BASIC, PROFESSIONAL, NOVEMBER, Instant.parse("2026-11-11T00:00:00Z"));

        // 2900 × 20/30 = 1933.33… → 1933; 7900 × 20/30 = 5266.66… → 5267
        assertThat(proration.credit()).isEqualTo(
                new InvoiceLine(LineKind.PRORATION_CREDIT, "Unused time on Basic", Money.of(-1933, EUR)));
        assertThat(proration.charge()).isEqualTo(
                new InvoiceLine(LineKind.PRORATION_CHARGE, "Remaining time on Professional", Money.of(5267, EUR)));
        assertThat(proration.net()).isEqualTo(Money.of(3334, EUR));
    }

    @Test
    void upgradeAtMidMonthCostsHalfTheDifference() {
        Proration proration = Proration.of(BASIC, PROFESSIONAL, NOVEMBER, Instant.parse("2026-11-16T00:00:00Z"));

        assertThat(proration.credit().amount()).isEqualTo(Money.of(-1450, EUR));
        assertThat(proration.charge().amount()).isEqualTo(Money.of(3950, EUR));
        assertThat(proration.net()).isEqualTo(Money.of(2500, EUR));
    }

    @Test
    void prorationIsBySecondSoOneSecondLaterChangesTheCredit() {
        Proration atNoon = Proration.of(BASIC, PROFESSIONAL, NOVEMBER, Instant.parse("2026-11-16T12:00:00Z"));

        // 2900 × 1252800 / 2592000 = 1401.66… → 1402; 7900 × 1252800 / 2592000 = 3818.33… → 3818
        assertThat(atNoon.credit().amount()).isEqualTo(Money.of(-1402, EUR));
        assertThat(atNoon.charge().amount()).isEqualTo(Money.of(3818, EUR));
    }

    @Test
    void changeAtThePeriodsStartSwapsWholePricesAndAtItsEndChangesNothing() {
        Proration atStart = Proration.of(BASIC, PROFESSIONAL, NOVEMBER, NOVEMBER.start());
        Proration atEnd = Proration.of(BASIC, PROFESSIONAL, NOVEMBER, NOVEMBER.end());

        assertThat(atStart.net()).isEqualTo(Money.of(5000, EUR));
        assertThat(atEnd.credit().amount()).isEqualTo(Money.zero(EUR));
        assertThat(atEnd.charge().amount()).isEqualTo(Money.zero(EUR));
    }

    @Test
    void yenHaveNoMinorDigitsSoSharesRoundToWholeYen() {
        Proration proration = Proration.of(new PricedItem("Basic", Money.of(1000, JPY)),
                new PricedItem("Professional", Money.of(3000, JPY)), NOVEMBER, Instant.parse("2026-11-11T00:00:00Z"));

        assertThat(proration.credit().amount()).isEqualTo(Money.of(-667, JPY));
        assertThat(proration.charge().amount()).isEqualTo(Money.of(2000, JPY));
    }

    @Test
    void aChangeOutsideThePeriodIsRefused() {
        assertThatThrownBy(() -> Proration.of(BASIC, PROFESSIONAL, NOVEMBER, Instant.parse("2026-12-01T00:00:01Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changingBetweenCurrenciesIsRefused() {
        PricedItem dollars = new PricedItem("Professional", Money.of(7900, "USD"));

        assertThatThrownBy(() -> Proration.of(BASIC, dollars, NOVEMBER, Instant.parse("2026-11-11T00:00:00Z")))
                .isInstanceOf(CurrencyMismatchException.class);
    }
}
