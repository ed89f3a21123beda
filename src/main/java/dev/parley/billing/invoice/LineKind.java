package dev.parley.billing.invoice;

/** What an invoice line is for, and which sign its amount may have. */
public enum LineKind {
    /** The plan's price for the period. */
    BASE(Sign.CHARGE),
    /** An add-on's price for the period. */
    ADD_ON(Sign.CHARGE),
    /** Usage above the plan's allowance, one line per tier. */
    OVERAGE(Sign.CHARGE),
    /** The unused time of the old price after a mid-period change. */
    PRORATION_CREDIT(Sign.CREDIT),
    /** The remaining time of the new price after a mid-period change. */
    PRORATION_CHARGE(Sign.CHARGE),
    /** A coupon, taken off the subtotal before tax. */
    DISCOUNT(Sign.CREDIT),
    /** Tax on the subtotal after discounts. */
    TAX(Sign.CHARGE),
    /**
     * When credits exceed charges, the excess leaves the invoice (so its total is zero, never negative) and goes to
     * the customer's credit balance for a later invoice; this line says how much.
     */
    CREDIT_CARRIED_FORWARD(Sign.CHARGE);

    enum Sign { CHARGE, CREDIT }

    private final Sign sign;

    LineKind(Sign sign) {
        this.sign = sign;
    }

    /** Whether a line of this kind is part of the subtotal (before discounts, tax and carried-forward credit). */
    public boolean inSubtotal() {
        return switch (this) {
            case BASE, ADD_ON, OVERAGE, PRORATION_CREDIT, PRORATION_CHARGE -> true;
            case DISCOUNT, TAX, CREDIT_CARRIED_FORWARD -> false;
        };
    }

    boolean allows(Money amount) {
        return sign == Sign.CHARGE ? !amount.isNegative() : !amount.isPositive();
    }
}
