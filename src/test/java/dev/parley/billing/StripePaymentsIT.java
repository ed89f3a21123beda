package dev.parley.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import dev.parley.billing.PaymentProvider.ChargeRequest;
import dev.parley.billing.PaymentProvider.ChargeResult;
import dev.parley.billing.PaymentProvider.Failed;
import dev.parley.billing.PaymentProvider.Pending;
import dev.parley.billing.PaymentProvider.Succeeded;
import dev.parley.billing.invoice.Money;
import dev.parley.shared.TenantId;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.RecordedPayments;
import dev.parley.support.TimeMachine;
import dev.parley.support.StripeStub;
import dev.parley.support.StripeStub.Card;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Card payments through Stripe, against WireMock stubs of Stripe's API: a tenant admin saves a card through
 * Checkout, Stripe's signed webhooks make it the default and report payments, and invoices are charged to it.
 */
@ParleyIntegrationTest
@ContextConfiguration(initializers = StripeStub.Initializer.class)
class StripePaymentsIT {

    static final String WEBHOOK = "/api/v1/billing/stripe/webhook";

    @LocalServerPort
    int port;

    @Autowired
    Payments payments;

    @Autowired
    RecordedPayments recorded;

    @Autowired
    Clock clock;

    @Autowired
    TimeMachine time;

    Api api;
    Fixtures fixtures;
    WireMockServer stripe;

    @org.junit.jupiter.api.AfterEach
    void backToNow() {
        time.reset();
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        stripe = StripeStub.server();
    }

    @Test
    void anAdminSavesACardThroughCheckoutAndTheSignedWebhookMakesItTheDefault() {
        TenantSetup shop = fixtures.tenant("stripe-card");
        String admin = shop.admin().accessToken();
        Card card = StripeStub.stubCardSetup(shop.id(), "visa", "4242", 12, 2030);

        JsonNode before = api.get("/api/v1/billing/payment-method", admin).body();
        assertThat(before.path("provider").asText()).isEqualTo("manual");
        assertThat(before.path("stripeEnabled").asBoolean()).isTrue();

        Response checkout = api.post("/api/v1/billing/payment-method/checkout", admin, null);
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
        assertThat(checkout.text("url")).isEqualTo(card.checkoutUrl());
        stripe.verify(postRequestedFor(urlEqualTo("/v1/customers"))
                .withFormParam("metadata[tenant_id]", equalTo(shop.id().toString()))
                .withHeader("Authorization", equalTo("Bearer " + StripeStub.SECRET_KEY)));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withFormParam("customer", equalTo(card.customer()))
                .withFormParam("mode", equalTo("setup"))
                .withFormParam("success_url", containing("/console/#/billing/card-saved"))
                .withFormParam("cancel_url", containing("/console/#/billing/card-cancelled")));
        assertThat(payments.providerOf(TenantId.of(shop.id()))).as("no card yet").isEqualTo("manual");

        Response delivered = deliver(StripeStub.checkoutCompleted(eventId(), card, shop.id()));

        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        JsonNode after = api.get("/api/v1/billing/payment-method", admin).body();
        assertThat(after.path("provider").asText()).isEqualTo("stripe");
        assertThat(after.path("brand").asText()).isEqualTo("visa");
        assertThat(after.path("last4").asText()).isEqualTo("4242");
        assertThat(after.path("expMonth").asInt()).isEqualTo(12);
        assertThat(after.path("expYear").asInt()).isEqualTo(2030);
        stripe.verify(postRequestedFor(urlEqualTo("/v1/customers/" + card.customer()))
                .withFormParam("invoice_settings[default_payment_method]", equalTo(card.paymentMethod())));
        assertThat(payments.providerOf(TenantId.of(shop.id()))).isEqualTo("stripe");

        // Stripe also reports the SetupIntent behind the session: the same card, nothing new.
        Response setupIntent = deliver(StripeStub.event(eventId(), "setup_intent.succeeded", """
                {"id": "%s", "object": "setup_intent", "status": "succeeded", "customer": "%s", "payment_method": "%s"}
                """.formatted(card.setupIntent(), card.customer(), card.paymentMethod())));
        assertThat(setupIntent.status()).as(setupIntent.toString()).isEqualTo(200);
        JsonNode added = api.get("/api/v1/audit?action=billing.payment_method_added", admin).body().path("items");
        assertThat(added.size()).as("the card was added once").isEqualTo(1);
        assertThat(added.get(0).path("details").path("last4").asText()).isEqualTo("4242");
        assertThat(added.get(0).path("actorUserId").isNull()).as("reported by Stripe, not by a person").isTrue();
    }

    @Test
    void aChargeGoesToTheSavedCardWithTheIdempotencyKeyAndSucceeds() {
        TenantSetup shop = fixtures.tenant("stripe-charge");
        Card card = saveCard(shop);
        UUID invoice = UUID.randomUUID();
        stubPaymentIntent(invoice, 200, """
                {"id": "pi_ok_%s", "object": "payment_intent", "status": "succeeded", "amount": 2900, "currency": "eur"}
                """.formatted(invoice.toString().substring(0, 8)));
        String key = "invoice-" + invoice + "-attempt-1";

        ChargeResult result = payments.charge(request(shop, invoice, key));

        assertThat(result).isEqualTo(new Succeeded("pi_ok_" + invoice.toString().substring(0, 8)));
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo(key))
                .withFormParam("amount", equalTo("2900"))
                .withFormParam("currency", equalTo("eur"))
                .withFormParam("customer", equalTo(card.customer()))
                .withFormParam("payment_method", equalTo(card.paymentMethod()))
                .withFormParam("off_session", equalTo("true"))
                .withFormParam("confirm", equalTo("true"))
                .withFormParam("metadata[invoice_id]", equalTo(invoice.toString()))
                .withFormParam("metadata[tenant_id]", equalTo(shop.id().toString())));
    }

    @Test
    void aDeclinedCardIsAFailureThatMayBeRetriedAndAnExpiredCardOneThatMayNot() {
        TenantSetup shop = fixtures.tenant("stripe-decline");
        saveCard(shop);
        UUID poor = UUID.randomUUID();
        stubPaymentIntent(poor, 402, """
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                  "message": "Your card has insufficient funds.",
                  "payment_intent": {"id": "pi_poor", "object": "payment_intent", "status": "requires_payment_method"}}}
                """);
        UUID expired = UUID.randomUUID();
        stubPaymentIntent(expired, 402, """
                {"error": {"type": "card_error", "code": "expired_card", "message": "Your card has expired."}}
                """);
        UUID confirm = UUID.randomUUID();
        stubPaymentIntent(confirm, 200, """
                {"id": "pi_3ds", "object": "payment_intent", "status": "requires_action"}
                """);

        assertThat(payments.charge(request(shop, poor, "k-" + poor)))
                .isEqualTo(new Failed("pi_poor", "Your card has insufficient funds.", true));
        assertThat(payments.charge(request(shop, expired, "k-" + expired)))
                .isEqualTo(new Failed(null, "Your card has expired.", false));
        assertThat(payments.charge(request(shop, confirm, "k-" + confirm))).isInstanceOf(Pending.class)
                .extracting(r -> ((Pending) r).reference()).isEqualTo("pi_3ds");
    }

    @Test
    void stripeOutOfReachIsAFailureToRetryWithTheSameKey() {
        TenantSetup shop = fixtures.tenant("stripe-down");
        saveCard(shop);
        UUID invoice = UUID.randomUUID();
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .withFormParam("metadata[invoice_id]", equalTo(invoice.toString()))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String key = "invoice-" + invoice + "-attempt-1";

        ChargeResult result = payments.charge(request(shop, invoice, key));

        assertThat(result).isInstanceOf(Failed.class);
        assertThat(((Failed) result).retryable()).isTrue();
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents")).withHeader("Idempotency-Key", equalTo(key))
                .withFormParam("metadata[invoice_id]", equalTo(invoice.toString())));
    }

    @Test
    void aReplayedPaymentEventIsRecognisedAndPublishesTheSuccessOnce() {
        TenantSetup shop = fixtures.tenant("stripe-replay");
        UUID invoice = UUID.randomUUID();
        String payload = StripeStub.paymentIntentEvent(eventId(), "payment_intent.succeeded", "pi_replay", shop.id(),
                invoice, null);

        Response first = deliver(payload);
        Response again = deliver(payload);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().path("replayed").asBoolean()).isFalse();
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().path("replayed").asBoolean()).isTrue();
        assertThat(recorded.succeeded(invoice)).singleElement().satisfies(succeeded -> {
            assertThat(succeeded.tenant()).isEqualTo(TenantId.of(shop.id()));
            assertThat(succeeded.provider()).isEqualTo("stripe");
            assertThat(succeeded.reference()).isEqualTo("pi_replay");
        });
    }

    @Test
    void aFailedPaymentEventPublishesPaymentFailedWithStripesReason() {
        TenantSetup shop = fixtures.tenant("stripe-failed");
        UUID invoice = UUID.randomUUID();

        Response delivered = deliver(StripeStub.paymentIntentEvent(eventId(), "payment_intent.payment_failed",
                "pi_failed", shop.id(), invoice, "Your card was declined."));

        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(recorded.failed(invoice)).singleElement().satisfies(failed -> {
            assertThat(failed.tenant()).isEqualTo(TenantId.of(shop.id()));
            assertThat(failed.reference()).isEqualTo("pi_failed");
            assertThat(failed.reason()).isEqualTo("Your card was declined.");
        });
        assertThat(recorded.succeeded(invoice)).isEmpty();
    }

    @Test
    void aDeliveryWithAWrongMissingOrStaleSignatureIsRefusedAndChangesNothing() {
        TenantSetup shop = fixtures.tenant("stripe-forged");
        UUID invoice = UUID.randomUUID();
        String payload = StripeStub.paymentIntentEvent(eventId(), "payment_intent.succeeded", "pi_forged", shop.id(),
                invoice, null);
        Instant now = clock.instant();

        Response wrongSecret = deliver(payload, StripeStub.signature(payload, "whsec_someone_else", now));
        Response missing = deliver(payload, null);
        Response tampered = deliver(payload.replace("pi_forged", "pi_tampered"),
                StripeStub.signature(payload, StripeStub.WEBHOOK_SECRET, now));
        Response stale = deliver(payload, StripeStub.signature(payload, StripeStub.WEBHOOK_SECRET,
                now.minus(Duration.ofSeconds(301))));

        for (Response refused : new Response[] {wrongSecret, missing, tampered, stale}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("INVALID_SIGNATURE");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(recorded.succeeded(invoice)).isEmpty();
        Response genuine = deliver(payload);
        assertThat(genuine.status()).as("the same event, signed now, was never recorded").isEqualTo(200);
        assertThat(genuine.body().path("replayed").asBoolean()).isFalse();
        assertThat(recorded.succeeded(invoice)).hasSize(1);
    }

    @Test
    void aFailureWhileHandlingAnEventRollsItBackSoStripesNextDeliveryIsHandled() {
        TenantSetup shop = fixtures.tenant("stripe-retry");
        String admin = shop.admin().accessToken();
        Card card = StripeStub.stubCardSetup(shop.id(), "mastercard", "4444", 3, 2031);
        assertThat(api.post("/api/v1/billing/payment-method/checkout", admin, null).status()).isEqualTo(200);
        StubMapping missing = stripe.stubFor(get(urlEqualTo("/v1/setup_intents/" + card.setupIntent())).atPriority(1)
                .willReturn(StripeStub.json(404, """
                        {"error": {"type": "invalid_request_error", "code": "resource_missing",
                          "message": "No such setupintent"}}
                        """)));
        String payload = StripeStub.checkoutCompleted(eventId(), card, shop.id());

        Response failed = deliver(payload);
        stripe.removeStub(missing);
        Response redelivered = deliver(payload);

        assertThat(failed.status()).as(failed.toString()).isEqualTo(502);
        assertThat(failed.code()).isEqualTo("STRIPE_UNAVAILABLE");
        assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(200);
        assertThat(redelivered.body().path("replayed").asBoolean()).as("the failed delivery left no trace").isFalse();
        JsonNode method = api.get("/api/v1/billing/payment-method", admin).body();
        assertThat(method.path("brand").asText()).isEqualTo("mastercard");
        assertThat(method.path("last4").asText()).isEqualTo("4444");
    }

    @Test
    void eventsOfUnknownTypesOrForNoKnownTenantAreAcknowledgedAndIgnored() {
        UUID invoice = UUID.randomUUID();

        Response unknownType = deliver(StripeStub.event(eventId(), "invoice.finalized",
                "{\"id\": \"in_1\", \"object\": \"invoice\"}"));
        Response unknownTenant = deliver(StripeStub.paymentIntentEvent(eventId(), "payment_intent.succeeded",
                "pi_nobody", UUID.randomUUID(), invoice, null));
        Response unknownCustomer = deliver(StripeStub.event(eventId(), "customer.deleted",
                "{\"id\": \"cus_nobody\", \"object\": \"customer\", \"deleted\": true}"));

        assertThat(unknownType.status()).as(unknownType.toString()).isEqualTo(200);
        assertThat(unknownTenant.status()).as(unknownTenant.toString()).isEqualTo(200);
        assertThat(unknownCustomer.status()).as(unknownCustomer.toString()).isEqualTo(200);
        assertThat(recorded.succeeded(invoice)).isEmpty();
    }

    @Test
    void removingTheCardDetachesItAtStripeAndGoesBackToBankTransfer() {
        TenantSetup shop = fixtures.tenant("stripe-remove");
        String admin = shop.admin().accessToken();
        Card card = saveCard(shop);

        Response removed = api.delete("/api/v1/billing/payment-method", admin);

        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.text("provider")).isEqualTo("manual");
        assertThat(removed.body().path("last4").isNull()).isTrue();
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_methods/" + card.paymentMethod() + "/detach")));
        assertThat(payments.providerOf(TenantId.of(shop.id()))).isEqualTo("manual");
        assertThat(api.get("/api/v1/audit?action=billing.payment_method_removed", admin).raw())
                .contains("removed by a tenant admin");
    }

    @Test
    void aCardDetachedOrACustomerDeletedAtStripeSendsTheTenantBackToBankTransfer() {
        TenantSetup detached = fixtures.tenant("stripe-detached");
        Card first = saveCard(detached);
        TenantSetup deleted = fixtures.tenant("stripe-deleted");
        Card second = saveCard(deleted);

        deliver(StripeStub.event(eventId(), "payment_method.detached", """
                {"id": "%s", "object": "payment_method", "type": "card", "customer": null}
                """.formatted(first.paymentMethod())));
        deliver(StripeStub.event(eventId(), "customer.deleted", """
                {"id": "%s", "object": "customer", "deleted": true}
                """.formatted(second.customer())));

        assertThat(api.get("/api/v1/billing/payment-method", detached.admin().accessToken()).text("provider"))
                .isEqualTo("manual");
        assertThat(api.get("/api/v1/billing/payment-method", deleted.admin().accessToken()).text("provider"))
                .isEqualTo("manual");
        assertThat(payments.providerOf(TenantId.of(detached.id()))).isEqualTo("manual");
        assertThat(payments.providerOf(TenantId.of(deleted.id()))).isEqualTo("manual");
    }

    @Test
    void anotherTenantSeesOnlyItsOwnPaymentMethodAndOperatorsNone() {
        TenantSetup shop = fixtures.tenant("stripe-owner");
        saveCard(shop);
        TenantSetup other = fixtures.tenant("stripe-other");
        Session operator = fixtures.member(shop, "OPERATOR");

        JsonNode otherView = api.get("/api/v1/billing/payment-method", other.admin().accessToken()).body();
        Response otherRemoves = api.delete("/api/v1/billing/payment-method", other.admin().accessToken());
        Response operatorView = api.get("/api/v1/billing/payment-method", operator.accessToken());

        assertThat(otherView.path("provider").asText()).isEqualTo("manual");
        assertThat(otherView.path("last4").isNull()).isTrue();
        assertThat(otherRemoves.text("provider")).isEqualTo("manual");
        assertThat(operatorView.status()).isEqualTo(403);
        JsonNode own = api.get("/api/v1/billing/payment-method", shop.admin().accessToken()).body();
        assertThat(own.path("provider").asText()).as("the other tenant's DELETE touched only its own").isEqualTo("stripe");
        assertThat(own.path("last4").asText()).isEqualTo("4242");
    }

    /** Goes through Checkout and the signed webhook, as the first test does, and answers the stubbed card. */
    @Test
    void aPurgedTenantsCustomerIsDeletedAtStripe() {
        TenantSetup shop = fixtures.tenant("stripe-purged");
        Card card = saveCard(shop);
        stripe.stubFor(delete(urlEqualTo("/v1/customers/" + card.customer())).willReturn(StripeStub.json(200, """
                {"id": "%s", "object": "customer", "deleted": true}
                """.formatted(card.customer()))));
        String root = fixtures.superAdmin().accessToken();
        assertThat(api.delete("/api/v1/platform/tenants/" + shop.id(), root).status()).isEqualTo(200);
        stripe.verify(0, deleteRequestedFor(urlEqualTo("/v1/customers/" + card.customer())));

        time.advance(Duration.ofDays(31)); // the grace period is over: the purge job runs

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> stripe.verify(1,
                deleteRequestedFor(urlEqualTo("/v1/customers/" + card.customer()))));
        assertThat(api.get("/api/v1/platform/tenants/" + shop.id(), fixtures.superAdmin().accessToken()).body()
                .path("purgedAt").isNull()).isFalse();
    }

    private Card saveCard(TenantSetup shop) {
        Card card = StripeStub.stubCardSetup(shop.id(), "visa", "4242", 12, 2030);
        Response checkout = api.post("/api/v1/billing/payment-method/checkout", shop.admin().accessToken(), null);
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
        Response delivered = deliver(StripeStub.checkoutCompleted(eventId(), card, shop.id()));
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(payments.providerOf(TenantId.of(shop.id()))).isEqualTo("stripe");
        return card;
    }

    private void stubPaymentIntent(UUID invoice, int status, String body) {
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .withFormParam("metadata[invoice_id]", equalTo(invoice.toString()))
                .willReturn(StripeStub.json(status, body)));
    }

    private static ChargeRequest request(TenantSetup shop, UUID invoice, String key) {
        return new ChargeRequest(TenantId.of(shop.id()), invoice, "INV-1", Money.of(2900, "EUR"),
                "Parley Professional, December 2026", key);
    }

    private Response deliver(String payload) {
        return deliver(payload, StripeStub.signature(payload, StripeStub.WEBHOOK_SECRET, clock.instant()));
    }

    private Response deliver(String payload, String signature) {
        HttpRequest.Builder request = api.request(WEBHOOK, null).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return api.send(request.build());
    }

    private static String eventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }
}
