package dev.parley.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A Basic tenant's admin sees branding locked, upgrades to Professional on the Billing page, and branding unlocks. */
@ParleyIntegrationTest
class SubscriptionConsoleIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

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
    void aBasicAdminUpgradesToProfessionalOnTheBillingPageAndBrandingUnlocks() {
        TenantSetup shop = fixtures.tenant("upgrade-shop");
        api.put("/api/v1/platform/tenants/" + shop.id() + "/subscription", fixtures.superAdmin().accessToken(),
                Map.of("planId", "basic", "status", "ACTIVE"));

        try (Tab admin = browsers.open()) {
            Page page = admin.page();
            page.navigate(api.url("/console/#/settings/branding"));
            ConsoleSignIn.fill(page, shop.admin().email(), Fixtures.PASSWORD);
            assertThat(page.getByTestId("user-email")).hasText(shop.admin().email());
            assertThat(page.getByTestId("branding-locked")).containsText("Branding is part of Professional");
            assertThat(page.getByLabel("Primary colour", new Page.GetByLabelOptions().setExact(true))).hasCount(0);

            page.navigate(api.url("/console/#/billing"));
            assertThat(page.getByTestId("subscription-current")).containsText("Basic");
            assertThat(page.getByTestId("subscription-status")).hasText("Active");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upgrade to Professional")).click();
            Locator confirm = page.getByTestId("plan-change-confirm");
            assertThat(confirm).containsText("Move to Professional now");
            assertThat(confirm).containsText("Unused time on Basic");
            assertThat(confirm).containsText("Remaining time on Professional");
            assertThat(page.getByTestId("amount-due")).containsText("70");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/subscription-upgrade.png"))
                    .setFullPage(true));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm upgrade")).click();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("Now on Professional"))).isVisible();
            assertThat(page.getByTestId("subscription-current")).containsText("Professional");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Current plan")))
                    .isVisible();

            page.navigate(api.url("/console/#/settings/branding"));
            page.reload();
            Locator primary = page.getByLabel("Primary colour", new Page.GetByLabelOptions().setExact(true));
            primary.fill("#0b7285");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save branding")).click();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Saved")))
                    .isVisible();
            assertThat(page.getByTestId("branding-locked")).hasCount(0);
        }
    }

    @Test
    void anAdminSchedulesADowngradeResumesAddsAnAddOnAndCancels() {
        TenantSetup shop = fixtures.tenant("downgrade-shop");
        api.put("/api/v1/platform/tenants/" + shop.id() + "/subscription", fixtures.superAdmin().accessToken(),
                Map.of("planId", "professional", "status", "ACTIVE"));

        try (Tab admin = browsers.open()) {
            Page page = admin.page();
            page.navigate(api.url("/console/#/billing"));
            ConsoleSignIn.fill(page, shop.admin().email(), Fixtures.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Downgrade to Basic")).click();
            assertThat(page.getByTestId("plan-change-confirm")).containsText("Your plan changes to Basic on");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm change")).click();
            assertThat(page.getByTestId("pending-change")).containsText("Changes to Basic (monthly) on");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resume current plan")).click();
            assertThat(page.getByTestId("pending-change")).hasCount(0);

            page.getByLabel("AI chatbot", new Page.GetByLabelOptions().setExact(false)).check();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("AI chatbot added"))).isVisible();

            String code = "SPRING" + java.util.UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            api.post("/api/v1/platform/coupons", fixtures.superAdmin().accessToken(), Map.of("code", code,
                    "name", "Spring sale", "percentOff", 20, "duration", "REPEATING", "durationPeriods", 3));
            page.getByLabel("Coupon code").fill("nope-nope");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply coupon")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("No coupon has the code NOPE-NOPE");
            page.getByLabel("Coupon code").fill(code.toLowerCase());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply coupon")).click();
            assertThat(page.getByTestId("coupon")).containsText(code + " (Spring sale): 20 % off for 3 invoices");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel subscription")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, cancel subscription")).click();
            assertThat(page.getByTestId("pending-change")).containsText("Your subscription ends on");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/subscription-canceling.png"))
                    .setFullPage(true));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resume")).click();
            assertThat(page.getByTestId("pending-change")).hasCount(0);
        }
    }

    @Test
    void anAdminOverTheLowerPlansSeatsSeesWhyTheDowngradeIsBlockedAndWhatStopsWorking() {
        TenantSetup shop = fixtures.tenant("blocked-shop");
        api.put("/api/v1/platform/tenants/" + shop.id() + "/subscription", fixtures.superAdmin().accessToken(),
                Map.of("planId", "professional", "status", "ACTIVE"));
        fixtures.member(shop, "OPERATOR");
        api.post("/api/v1/webhooks", shop.admin().accessToken(), Map.of("url", "http://127.0.0.1:9/orders",
                "events", java.util.List.of("usage.threshold_reached")));

        try (Tab admin = browsers.open()) {
            Page page = admin.page();
            page.navigate(api.url("/console/#/billing"));
            ConsoleSignIn.fill(page, shop.admin().email(), Fixtures.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Downgrade to Basic")).click();
            Locator blockers = page.getByTestId("downgrade-blockers");
            assertThat(blockers).containsText("Remove 1 member or pending invitation");
            assertThat(blockers).containsText("The Basic plan includes 1 seat and 2 are taken");
            assertThat(page.getByTestId("downgrade-warnings")).containsText("1 webhook endpoint stops receiving events");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm change")))
                    .hasCount(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/downgrade-blocked.png"))
                    .setFullPage(true));

            page.getByLabel("File sharing storage", new Page.GetByLabelOptions().setExact(false)).first().check();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("File sharing storage added"))).isVisible();
            page.getByLabel("File sharing storage units").fill("3");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Update units")).click();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("File sharing storage: 3 units"))).isVisible();
            assertThat(page.getByText("30 GB in all")).isVisible();
        }
    }

    @Test
    void theSuperAdminOverridesACanceledSubscriptionAndTheAdminSubscribesAgain() {
        TenantSetup shop = fixtures.tenant("override-shop");
        api.put("/api/v1/platform/tenants/" + shop.id() + "/subscription", fixtures.superAdmin().accessToken(),
                Map.of("status", "CANCELED"));

        try (Tab owner = browsers.open(); Tab admin = browsers.open()) {
            Page page = admin.page();
            page.navigate(api.url("/console/#/billing"));
            ConsoleSignIn.fill(page, shop.admin().email(), Fixtures.PASSWORD);
            assertThat(page.getByTestId("subscription-status")).hasText("Canceled");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Subscribe to Basic")).click();
            assertThat(page.getByTestId("plan-change-confirm")).containsText("is due now for the first month");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm subscription")).click();
            assertThat(page.getByTestId("subscription-status")).hasText("Active");
            assertThat(page.getByTestId("subscription-current")).containsText("Basic");

            Page platform = owner.page();
            platform.navigate(api.url("/console/#/tenants/" + shop.id()));
            ConsoleSignIn.fill(platform, Fixtures.ROOT_EMAIL, Fixtures.ROOT_PASSWORD);
            assertThat(platform.getByTestId("tenant-subscription")).containsText("Basic");
            assertThat(platform.getByTestId("tenant-subscription")).containsText("Active");
            Locator panel = platform.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Subscription"));
            panel.getByLabel("Plan", new Locator.GetByLabelOptions().setExact(true)).selectOption("enterprise");
            panel.getByLabel("Status", new Locator.GetByLabelOptions().setExact(true)).selectOption("TRIALING");
            panel.getByLabel("Trial ends").fill(java.time.LocalDate.now().plusDays(30).toString());
            platform.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Override subscription")).click();
            assertThat(platform.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("Subscription set: Enterprise, Trial ends"))).isVisible();
            assertThat(platform.getByTestId("tenant-subscription")).containsText("Enterprise");
            assertThat(platform.getByTestId("tenant-plan")).containsText("Enterprise");
            platform.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/subscription-override.png"))
                    .setFullPage(true));

            page.reload();
            assertThat(page.getByTestId("subscription-status")).containsText("Trial ends");
            assertThat(page.getByTestId("subscription-current")).containsText("Enterprise");
        }
    }
}
