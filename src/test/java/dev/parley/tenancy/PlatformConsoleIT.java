package dev.parley.tenancy;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** The platform owner runs tenants from the console: provisioning, finding, figures, life cycle and the audit log. */
@ParleyIntegrationTest
class PlatformConsoleIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;

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
        chat = new ChatFixtures(api);
    }

    @Test
    void theSuperAdminProvisionsATenantFollowsItsActivityAndRunsItsLife() {
        TenantSetup neighbour = fixtures.tenant("neighbour");
        String takenHost = neighbour.slug() + ".example.com";
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String name = "Harbour Books " + suffix;
        String slug = "harbour-books-" + suffix;
        String ownHost = slug + ".example.test";

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            signIn(page, Fixtures.ROOT_EMAIL, Fixtures.ROOT_PASSWORD);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tenants")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tenants"))).isVisible();

            // Provision: a malformed slug, then one another tenant has, then a domain another tenant has; each
            // complaint is shown next to its field.
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New tenant")).click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Business name").fill(name);
            assertThat(dialog.getByLabel("Slug")).hasValue(slug);
            dialog.getByLabel("Allowed domains").fill(ownHost + "\n" + takenHost);
            dialog.getByLabel("First admin's email").fill("owner@" + slug + ".test");
            dialog.getByLabel("Time zone").fill("Europe/Lisbon");
            dialog.getByLabel("Widget language").selectOption("pt-BR");
            dialog.getByLabel("Slug").fill("Not a slug!");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create tenant")).click();
            assertThat(dialog.locator("#slug-error")).containsText("lower-case letters, digits or dashes");

            dialog.getByLabel("Slug").fill(neighbour.slug());
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create tenant")).click();
            assertThat(dialog.locator("#slug-error")).containsText("belongs to another tenant");

            dialog.getByLabel("Slug").fill(slug);
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create tenant")).click();
            Locator domainsError = dialog.locator("#domains-error");
            assertThat(domainsError).containsText("already belong to another tenant");
            assertThat(domainsError).containsText(takenHost);
            assertThat(dialog.getByLabel("Allowed domains")).hasAttribute("aria-invalid", "true");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/platform-provision-clash.png")));

            dialog.getByLabel("Allowed domains").fill(ownHost);
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create tenant")).click();
            assertThat(dialog.getByRole(AriaRole.HEADING)).hasText(name + " is ready");
            assertThat(dialog).containsText("Send this link to the admin");
            Locator link = dialog.getByLabel("Invitation link");
            assertThat(link).hasValue(java.util.regex.Pattern.compile(".*/accept-invitation\\?token=.+"));
            String invitation = link.inputValue();
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy link")).click();
            assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copied"))).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/platform-provisioned.png")));
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done")).click();
            assertThat(row(page, slug)).isVisible();

            // Some activity: the admin joins and invites an operator, and a visitor starts a conversation.
            Session owner = fixtures.accept(Fixtures.tokenOf(invitation), "owner@" + slug + ".test", "Olga Owner");
            UUID id = owner.tenantId();
            TenantSetup created = new TenantSetup(id, slug, name, owner);
            fixtures.member(created, "OPERATOR");
            String root = fixtures.superAdmin().accessToken();
            Response tenant = api.get("/api/v1/platform/tenants/" + id, root);
            assertThat(tenant.body().path("settings").path("timezone").asText()).isEqualTo("Europe/Lisbon");
            assertThat(tenant.body().path("settings").path("widget").path("language").asText()).isEqualTo("pt-BR");
            ChatTenant shop = new ChatTenant(created, tenant.text("widgetKey"));
            String visitor = chat.startVisitor(shop, null).text("visitorToken");
            chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(shop), Map.of("body", "Hello"));

            // Find it by search and read its figures.
            page.getByLabel("Search tenants").fill(slug);
            assertThat(page.getByTestId("tenant-row")).hasCount(1);
            Locator found = row(page, slug);
            assertThat(found.getByTestId("operators")).hasText("2");
            assertThat(found.getByTestId("conversations")).hasText("1");
            assertThat(found.getByTestId("last-activity")).hasText("just now");
            assertThat(found).containsText(ownHost);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/platform-tenants.png")));

            found.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name)).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setLevel(1))).isVisible();
            assertThat(page.getByTestId("figure-operators")).hasText("2");
            assertThat(page.getByTestId("figure-conversations")).hasText("1");

            // Rename it.
            page.getByLabel("Business name").fill(name + " Ltd");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name + " Ltd").setLevel(1)))
                    .isVisible();
            name = name + " Ltd";

            // Suspend it, after a confirmation that says what happens.
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suspend tenant")).click();
            Locator confirm = page.getByRole(AriaRole.ALERTDIALOG);
            assertThat(confirm.getByRole(AriaRole.HEADING)).hasText("Suspend " + name + "?");
            assertThat(confirm).containsText("cannot sign in");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/platform-confirm-suspend.png")));
            confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Suspend").setExact(true)).click();
            assertThat(page.getByTestId("tenant-status")).hasText("Suspended");
            assertThat(page.getByRole(AriaRole.ALERTDIALOG)).isHidden();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/platform-tenant-detail.png")));
            assertThat(api.get("/api/v1/users", owner.accessToken()).code()).isEqualTo("TENANT_SUSPENDED");

            // The Suspended filter shows it.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← All tenants")).click();
            // The detail page's "Status" panel may still be on screen for a moment: wait for the list's filter.
            page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Status")).selectOption("SUSPENDED");
            assertThat(row(page, slug)).isVisible();
            assertThat(row(page, neighbour.slug())).hasCount(0);
            assertThat(row(page, slug).locator(".badge")).hasText("Suspended");

            // Reactivate, then delete.
            row(page, slug).getByRole(AriaRole.LINK).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reactivate tenant")).click();
            page.getByRole(AriaRole.ALERTDIALOG).getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Reactivate")).click();
            assertThat(page.getByTestId("tenant-status")).hasText("Active");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete tenant")).click();
            confirm = page.getByRole(AriaRole.ALERTDIALOG);
            assertThat(confirm).containsText("purged");
            confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
            assertThat(page.getByTestId("tenant-status")).hasText("Deleted");
            assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("restored");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Restore tenant"))).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/platform-tenant-deleted.png"))
                    .setFullPage(true));

            // The audit log tells the story, newest first.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Audit").setExact(true)).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Audit log"))).isVisible();
            Locator tenantFilter = page.getByLabel("Tenant", new Page.GetByLabelOptions().setExact(true));
            tenantFilter.fill(slug);
            tenantFilter.press("Enter");
            assertThat(tenantFilter).hasValue(name + " (" + slug + ")");
            Locator rows = page.getByTestId("audit-row");
            assertThat(rows).hasCount(5);
            assertThat(rows.nth(0)).containsText("Tenant deleted");
            assertThat(rows.nth(1)).containsText("Tenant reactivated");
            assertThat(rows.nth(2)).containsText("Tenant suspended");
            assertThat(rows.nth(3)).containsText("Tenant changed");
            assertThat(rows.nth(4)).containsText("Tenant provisioned");
            assertThat(rows.nth(4)).containsText(Fixtures.ROOT_EMAIL);
            assertThat(rows.nth(4)).containsText(name);
            assertThat(rows.nth(4)).containsText("owner@" + slug + ".test");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/platform-audit-tenant.png")));
            page.getByLabel("Action").selectOption("tenant.suspended");
            assertThat(rows).hasCount(1);
            assertThat(rows.first()).containsText("Tenant suspended");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/platform-audit.png")));

            assertThat(tab.errors().stream().filter(e -> !e.contains("Failed to load resource")).toList()).isEmpty();
        }
    }

    @Test
    void loadMoreBringsTheNextTenantsOfTheSameSearch() {
        String prefix = Fixtures.unique("many");
        String root = fixtures.superAdmin().accessToken();
        for (int i = 0; i < 27; i++) {
            Response created = api.post("/api/v1/platform/tenants", root, Map.of("name", "Many " + i,
                    "slug", prefix + "-" + i, "adminEmail", "a@" + prefix + ".test"));
            assertThat(created.status()).isEqualTo(201);
        }

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            signIn(page, Fixtures.ROOT_EMAIL, Fixtures.ROOT_PASSWORD);
            page.navigate(api.url("/console/#/tenants"));
            page.getByLabel("Search tenants").fill(prefix);
            Locator rows = page.getByTestId("tenant-row");
            assertThat(rows).hasCount(25);
            assertThat(rows.first()).containsText(prefix + "-26");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load more")).click();

            assertThat(rows).hasCount(27);
            assertThat(rows.last()).containsText(prefix + "-0");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load more"))).hasCount(0);
        }
    }

    @Test
    void aTenantAdminWhoIsNotSuperAdminSeesNoPlatformPages() {
        TenantSetup acme = fixtures.tenant("noplatform");

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            signIn(page, acme.admin().email(), Fixtures.PASSWORD);
            assertThat(page.getByTestId("tenant-name")).hasText(acme.name());

            page.navigate(api.url("/console/#/tenants"));

            assertThat(page.getByTestId("tenant-name")).hasText(acme.name());
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tenants"))).hasCount(0);
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Audit"))).hasCount(0);
            assertThat(page.locator("parley-platform-tenants")).hasCount(0);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tenants"))).hasCount(0);
        }
    }

    @Test
    void theSuperAdminSeesThePlatformPagesInTheMenu() {
        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            signIn(page, Fixtures.ROOT_EMAIL, Fixtures.ROOT_PASSWORD);

            Locator menu = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Console"));
            assertThat(menu.getByRole(AriaRole.LINK)).hasText(new String[] {"Inbox", "Dashboard", "Analytics", "Tasks", "Follow-ups", "Team", "Settings", "Billing", "Mail outbox", "Webhooks", "Tenants", "Audit", "Revenue", "Coupons"});
        }
    }

    private void signIn(Page page, String email, String password) {
        ConsoleSignIn.at(page, api.url("/console/"), email, password);
        assertThat(page.getByTestId("user-email")).hasText(email);
    }

    private static Locator row(Page page, String slug) {
        return page.locator("tr[data-slug='" + slug + "']");
    }
}
