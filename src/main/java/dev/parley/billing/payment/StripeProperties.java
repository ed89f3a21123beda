package dev.parley.billing.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stripe settings ({@code PARLEY_STRIPE_*}). Stripe is enabled only when the secret key is set; without it every
 * tenant pays by bank transfer (the manual provider) and the Stripe endpoints answer {@code STRIPE_NOT_CONFIGURED}.
 *
 * @param secretKey      the account's secret API key ({@code sk_live_...} or {@code sk_test_...})
 * @param webhookSecret  the webhook endpoint's signing secret ({@code whsec_...}); without it no event is accepted
 * @param apiBase        where Stripe's API is ({@code https://api.stripe.com}; tests point it at a stub)
 * @param publishableKey the publishable key, handed to the console as it is (optional; Checkout does not need it)
 */
@ConfigurationProperties("parley.stripe")
public record StripeProperties(String secretKey, String webhookSecret,
                               @DefaultValue("https://api.stripe.com") String apiBase, String publishableKey) {

    public boolean enabled() {
        return secretKey != null && !secretKey.isBlank();
    }

    public boolean acceptsWebhooks() {
        return enabled() && webhookSecret != null && !webhookSecret.isBlank();
    }
}
