package dev.parley.billing.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * How a tenant pays: the provider, its Stripe customer and the saved payment method with what a person recognises
 * it by (brand, last four digits, expiry). Stripe's ids only; never a card number.
 */
public record PaymentAccount(UUID tenantId, String provider, String stripeCustomerId, String paymentMethodId,
                             String cardBrand, String cardLast4, Integer cardExpMonth, Integer cardExpYear,
                             Instant updatedAt) {

    public static final String MANUAL = "manual";
    public static final String STRIPE = "stripe";

    public boolean paysWithStripe() {
        return STRIPE.equals(provider) && paymentMethodId != null;
    }

    /** The card Stripe holds for the tenant, as shown to it. */
    public record Card(String paymentMethodId, String brand, String last4, Integer expMonth, Integer expYear) {
    }
}
