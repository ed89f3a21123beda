package dev.parley.billing.invoice;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An invoice's lines in one currency, before it is numbered and issued. Every total is a sum of lines, so the
 * total is always exactly the sum of what the customer reads.
 *
 * <p>Build one with {@link #builder(Currency)}: add the charges and proration lines, then {@link Builder#build}
 * applies the coupons to the subtotal, the tax to what is left, and keeps the total from going negative.
 */
public record InvoiceDraft(Currency currency, List<InvoiceLine> lines) {

    public InvoiceDraft {
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        for (InvoiceLine line : lines) {
            if (!line.amount().currency().equals(currency)) {
                throw new CurrencyMismatchException(currency, line.amount().currency());
            }
        }
        long total = lines.stream().mapToLong(line -> line.amount().minorUnits()).reduce(0, Math::addExact);
        if (total < 0) {
            throw new IllegalArgumentException("An invoice's total cannot be negative: " + total);
        }
    }

    public static Builder builder(Currency currency) {
        return new Builder(currency);
    }

    /** Charges and proration, before discounts and tax. */
    public Money subtotal() {
        return sum(line -> line.kind().inSubtotal());
    }

    /** The sum of the discount lines: zero or negative. */
    public Money discountTotal() {
        return sum(line -> line.kind() == LineKind.DISCOUNT);
    }

    public Money taxTotal() {
        return sum(line -> line.kind() == LineKind.TAX);
    }

    /** Credit that did not fit on this invoice and goes to the customer's balance; zero or positive. */
    public Money creditCarriedForward() {
        return sum(line -> line.kind() == LineKind.CREDIT_CARRIED_FORWARD);
    }

    /** What the customer owes: the sum of every line, never negative. */
    public Money total() {
        return sum(line -> true);
    }

    /**
     * How much of a customer credit balance of {@code available} this invoice uses, like Stripe: the balance comes off
     * the amount due <em>after</em> tax (it is not a discount and does not lower the taxable subtotal), at most the
     * total; a zero or negative balance uses nothing.
     */
    public Money balanceApplied(Money available) {
        if (!available.currency().equals(currency)) {
            throw new CurrencyMismatchException(currency, available.currency());
        }
        return available.isPositive() ? available.min(total()) : Money.zero(currency);
    }

    private Money sum(Predicate<InvoiceLine> which) {
        return lines.stream().filter(which).map(InvoiceLine::amount).reduce(Money.zero(currency), Money::plus);
    }

    /** Collects an invoice's lines and works out its discounts, tax and total. */
    public static final class Builder {

        private final Currency currency;
        private final List<InvoiceLine> lines = new ArrayList<>();

        private Builder(Currency currency) {
            this.currency = Objects.requireNonNull(currency, "currency");
        }

        public Builder charge(LineKind kind, String description, Money amount) {
            return add(new InvoiceLine(kind, description, amount));
        }

        public Builder add(InvoiceLine line) {
            if (!line.kind().inSubtotal()) {
                throw new IllegalArgumentException(line.kind() + " lines are computed by the invoice, not added");
            }
            if (!line.amount().currency().equals(currency)) {
                throw new CurrencyMismatchException(currency, line.amount().currency());
            }
            lines.add(line);
            return this;
        }

        public Builder addAll(List<InvoiceLine> more) {
            more.forEach(this::add);
            return this;
        }

        /**
         * Finishes the draft. The coupons (already checked with {@link Coupon#appliesToPeriod}) come off the
         * subtotal one after another, each at most what is left; tax is then charged on the subtotal after
         * discounts. If credits exceed charges the excess is carried forward, so the total is zero.
         */
        public InvoiceDraft build(List<Coupon> coupons, TaxRate taxRate) {
            List<InvoiceLine> all = new ArrayList<>(lines);
            Money subtotal = lines.stream().map(InvoiceLine::amount).reduce(Money.zero(currency), Money::plus);
            Money discountable = subtotal.max(Money.zero(currency));
            for (Coupon coupon : coupons) {
                Money discount = coupon.discountOn(discountable);
                if (discount.isPositive()) {
                    all.add(new InvoiceLine(LineKind.DISCOUNT, "Coupon " + coupon.code(), discount.negate()));
                    discountable = discountable.minus(discount);
                }
            }
            Money tax = taxRate.taxOn(discountable);
            if (taxRate.basisPoints() > 0) {
                all.add(new InvoiceLine(LineKind.TAX, "Tax " + taxRate.percent() + " %", tax));
            }
            if (subtotal.isNegative()) {
                all.add(new InvoiceLine(LineKind.CREDIT_CARRIED_FORWARD, "Credit to your balance",
                        subtotal.negate()));
            }
            return new InvoiceDraft(currency, all);
        }

        public InvoiceDraft build() {
            return build(List.of(), TaxRate.NONE);
        }
    }
}
