package dev.parley.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stripe's API as WireMock stubs of its documented endpoints, on a free port, one server per test JVM; and webhook
 * deliveries signed the way Stripe signs them ({@code t=<seconds>,v1=<hex HMAC-SHA256 of "t.payload">}), computed
 * here independently of the SDK. Test classes that need Stripe add {@link Initializer} to their context
 * configuration (all of them share one application context).
 */
public final class StripeStub {

    public static final String SECRET_KEY = "sk_test_parley_stub";
    public static final String WEBHOOK_SECRET = "whsec_parley_stub_secret";

    private static WireMockServer server;

    private StripeStub() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String base() {
        return "http://127.0.0.1:" + server().port();
    }

    /** Points the application's Stripe settings at the stub. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                    "parley.stripe.secret-key=" + SECRET_KEY,
                    "parley.stripe.webhook-secret=" + WEBHOOK_SECRET,
                    "parley.stripe.api-base=" + base(),
                    "parley.stripe.publishable-key=pk_test_parley_stub").applyTo(context);
        }
    }

    /** A customer, a setup-mode Checkout Session, its SetupIntent and the saved Visa card, for one tenant. */
    public record Card(String customer, String session, String setupIntent, String paymentMethod, String checkoutUrl) {
    }

    /**
     * Stubs what saving a card with Stripe answers for this tenant: the customer made with its tenant id in the
     * metadata, the Checkout Session (whose page is a stub page too), the SetupIntent and the card.
     */
    public static Card stubCardSetup(UUID tenant, String brand, String last4, int expMonth, int expYear) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        Card card = new Card("cus_" + suffix, "cs_test_" + suffix, "seti_" + suffix, "pm_" + suffix,
                base() + "/checkout/pay/cs_test_" + suffix);
        WireMockServer stripe = server();
        stripe.stubFor(post(urlEqualTo("/v1/customers"))
                .withFormParam("metadata[tenant_id]", equalTo(tenant.toString()))
                .willReturn(json(200, """
                        {"id": "%s", "object": "customer", "metadata": {"tenant_id": "%s"}}
                        """.formatted(card.customer(), tenant))));
        stripe.stubFor(post(urlEqualTo("/v1/checkout/sessions"))
                .withFormParam("customer", equalTo(card.customer()))
                .willReturn(json(200, """
                        {"id": "%s", "object": "checkout.session", "mode": "setup", "customer": "%s", "url": "%s"}
                        """.formatted(card.session(), card.customer(), card.checkoutUrl()))));
        stripe.stubFor(get(urlEqualTo("/checkout/pay/" + card.session()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<!doctype html><title>Stripe Checkout</title><link rel=icon href=\"data:,\"><h1>Stripe Checkout (stub)</h1>")));
        stripe.stubFor(get(urlEqualTo("/v1/setup_intents/" + card.setupIntent()))
                .willReturn(json(200, """
                        {"id": "%s", "object": "setup_intent", "status": "succeeded", "customer": "%s",
                         "payment_method": "%s"}
                        """.formatted(card.setupIntent(), card.customer(), card.paymentMethod()))));
        stripe.stubFor(get(urlEqualTo("/v1/payment_methods/" + card.paymentMethod()))
                .willReturn(json(200, """
                        {"id": "%s", "object": "payment_method", "type": "card", "customer": "%s",
                         "card": {"brand": "%s", "last4": "%s", "exp_month": %d, "exp_year": %d, "country": "US"}}
                        """.formatted(card.paymentMethod(), card.customer(), brand, last4, expMonth, expYear))));
        stripe.stubFor(post(urlEqualTo("/v1/customers/" + card.customer()))
                .willReturn(json(200, """
                        {"id": "%s", "object": "customer"}
                        """.formatted(card.customer()))));
        stripe.stubFor(post(urlEqualTo("/v1/payment_methods/" + card.paymentMethod() + "/detach"))
                .willReturn(json(200, """
                        {"id": "%s", "object": "payment_method", "type": "card", "customer": null}
                        """.formatted(card.paymentMethod()))));
        return card;
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_stub").withBody(body);
    }

    /** The {@code checkout.session.completed} event Stripe sends when a setup-mode session is done. */
    public static String checkoutCompleted(String eventId, Card card, UUID tenant) {
        return event(eventId, "checkout.session.completed", """
                {"id": "%s", "object": "checkout.session", "mode": "setup", "status": "complete",
                 "customer": "%s", "setup_intent": "%s", "client_reference_id": "%s",
                 "metadata": {"tenant_id": "%s"}}
                """.formatted(card.session(), card.customer(), card.setupIntent(), tenant, tenant));
    }

    /** A {@code payment_intent.*} event for an invoice, with Parley's metadata. */
    public static String paymentIntentEvent(String eventId, String type, String paymentIntent, UUID tenant,
                                            UUID invoice, String lastErrorMessage) {
        String lastError = lastErrorMessage == null ? "null" : """
                {"type": "card_error", "code": "card_declined", "message": "%s"}""".formatted(lastErrorMessage);
        return event(eventId, type, """
                {"id": "%s", "object": "payment_intent", "amount": 2900, "currency": "eur",
                 "status": "%s", "last_payment_error": %s,
                 "metadata": {"tenant_id": "%s", "invoice_id": "%s", "invoice_number": "INV-1"}}
                """.formatted(paymentIntent, type.endsWith("succeeded") ? "succeeded" : "requires_payment_method",
                lastError, tenant, invoice));
    }

    public static String event(String eventId, String type, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "2025-01-27.acacia", "created": %d,
                 "livemode": false, "pending_webhooks": 1, "type": "%s", "data": {"object": %s}}
                """.formatted(eventId, Instant.now().getEpochSecond(), type, object);
    }

    /** The {@code Stripe-Signature} header for this payload, signed at {@code timestamp} with {@code secret}. */
    public static String signature(String payload, String secret, Instant timestamp) {
        long t = timestamp.getEpochSecond();
        return "t=" + t + ",v1=" + hmacSha256(secret, t + "." + payload);
    }

    public static String hmacSha256(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> headers(String payload, Instant at) {
        return Map.of("Stripe-Signature", signature(payload, WEBHOOK_SECRET, at));
    }
}
