package dev.parley.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** A Basic tenant's admin sees branding locked; the platform owner moves it to Professional and branding unlocks. */
@ParleyIntegrationTest
class PlansConsoleIT {

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
    void aBasicAdminSeesBrandingLockedUntilThePlatformOwnerMovesTheTenantToProfessional() {
        TenantSetup shop = fixtures.tenant("basic-shop");
        api.put("/api/v1/platform/tenants/" + shop.id() + "/plan", fixtures.superAdmin().accessToken(),
                Map.of("planId", "basic"));

        try (Tab admin = browsers.open(); Tab owner = browsers.open()) {
            Page page = admin.page();
            page.navigate(api.url("/console/#/settings/branding"));
            signIn(page, shop.admin().email(), Fixtures.PASSWORD);
            assertThat(page.getByTestId("branding-locked")).containsText("Branding is part of Professional");
            assertThat(page.getByTestId("branding-locked")).containsText("Your plan is Basic");
            assertThat(page.getByLabel("Primary colour", new Page.GetByLabelOptions().setExact(true))).hasCount(0);
            assertThat(page.getByLabel("Widget title")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/plans-branding-locked.png"))
                    .setFullPage(true));

            page.navigate(api.url("/console/#/team"));
            assertThat(page.getByTestId("seats")).containsText("1 of 1 seat taken on the Basic plan");
            page.getByLabel("Email").fill("second@" + shop.slug() + ".test");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("upgrade the plan to add people");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/plans-team-seats.png"))
                    .setFullPage(true));

            Page platform = owner.page();
            platform.navigate(api.url("/console/#/tenants"));
            signIn(platform, Fixtures.ROOT_EMAIL, Fixtures.ROOT_PASSWORD);
            platform.getByLabel("Search tenants").fill(shop.slug());
            platform.getByLabel("Plan", new Page.GetByLabelOptions().setExact(true)).selectOption("basic");
            Locator row = platform.locator("tr[data-slug='" + shop.slug() + "']");
            assertThat(row.getByTestId("plan")).hasText("Basic");
            platform.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/plans-tenant-list.png")));
            row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(shop.name())).click();
            assertThat(platform.getByTestId("tenant-plan")).containsText("Basic");
            platform.getByLabel("Change plan").selectOption("professional");
            platform.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save plan")).click();
            assertThat(platform.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("Now on Professional"))).isVisible();
            assertThat(platform.getByTestId("tenant-plan")).containsText("Professional");
            platform.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/plans-tenant-detail.png"))
                    .setFullPage(true));

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

    private static void signIn(Page page, String email, String password) {
        ConsoleSignIn.fill(page, email, password);
        assertThat(page.getByTestId("user-email")).hasText(email);
    }
}
