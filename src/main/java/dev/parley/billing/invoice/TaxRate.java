package dev.parley.billing.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A tenant's tax rate in basis points: 1900 is 19 %, 0 is untaxed. */
public record TaxRate(int basisPoints) {

    public static final TaxRate NONE = new TaxRate(0);

    public TaxRate {
        if (basisPoints < 0 || basisPoints > 10_000) {
            throw new IllegalArgumentException("A tax rate is between 0 and 10000 basis points: " + basisPoints);
        }
    }

    /** The tax on a taxable amount, rounded once, HALF_EVEN. */
    public Money taxOn(Money taxable) {
        return taxable.basisPoints(basisPoints, RoundingMode.HALF_EVEN);
    }

    /** The rate as a percentage for people: {@code 19}, {@code 7.5}. */
    public String percent() {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString();
    }
}
