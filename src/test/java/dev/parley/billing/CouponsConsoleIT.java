package dev.parley.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

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

/** The super-admin creates a coupon on the Coupons page; a tenant admin redeems it on the Billing page. */
@ParleyIntegrationTest
class CouponsConsoleIT {

    static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

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
    void theSuperAdminCreatesACouponOnTheCouponsPageAndATenantAdminAppliesItOnTheBillingPage() {
        String code = "WELCOME" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        TenantSetup shop = fixtures.tenant("coupon-shop");
        api.put("/api/v1/platform/tenants/" + shop.id() + "/subscription", fixtures.superAdmin().accessToken(),
                Map.of("planId", "professional", "status", "ACTIVE"));

        try (Tab root = browsers.open()) {
            Page page = root.page();
            ConsoleSignIn.at(page, api.url("/console/#/coupons"), Fixtures.ROOT_EMAIL, Fixtures.ROOT_PASSWORD);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Coupons"))).isVisible();
            page.getByLabel("Code", EXACT).fill(code.toLowerCase());
            page.getByLabel("Name", EXACT).fill("Welcome offer");
            page.getByLabel("Percent off", EXACT).fill("150");
            page.getByLabel("Duration", EXACT).selectOption("REPEATING");
            page.getByLabel("Periods", EXACT).fill("3");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create coupon")).click();
            assertThat(page.locator("#coupon-value-error")).containsText("100");
            assertThat(page.getByLabel("Percent off", EXACT)).hasAttribute("aria-invalid", "true");

            page.getByLabel("Percent off", EXACT).fill("25");
            page.getByLabel("Redemption limit", EXACT).fill("10");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create coupon")).click();
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Coupon " + code + " created");
            Locator row = page.locator("tr[data-code='" + code + "']");
            assertThat(row).containsText("25 % off");
            assertThat(row).containsText("3 periods");
            assertThat(row).containsText("0 / 10");
            assertThat(row).containsText("Active");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/platform-coupons.png"))
                    .setFullPage(true));
        }

        try (Tab admin = browsers.open()) {
            Page page = admin.page();
            ConsoleSignIn.at(page, api.url("/console/#/billing"), shop.admin().email(), Fixtures.PASSWORD);
            page.getByLabel("Coupon code").fill(code.toLowerCase());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply coupon")).click();
            assertThat(page.getByTestId("coupon")).containsText(code + " (Welcome offer): 25 % off for 3 invoices");
        }

        try (Tab root = browsers.open()) {
            Page page = root.page();
            ConsoleSignIn.at(page, api.url("/console/#/coupons"), Fixtures.ROOT_EMAIL, Fixtures.ROOT_PASSWORD);
            Locator row = page.locator("tr[data-code='" + code + "']");
            assertThat(row).containsText("1 / 10");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Expire " + code)).click();
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Confirm expiring " + code)).click();
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Coupon " + code + " expired");
            assertThat(row).containsText("Expired");
        }
        TenantSetup late = fixtures.tenant("coupon-late");
        org.assertj.core.api.Assertions.assertThat(api.post("/api/v1/billing/subscription/coupon",
                late.admin().accessToken(), Map.of("code", code)).code()).isEqualTo("COUPON_EXPIRED");
    }
}
