package dev.parley.billing.invoicing;

import java.util.Set;

/**
 * Where an invoice stands. A draft is being built; once issued (OPEN) it is final and only moves on: paid, voided
 * (never owed), or uncollectible (written off after dunning; it can still be paid or voided). The database enforces
 * the same transitions (V22's trigger).
 */
public enum InvoiceStatus {
    DRAFT,
    OPEN,
    PAID,
    VOID,
    UNCOLLECTIBLE;

    public boolean canBecome(InvoiceStatus next) {
        return switch (this) {
            case DRAFT -> next == OPEN;
            case OPEN -> Set.of(PAID, VOID, UNCOLLECTIBLE).contains(next);
            case UNCOLLECTIBLE -> Set.of(PAID, VOID).contains(next);
            case PAID, VOID -> false;
        };
    }
}
