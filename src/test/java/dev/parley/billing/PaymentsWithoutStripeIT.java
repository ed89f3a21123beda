package dev.parley.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.billing.PaymentProvider.ChargeRequest;
import dev.parley.billing.PaymentProvider.ChargeResult;
import dev.parley.billing.PaymentProvider.Pending;
import dev.parley.billing.invoice.Money;
import dev.parley.shared.TenantId;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without a Stripe secret key every tenant pays by bank transfer and the Stripe endpoints say Stripe is not set up. */
@ParleyIntegrationTest
class PaymentsWithoutStripeIT {

    @LocalServerPort
    int port;

    @Autowired
    Payments payments;

    Api api;
    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
    }

    @Test
    void theBillingPageSaysCardPaymentsAreNotAvailable() {
        TenantSetup shop = fixtures.tenant("no-stripe-console");

        try (Browsers browsers = new Browsers(); Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/billing"), shop.admin().email(), Fixtures.PASSWORD);

            assertThat(page.getByTestId("payment-method")).containsText("Bank transfer (manual)");
            assertThat(page.getByTestId("stripe-off")).containsText("Stripe is not set up");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add card with Stripe")))
                    .hasCount(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/billing-no-stripe.png"))
                    .setFullPage(true));
        }
    }

    @Test
    void everyTenantPaysByBankTransferAndTheStripeEndpointsAnswerStripeNotConfigured() {
        TenantSetup shop = fixtures.tenant("no-stripe");
        String admin = shop.admin().accessToken();

        Response method = api.get("/api/v1/billing/payment-method", admin);
        Response checkout = api.post("/api/v1/billing/payment-method/checkout", admin, null);
        Response webhook = api.raw("POST", "/api/v1/billing/stripe/webhook", null, "application/json",
                "{\"id\": \"evt_1\", \"type\": \"payment_intent.succeeded\"}");

        assertThat(method.status()).as(method.toString()).isEqualTo(200);
        assertThat(method.text("provider")).isEqualTo("manual");
        assertThat(method.body().path("stripeEnabled").asBoolean()).isFalse();
        assertThat(checkout.status()).isEqualTo(409);
        assertThat(checkout.code()).isEqualTo("STRIPE_NOT_CONFIGURED");
        assertThat(webhook.status()).isEqualTo(404);
        assertThat(webhook.code()).isEqualTo("STRIPE_NOT_CONFIGURED");
        assertThat(webhook.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.delete("/api/v1/billing/payment-method", admin).text("provider")).isEqualTo("manual");

        TenantId tenant = TenantId.of(shop.id());
        assertThat(payments.providerOf(tenant)).isEqualTo("manual");
        ChargeResult charged = payments.charge(new ChargeRequest(tenant, UUID.randomUUID(), "INV-7",
                Money.of(9900, "EUR"), "Parley Professional", "invoice-x-attempt-1"));
        assertThat(charged).isInstanceOf(Pending.class);
        assertThat(((Pending) charged).instructions()).contains("bank transfer", "INV-7");
    }
}
