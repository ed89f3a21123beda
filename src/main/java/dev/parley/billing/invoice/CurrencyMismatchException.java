package dev.parley.billing.invoice;

import java.util.Currency;

/**
 * Two amounts in different currencies met in one calculation. Parley never converts currencies: a subscription,
 * its coupons and its invoices share one currency, so this is a programming error, not a user's mistake.
 */
public class CurrencyMismatchException extends IllegalArgumentException {

    public CurrencyMismatchException(Currency expected, Currency actual) {
        super("Cannot combine " + expected.getCurrencyCode() + " with " + actual.getCurrencyCode());
    }
}
