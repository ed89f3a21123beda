package dev.parley.billing.web;

import java.util.Map;

import dev.parley.billing.payment.StripeWebhooks;
import dev.parley.billing.payment.StripeWebhooks.Outcome;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook endpoint: public (Stripe signs each delivery instead of signing in), reading the body as raw
 * bytes, since the signature covers them exactly. 200 tells Stripe the event is handled (or was before); anything
 * else makes Stripe deliver it again later.
 */
@RestController
class StripeWebhookController {

    private final StripeWebhooks webhooks;

    StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/api/v1/billing/stripe/webhook")
    Map<String, Object> receive(@RequestBody(required = false) byte[] body,
                                @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        Outcome outcome = webhooks.receive(body, signature);
        return Map.of("received", true, "replayed", outcome == Outcome.REPLAYED);
    }
}
