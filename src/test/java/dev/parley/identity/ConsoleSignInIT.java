package dev.parley.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.microsoft.playwright.Page;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
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

/** A person joins through an invitation link, signs in and out, and switches tenants, in a real browser. */
@ParleyIntegrationTest
class ConsoleSignInIT {

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
    void anInvitedAdminChoosesAPasswordAndLandsInTheirTenant() {
        String slug = Fixtures.unique("browser");
        Response created = api.post("/api/v1/platform/tenants", fixtures.superAdmin().accessToken(),
                Map.of("name", "Browser Shop", "slug", slug, "adminEmail", "owner@" + slug + ".test"));
        String link = created.body().path("invitation").path("link").asText();

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            page.navigate(link);
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING))
                    .hasText("Join Browser Shop");
            page.getByLabel("Your name").fill("Olive Owner");
            page.getByLabel("Choose a password").fill("a good long password");
            page.getByLabel("Repeat the password").fill("a good long password");
            page.getByText("Accept and sign in").click();

            assertThat(page.getByTestId("tenant-name")).hasText("Browser Shop");
            assertThat(page.getByTestId("role")).hasText("Tenant admin");
            assertThat(page.getByTestId("user-email")).hasText("owner@" + slug + ".test");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/console-home.png")));
            assertThat(tab.errors()).isEmpty();
        }
    }

    @Test
    void mismatchedPasswordsAreCaughtBeforeSending() {
        TenantSetup acme = fixtures.tenant("mismatch");
        Response invited = api.post("/api/v1/users/invitations", acme.admin().accessToken(),
                Map.of("email", "op@" + acme.slug() + ".test", "role", "OPERATOR"));

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            page.navigate(invited.text("link"));
            page.getByLabel("Choose a password").fill("a good long password");
            page.getByLabel("Repeat the password").fill("another long password");
            page.getByText("Accept and sign in").click();

            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
                    .hasText("The two passwords are not the same.");
        }
        assertThat(api.get("/api/v1/invitations/" + Fixtures.tokenOf(invited.text("link")), null).status())
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsExplainedAndTheRightOneSignsIn() {
        TenantSetup acme = fixtures.tenant("signin");

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            page.navigate(api.url("/"));
            page.getByLabel("Email").fill(acme.admin().email());
            page.getByLabel("Password").fill("wrong password!");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
                    .hasText("The email or password is not right.");

            page.getByLabel("Password").fill(Fixtures.PASSWORD);
            page.waitForTimeout(1100); // past the slow-down after a failure
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByTestId("tenant-name")).hasText(acme.name());

            page.reload();
            assertThat(page.getByTestId("tenant-name")).hasText(acme.name());

            page.getByText("Sign out").click();
            assertThat(page.getByText("Sign in to Parley")).isVisible();
        }
    }

    @Test
    void aPersonInTwoTenantsSwitchesWithoutSigningInAgain() {
        TenantSetup first = fixtures.tenant("switch-a");
        TenantSetup second = fixtures.tenant("switch-b");
        Response invited = api.post("/api/v1/users/invitations", second.admin().accessToken(),
                Map.of("email", first.admin().email(), "role", "OPERATOR"));
        api.post("/api/v1/invitations/accept", null,
                Map.of("token", Fixtures.tokenOf(invited.text("link")), "password", Fixtures.PASSWORD));

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            page.navigate(api.url("/console/"));
            page.getByLabel("Email").fill(first.admin().email());
            page.getByLabel("Password").fill(Fixtures.PASSWORD);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByTestId("tenant-name")).hasText(first.name());

            page.getByLabel("Tenant").selectOption(second.id().toString());

            assertThat(page.getByTestId("tenant-name")).hasText(second.name());
            assertThat(page.getByTestId("role")).hasText("Operator");
            assertThat(tab.errors()).isEmpty();
        }
    }
}
