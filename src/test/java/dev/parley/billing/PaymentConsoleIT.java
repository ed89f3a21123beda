package dev.parley.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.StripeStub;
import dev.parley.support.StripeStub.Card;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * A tenant admin pays by bank transfer, adds a card on Stripe's Checkout page (a stub page here), comes back, and sees
 * the card Stripe reported; then removes it again.
 */
@ParleyIntegrationTest
@ContextConfiguration(initializers = StripeStub.Initializer.class)
class PaymentConsoleIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    Api api;
    Fixtures fixtures;

    @BeforeAll
    static void startBrowser() {
        browsers = new Browsers();
    }

    @AfterAll
    static void stopBrowser() {
        browsers.close();
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
    }

    @Test
    void anAdminAddsACardWithStripeCheckoutAndSeesItOnTheBillingPageThenRemovesIt() {
        TenantSetup shop = fixtures.tenant("card-shop");
        Card card = StripeStub.stubCardSetup(shop.id(), "visa", "4242", 12, 2030);

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/billing"), shop.admin().email(), Fixtures.PASSWORD);
            assertThat(page.getByTestId("user-email")).hasText(shop.admin().email());
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Billing"))).isVisible();
            assertThat(page.getByTestId("payment-method")).containsText("Bank transfer (manual)");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/billing-manual.png"))
                    .setFullPage(true));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add card with Stripe")).click();
            page.waitForURL(card.checkoutUrl());
            assertThat(page.getByRole(AriaRole.HEADING)).hasText("Stripe Checkout (stub)");

            // Stripe reports the saved card to the webhook, then sends the admin back to the console.
            String payload = StripeStub.checkoutCompleted("evt_" + UUID.randomUUID().toString().replace("-", ""),
                    card, shop.id());
            var delivered = api.send(api.request("/api/v1/billing/stripe/webhook", null)
                    .header("Content-Type", "application/json")
                    .header("Stripe-Signature", StripeStub.signature(payload, StripeStub.WEBHOOK_SECRET,
                            clock.instant()))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build());
            org.assertj.core.api.Assertions.assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
            page.navigate(api.url("/console/#/billing/card-saved"));
            page.reload();

            assertThat(page.getByTestId("payment-method")).containsText("Visa •••• 4242, expires 12/2030");
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Card saved");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replace card")))
                    .isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/billing-card.png"))
                    .setFullPage(true));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove card")).click();
            assertThat(page.getByTestId("payment-method")).containsText("Bank transfer (manual)");
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("The card is removed");
            org.assertj.core.api.Assertions.assertThat(tab.errors()).isEmpty();
        }
    }
}
