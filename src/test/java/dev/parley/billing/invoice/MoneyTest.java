package dev.parley.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import org.junit.jupiter.api.Test;

class MoneyTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void addsSubtractsNegatesAndMultipliesInMinorUnits() {
        Money price = Money.of(2900, EUR);

        assertThat(price.plus(Money.of(100, EUR))).isEqualTo(Money.of(3000, EUR));
        assertThat(price.minus(Money.of(3000, EUR))).isEqualTo(Money.of(-100, EUR));
        assertThat(price.negate()).isEqualTo(Money.of(-2900, EUR));
        assertThat(price.times(3)).isEqualTo(Money.of(8700, EUR));
    }

    @Test
    void mixingCurrenciesIsRefused() {
        Money euros = Money.of(2900, EUR);
        Money dollars = Money.of(2900, "USD");

        assertThatThrownBy(() -> euros.plus(dollars)).isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("Cannot combine EUR with USD");
        assertThatThrownBy(() -> euros.minus(dollars)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> euros.compareTo(dollars)).isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void knowsEachCurrencysMinorDigits() {
        assertThat(Money.of(2900, EUR).minorDigits()).isEqualTo(2);
        assertThat(Money.of(500, JPY).minorDigits()).isZero();
        assertThat(Money.of(1, "KWD").minorDigits()).isEqualTo(3);

        assertThat(Money.of(2900, EUR)).hasToString("29.00 EUR");
        assertThat(Money.of(500, JPY)).hasToString("500 JPY");
        assertThat(Money.of(-5, EUR).toDecimal()).isEqualByComparingTo("-0.05");
    }

    @Test
    void parsesMajorUnitsButRefusesDigitsTheCurrencyDoesNotHave() {
        assertThat(Money.parse("29.00", EUR)).isEqualTo(Money.of(2900, EUR));
        assertThat(Money.parse("500", JPY)).isEqualTo(Money.of(500, JPY));

        assertThatThrownBy(() -> Money.parse("29.001", EUR)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.parse("500.5", JPY)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void roundsAnExactFractionOnceWithTheNamedRoundingMode() {
        Money price = Money.of(2900, EUR);

        assertThat(price.times(2, 3, RoundingMode.HALF_EVEN)).isEqualTo(Money.of(1933, EUR));
        assertThat(price.times(2, 3, RoundingMode.UP)).isEqualTo(Money.of(1934, EUR));
        assertThat(Money.of(1, EUR).times(1, 2, RoundingMode.HALF_EVEN)).isEqualTo(Money.of(0, EUR));
        assertThat(Money.of(3, EUR).times(1, 2, RoundingMode.HALF_EVEN)).isEqualTo(Money.of(2, EUR));
        assertThat(Money.of(1, EUR).times(1, 2, RoundingMode.HALF_UP)).isEqualTo(Money.of(1, EUR));
        assertThat(Money.of(-3, EUR).times(1, 2, RoundingMode.HALF_EVEN)).isEqualTo(Money.of(-2, EUR));
    }

    @Test
    void roundsDecimalFactorsAndBasisPointsOnce() {
        assertThat(Money.of(1321, EUR).times(new BigDecimal("3.5"), RoundingMode.HALF_EVEN))
                .isEqualTo(Money.of(4624, EUR));
        assertThat(Money.of(21886, EUR).basisPoints(1900, RoundingMode.HALF_EVEN)).isEqualTo(Money.of(4158, EUR));
        assertThat(Money.ofMinor(new BigDecimal("2.5"), JPY, RoundingMode.HALF_EVEN)).isEqualTo(Money.of(2, JPY));
    }

    @Test
    void overflowIsAnErrorNotAWrapAround() {
        Money most = Money.of(Long.MAX_VALUE, EUR);

        assertThatThrownBy(() -> most.plus(Money.of(1, EUR))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> most.times(2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> most.times(3, 2, RoundingMode.HALF_EVEN)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aFractionNeedsAPositiveDenominator() {
        assertThatThrownBy(() -> Money.of(1, EUR).times(1, 0, RoundingMode.HALF_EVEN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
