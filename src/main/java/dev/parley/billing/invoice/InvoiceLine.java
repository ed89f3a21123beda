package dev.parley.billing.invoice;

import java.util.Objects;

/** One line of an invoice: what it is for, a description a customer reads, and a signed amount. */
public record InvoiceLine(LineKind kind, String description, Money amount) {

    public InvoiceLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(amount, "amount");
        if (!kind.allows(amount)) {
            throw new IllegalArgumentException("A " + kind + " line cannot be " + amount);
        }
    }
}
