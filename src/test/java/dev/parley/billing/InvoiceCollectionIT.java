package dev.parley.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.parley.billing.invoicing.InvoiceIssuing;
import dev.parley.shared.TenantId;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.EndedPeriods;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.StripeStub;
import dev.parley.support.TimeMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Invoices paid by card through Stripe (WireMock stubs of its API, webhooks signed as Stripe signs them): a charge
 * that succeeds pays the invoice once however often Stripe reports it; a declined card is retried on the dunning
 * schedule with a mail each time until the invoice is written off and the tenant suspended; "Pay now" retries at once.
 */
@ParleyIntegrationTest
@ContextConfiguration(initializers = StripeStub.Initializer.class)
class InvoiceCollectionIT {

    static final String WEBHOOK = "/api/v1/billing/stripe/webhook";

    @LocalServerPort
    int port;

    @Autowired
    EndedPeriods periods;

    @Autowired
    Clock clock;

    @Autowired
    TimeMachine time;

    @Autowired
    InvoiceIssuing issuing;

    @Autowired
    @Qualifier("owner")
    DataSource owner;

    Api api;
    Fixtures fixtures;
    WireMockServer stripe;
    JdbcClient asOwner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        stripe = StripeStub.server();
        asOwner = JdbcClient.create(owner);
    }

    @AfterEach
    void backToNow() {
        time.reset();
    }

    @Test
    void aSucceededChargePaysTheInvoiceOnceHoweverOftenStripeReportsIt() {
        TenantSetup shop = fixtures.tenant("card-paid");
        saveCard(shop);
        stubCharges(shop, 200, """
                {"id": "pi_paid_%s", "object": "payment_intent", "status": "succeeded"}
                """.formatted(shop.slug()));
        periods.end(shop.id());

        UUID invoice = periods.close(shop.id()).orElseThrow();

        JsonNode paid = api.get("/api/v1/billing/invoices/" + invoice, shop.admin().accessToken()).body();
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertThat(paid.path("amountPaid").asLong()).isEqualTo(9900);
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("invoice-" + invoice + "-attempt-1"))
                .withFormParam("amount", equalTo("9900")));

        String event = StripeStub.paymentIntentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded",
                "pi_paid_" + shop.slug(), shop.id(), invoice, null);
        assertThat(deliver(event).status()).isEqualTo(200);
        assertThat(deliver(event).body().path("replayed").asBoolean()).isTrue();
        assertThat(deliver(StripeStub.paymentIntentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded",
                "pi_paid_" + shop.slug(), shop.id(), invoice, null)).status()).isEqualTo(200);

        assertThat(payments(invoice)).isEqualTo(1);
        JsonNode after = api.get("/api/v1/billing/invoices/" + invoice, shop.admin().accessToken()).body();
        assertThat(after.path("amountPaid").asLong()).isEqualTo(9900);
        assertThat(after.path("paidAt").asString()).isEqualTo(paid.path("paidAt").asString());
    }

    @Test
    void aDeclinedCardIsRetriedOnScheduleWithAMailEachTimeThenWrittenOffAndTheTenantSuspended() {
        TenantSetup shop = fixtures.tenant("card-declined");
        saveCard(shop);
        stubCharges(shop, 402, """
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                  "message": "Your card has insufficient funds."}}
                """);
        periods.end(shop.id());

        UUID invoice = periods.close(shop.id()).orElseThrow();

        JsonNode failed = api.get("/api/v1/billing/invoices/" + invoice, shop.admin().accessToken()).body();
        assertThat(failed.path("status").asString()).isEqualTo("OPEN");
        assertThat(failed.path("overdue").asBoolean()).isTrue();
        assertThat(failed.path("lastPaymentError").asString()).isEqualTo("Your card has insufficient funds.");
        assertThat(subscriptionStatus(shop.id())).isEqualTo("PAST_DUE");
        assertThat(mails(shop.id(), "billing.payment_failed")).hasSize(1)
                .allSatisfy(subject -> assertThat(subject).contains(failed.path("number").asString()));

        for (int[] step : new int[][]{{1, 2}, {2, 3}}) { // day 1: attempt 2, day 3: attempt 3
            time.advance(Duration.ofDays(step[0]).plusMinutes(1));
            int attempt = step[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> mails(shop.id(), "billing.payment_failed").size()
                    == attempt);
            stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents"))
                    .withHeader("Idempotency-Key", equalTo("invoice-" + invoice + "-attempt-" + attempt)));
        }
        time.advance(Duration.ofDays(2).plusMinutes(1)); // day 5: the last retry fails too

        await().atMost(Duration.ofSeconds(60)).until(() -> mails(shop.id(), "billing.uncollectible").size() == 1);
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("invoice-" + invoice + "-attempt-4")));
        String root = fixtures.superAdmin().accessToken();
        assertThat(api.get("/api/v1/platform/invoices/" + invoice, root).text("status")).isEqualTo("UNCOLLECTIBLE");
        assertThat(api.get("/api/v1/platform/tenants/" + shop.id(), root).text("status")).isEqualTo("SUSPENDED");
    }

    @Test
    void payNowChargesTheCardAgainAndTheSubscriptionIsActiveOnceItIsPaid() {
        TenantSetup shop = fixtures.tenant("card-pay-now");
        saveCard(shop);
        stubCharges(shop, 402, """
                {"error": {"type": "card_error", "code": "card_declined", "message": "Your card was declined."}}
                """);
        periods.end(shop.id());
        UUID invoice = periods.close(shop.id()).orElseThrow();
        String admin = shop.admin().accessToken();

        Response refused = api.post("/api/v1/billing/invoices/" + invoice + "/pay", admin, null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("PAYMENT_FAILED");

        stubCharges(shop, 200, """
                {"id": "pi_now_%s", "object": "payment_intent", "status": "succeeded"}
                """.formatted(shop.slug()));
        Response paid = api.post("/api/v1/billing/invoices/" + invoice + "/pay", admin, null);

        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.text("status")).isEqualTo("PAID");
        assertThat(subscriptionStatus(shop.id())).isEqualTo("ACTIVE");
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("invoice-" + invoice + "-attempt-3")));
        Response again = api.post("/api/v1/billing/invoices/" + invoice + "/pay", admin, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INVOICE_NOT_OPEN");
    }

    @Test
    void aPaymentInProcessingIsSettledByStripesWebhooksFailedThenSucceeded() {
        TenantSetup shop = fixtures.tenant("card-processing");
        saveCard(shop);
        stubCharges(shop, 200, """
                {"id": "pi_3ds_%s", "object": "payment_intent", "status": "requires_action"}
                """.formatted(shop.slug()));
        periods.end(shop.id());
        UUID invoice = periods.close(shop.id()).orElseThrow();
        String admin = shop.admin().accessToken();
        assertThat(api.get("/api/v1/billing/invoices/" + invoice, admin).body().path("overdue").asBoolean())
                .as("waiting for the customer's bank").isFalse();

        String failed = StripeStub.paymentIntentEvent("evt_" + UUID.randomUUID(), "payment_intent.payment_failed",
                "pi_3ds_" + shop.slug(), shop.id(), invoice, "Authentication failed.");
        assertThat(deliver(failed).status()).isEqualTo(200);
        assertThat(deliver(failed).body().path("replayed").asBoolean()).isTrue();

        JsonNode dunned = api.get("/api/v1/billing/invoices/" + invoice, admin).body();
        assertThat(dunned.path("overdue").asBoolean()).isTrue();
        assertThat(dunned.path("lastPaymentError").asString()).isEqualTo("Authentication failed.");
        assertThat(subscriptionStatus(shop.id())).isEqualTo("PAST_DUE");
        assertThat(mails(shop.id(), "billing.payment_failed")).hasSize(1);

        assertThat(deliver(StripeStub.paymentIntentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded",
                "pi_3ds_" + shop.slug(), shop.id(), invoice, null)).status()).isEqualTo(200);

        assertThat(api.get("/api/v1/billing/invoices/" + invoice, admin).text("status")).isEqualTo("PAID");
        assertThat(subscriptionStatus(shop.id())).isEqualTo("ACTIVE");
        assertThat(payments(invoice)).isEqualTo(1);
    }

    private void stubCharges(TenantSetup shop, int status, String body) {
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .withFormParam("metadata[tenant_id]", equalTo(shop.id().toString()))
                .willReturn(StripeStub.json(status, body)));
    }

    private void saveCard(TenantSetup shop) {
        StripeStub.Card card = StripeStub.stubCardSetup(shop.id(), "visa", "4242", 12, 2030);
        Response checkout = api.post("/api/v1/billing/payment-method/checkout", shop.admin().accessToken(), null);
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
        Response delivered = deliver(StripeStub.checkoutCompleted("evt_" + UUID.randomUUID(), card, shop.id()));
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    }

    private Response deliver(String payload) {
        Instant now = clock.instant();
        HttpRequest request = api.request(WEBHOOK, null).header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", StripeStub.signature(payload, StripeStub.WEBHOOK_SECRET, now))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        return api.send(request);
    }

    int payments(UUID invoice) {
        return asOwner.sql("SELECT count(*) FROM invoice_payments WHERE invoice_id = :i").param("i", invoice)
                .query(Integer.class).single();
    }

    String subscriptionStatus(UUID tenant) {
        return asOwner.sql("SELECT status FROM subscriptions WHERE tenant_id = :t").param("t", tenant)
                .query(String.class).single();
    }

    List<String> mails(UUID tenant, String kind) {
        return asOwner.sql("SELECT subject FROM mail_outbox WHERE tenant_id = :t AND kind = :k ORDER BY created_at")
                .param("t", tenant).param("k", kind).query(String.class).list();
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
