package dev.parley.billing.invoice;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * The two lines of a mid-period plan change: a credit for the unused time of the old price and a charge for the
 * remaining time of the new price, in proportion to the seconds left in the period.
 *
 * <p>Each line is the exact share {@code price × secondsLeft / secondsInPeriod} rounded once, HALF_EVEN. Both
 * lines use the same fraction and the same rounding, so an unchanged price nets to exactly zero, a credit never
 * exceeds the old price and a charge never exceeds the new one. The invoice total is the exact sum of these
 * rounded lines: no minor unit is created or lost after the lines are rounded.
 */
public record Proration(InvoiceLine credit, InvoiceLine charge) {

    static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    /** The price a customer paid or will pay for a whole period, and the name shown on the invoice. */
    public record PricedItem(String name, Money price) {

        public PricedItem {
            if (price.isNegative()) {
                throw new IllegalArgumentException("A price cannot be negative: " + price);
            }
        }
    }

    /** Prorates a change from {@code from} to {@code to} taking effect at {@code changeAt} within {@code period}. */
    public static Proration of(PricedItem from, PricedItem to, BillingPeriod period, Instant changeAt) {
        if (!from.price().currency().equals(to.price().currency())) {
            throw new CurrencyMismatchException(from.price().currency(), to.price().currency());
        }
        long remaining = period.secondsRemainingAfter(changeAt);
        long length = period.seconds();
        Money unused = from.price().times(remaining, length, ROUNDING);
        Money remainingOfNew = to.price().times(remaining, length, ROUNDING);
        return new Proration(
                new InvoiceLine(LineKind.PRORATION_CREDIT, "Unused time on " + from.name(), unused.negate()),
                new InvoiceLine(LineKind.PRORATION_CHARGE, "Remaining time on " + to.name(), remainingOfNew));
    }

    /** Credit plus charge: what the change costs (positive) or gives back (negative) this period. */
    public Money net() {
        return credit.amount().plus(charge.amount());
    }

    public List<InvoiceLine> lines() {
        return List.of(credit, charge);
    }
}
