package dev.parley.billing.invoice;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money: a whole number of the currency's minor units (cents for EUR, yen for JPY).
 *
 * <p>There is no floating point here. Anything that is not a whole number of minor units (a share of a price,
 * a percentage, a fractional unit price) is computed on an exact {@link BigDecimal} or rational intermediate and
 * rounded once, with a {@link RoundingMode} the caller names. Sums overflow loudly instead of wrapping.
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    private static final BigDecimal BASIS_POINTS_PER_WHOLE = BigDecimal.valueOf(10_000);

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long minorUnits, Currency currency) {
        return new Money(minorUnits, currency);
    }

    public static Money of(long minorUnits, String currencyCode) {
        return new Money(minorUnits, Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /** Rounds an exact amount of minor units, such as {@code 1933.33…} cents, to a whole number of them. */
    public static Money ofMinor(BigDecimal minorUnits, Currency currency, RoundingMode rounding) {
        return new Money(minorUnits.setScale(0, rounding).longValueExact(), currency);
    }

    /** Reads a decimal amount in major units ({@code 29.00} EUR); more decimals than the currency has are refused. */
    public static Money parse(String majorUnits, Currency currency) {
        BigDecimal minor = new BigDecimal(majorUnits).movePointRight(minorDigits(currency));
        return ofMinor(minor, currency, RoundingMode.UNNECESSARY);
    }

    /** The number of digits after the decimal point in this currency: 2 for EUR, 0 for JPY, 3 for KWD. */
    public int minorDigits() {
        return minorDigits(currency);
    }

    static int minorDigits(Currency currency) {
        // Pseudo-currencies such as XXX answer -1: they have no minor unit at all.
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(minorUnits, factor), currency);
    }

    /** This amount times an exact decimal factor, rounded once. */
    public Money times(BigDecimal factor, RoundingMode rounding) {
        return ofMinor(BigDecimal.valueOf(minorUnits).multiply(factor), currency, rounding);
    }

    /** This amount times the fraction {@code numerator / denominator}, computed exactly and rounded once. */
    public Money times(long numerator, long denominator, RoundingMode rounding) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("The denominator must be positive: " + denominator);
        }
        BigInteger product = BigInteger.valueOf(minorUnits).multiply(BigInteger.valueOf(numerator));
        BigDecimal quotient = new BigDecimal(product).divide(BigDecimal.valueOf(denominator), 0, rounding);
        return new Money(quotient.longValueExact(), currency);
    }

    /** A share of this amount in basis points (1 % = 100 bp), rounded once. */
    public Money basisPoints(long basisPoints, RoundingMode rounding) {
        return times(BigDecimal.valueOf(basisPoints).divide(BASIS_POINTS_PER_WHOLE), rounding);
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public boolean isNegative() {
        return minorUnits < 0;
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    /** The amount in major units with the currency's digits: {@code 29.00} for 2900 EUR cents, {@code 500} for JPY. */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minorUnits, minorDigits());
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }
}
