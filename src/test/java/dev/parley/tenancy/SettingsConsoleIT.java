package dev.parley.tenancy;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.HostSite;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** A tenant admin shapes the widget and the tenant's rules in the console's Settings page, in a real browser. */
@ParleyIntegrationTest
class SettingsConsoleIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    TenantSetup shop;
    String widgetKey;
    HostSite site;
    List<Tab> tabs = new ArrayList<>();

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
        shop = fixtures.tenant("brandme");
        String root = fixtures.superAdmin().accessToken();
        widgetKey = api.get("/api/v1/platform/tenants/" + shop.id(), root).text("widgetKey");
        site = new HostSite(port, widgetKey);
        api.patch("/api/v1/platform/tenants/" + shop.id(), root, Map.of("domains", List.of(site.host())));
    }

    @AfterEach
    void tearDown() {
        tabs.forEach(Tab::close);
        site.close();
    }

    @Test
    void theAdminSeesBrandingInThePreviewBeforeSavingThenTheConsoleAndTheSiteWearIt() {
        Tab tab = open();
        List<String> widgetCalls = new ArrayList<>();
        tab.page().onRequest(request -> {
            if (request.url().contains("/api/v1/widget/") || request.url().contains("/ws/visitor")) {
                widgetCalls.add(request.url());
            }
        });
        Page page = settings(tab, shop.admin().email(), "branding");
        FrameLocator preview = page.frameLocator("iframe[title='Widget preview']");
        assertThat(preview.locator("#parley-widget header h2")).hasText(shop.name());

        page.getByLabel("Primary colour", new Page.GetByLabelOptions().setExact(true)).fill("#0b7285");
        page.getByLabel("Widget title").fill("Ask Acme");
        page.getByLabel("Greeting").fill("Hello from Acme! What can we do for you?");

        assertThat(preview.locator("#parley-widget header h2")).hasText("Ask Acme");
        assertThat(preview.locator("#parley-widget .msg.SYSTEM")).hasText("Hello from Acme! What can we do for you?");
        assertThat(preview.locator("#parley-widget .launcher")).hasCSS("background-color", "rgb(11, 114, 133)");
        assertThat(preview.locator("#parley-widget header")).hasCSS("background-color", "rgb(11, 114, 133)");
        assertThat(page.getByTestId("unsaved")).hasText("Unsaved changes");
        assertThat(widgetConfig().text("title")).as("nothing is saved yet").isEqualTo(shop.name());

        tab(page, "Widget").click();
        page.getByLabel("Headset").check();
        page.getByLabel("Bottom left").check();
        page.getByLabel("Launcher label").fill("Talk to us");
        assertThat(preview.locator("#parley-widget .launcher svg[data-icon=headset]")).hasCount(1);
        assertThat(preview.locator("#parley-widget .launcher")).containsText("Talk to us");
        assertThat(preview.locator("#parley-widget .launcher")).hasClass(java.util.regex.Pattern.compile("left"));
        assertThat(preview.locator("#parley-widget header h2")).hasText("Ask Acme"); // the branding draft is kept
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Conversation")).click();
        assertThat(preview.locator("#parley-widget .msg.OPERATOR .avatar")).hasAttribute("data-initials", "AB");
        page.getByLabel("Show operators’ avatars").uncheck();
        assertThat(preview.locator("#parley-widget .msg.OPERATOR .avatar")).hasCount(0);
        page.getByLabel("Show operators’ avatars").check();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-widget.png"))
                .setFullPage(true));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save widget settings")).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Saved"))).isVisible();

        tab(page, "Branding").click();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-branding.png"))
                .setFullPage(true));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save branding")).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Saved"))).isVisible();

        Locator console = page.locator("parley-console");
        assertThat(console.locator("button.secondary", new Locator.LocatorOptions().setHasText("Sign out")))
                .hasCSS("color", "rgb(11, 114, 133)");
        assertThat(console.locator("nav.pages a[aria-current=page]")).hasCSS("background-color", "rgb(11, 114, 133)");
        assertThat(widgetCalls).as("the preview makes no widget call").isEmpty();
        assertThat(tab.errors()).as("no CSP violation or script error").isEmpty();

        Page visitor = open().page();
        visitor.navigate(site.url("/"));
        Locator launcher = visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Talk to us"));
        assertThat(launcher).isVisible();
        assertThat(launcher.locator("svg[data-icon=headset]")).hasCount(1);
        assertThat(launcher).hasCSS("background-color", "rgb(11, 114, 133)");
        launcher.click();
        assertThat(visitor.locator("#parley-widget header h2")).hasText("Ask Acme");
        assertThat(visitor.locator("#parley-widget .msg.SYSTEM")).hasText("Hello from Acme! What can we do for you?");
        assertThat(visitor.locator("#parley-widget header")).hasCSS("background-color", "rgb(11, 114, 133)");
        visitor.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-visitor-widget.png")));
    }

    @Test
    void thePrechatIntroIsShownAboveThePrechatFormInThePreviewAndOnTheSite() {
        try (Socket operator = Socket.operator(port, shop.admin().accessToken())) {
            operator.await("hello");
            Page page = settings(open(), shop.admin().email(), "widget");
            FrameLocator preview = page.frameLocator("iframe[title='Widget preview']");

            page.getByLabel("Require email").check();
            assertThat(page.getByLabel("Ask for email")).isChecked();
            tab(page, "Branding").click();
            page.getByLabel("Pre-chat intro").fill("Tell us your email so we can follow up.");

            Locator form = preview.locator("#parley-widget form[aria-label='Before we start']");
            assertThat(form.locator(".note")).hasText("Tell us your email so we can follow up.");
            assertThat(form.locator("input[name=email][required]")).hasCount(1);
            assertThat(form.locator("input[name=name]")).hasCount(0);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save branding")).click();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Saved"))).isVisible();
            tab(page, "Widget").click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save widget settings")).click();
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Saved"))).isVisible();

            Page visitor = visitorPage();
            visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat")).click();
            Locator onSite = visitor.locator("#parley-widget form[aria-label='Before we start']");
            assertThat(onSite.locator(".note")).hasText("Tell us your email so we can follow up.");
            assertThat(visitor.getByLabel("Your email")).isVisible();
        }
    }

    @Test
    void aLowContrastColourIsWarnedAboutWhileChoosingAndAfterSaving() {
        Page page = settings(open(), shop.admin().email(), "branding");

        page.getByLabel("Primary colour", new Page.GetByLabelOptions().setExact(true)).fill("#ffee99");

        assertThat(page.getByTestId("contrast-primaryColor")).containsText("1.2:1");
        assertThat(page.getByTestId("contrast-primaryColor")).containsText("WCAG AA");
        page.getByLabel("Accent colour picker").fill("#1e3a8a");
        assertThat(page.getByLabel("Accent colour", new Page.GetByLabelOptions().setExact(true))).hasValue("#1e3a8a");
        assertThat(page.getByTestId("contrast-accentColor")).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-contrast.png")));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save branding")).click();

        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Saved"))).isVisible();
        assertThat(page.getByTestId("contrast-primaryColor")).containsText("WCAG AA");
        Api.Response saved = api.get("/api/v1/settings/branding", shop.admin().accessToken());
        assertThat(saved.text("primaryColor")).isEqualTo("#ffee99");
        assertThat(saved.body().path("warnings").get(0).asText()).isEqualTo(
                page.getByTestId("contrast-primaryColor").textContent().trim());
    }

    @Test
    void anSvgWithScriptIsRefusedWithTheServersReasonAndASafeLogoCanBeUploadedAndRemoved() {
        Page page = settings(open(), shop.admin().email(), "branding");
        Locator upload = page.getByLabel("Upload logo");

        upload.setInputFiles(new FilePayload("evil.svg", "image/svg+xml",
                "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8)));

        assertThat(page.getByRole(AriaRole.ALERT)).hasText("This SVG cannot be used as a logo: it contains a <script> element.");
        assertThat(page.locator("parley-console header img.logo")).hasCount(0);

        page.getByLabel("Upload logo").setInputFiles(new FilePayload("logo.svg", "image/svg+xml",
                "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 40 10'><rect width='40' height='10' fill='teal'/></svg>"
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Logo uploaded."))).isVisible();
        assertThat(page.getByAltText(shop.name() + " logo")).isVisible();
        assertThat(page.frameLocator("iframe[title='Widget preview']").locator("#parley-widget header img.logo")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-logo.png")));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove logo")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, remove it")).click();

        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Logo removed."))).isVisible();
        assertThat(page.getByAltText(shop.name() + " logo")).hasCount(0);
        assertThat(page.getByText("No logo yet")).isVisible();
        assertThat(api.get("/api/v1/settings/branding", shop.admin().accessToken()).body().path("hasLogo").asBoolean())
                .isFalse();
    }

    @Test
    void aDomainOfAnotherTenantIsRefusedNamingItAndOwnDomainsAreSaved() {
        TenantSetup other = fixtures.tenant("domainowner");
        String theirs = other.slug() + ".example.com";
        Page page = settings(open(), shop.admin().email(), "installation");
        assertThat(page.getByTestId("embed-snippet")).hasText("<script src=\"" + api.url("") + "/widget.js\" data-parley-key=\""
                + widgetKey + "\" async></script>");

        page.getByLabel("Domain", new Page.GetByLabelOptions().setExact(true)).fill(theirs);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add domain")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save domains")).click();

        assertThat(page.getByRole(AriaRole.ALERT)).hasText("These domains already belong to another tenant: " + theirs + ".");
        assertThat(page.locator("parley-domain-settings tr.taken")).containsText(theirs);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-domains.png")));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove " + theirs)).click();
        page.getByLabel("Domain", new Page.GetByLabelOptions().setExact(true)).fill("www." + shop.slug() + ".test");
        page.getByLabel("Domain", new Page.GetByLabelOptions().setExact(true)).press("Enter");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove " + site.host())).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save domains")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Pages on " + site.host() + " lose the widget");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove and save")).click();

        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Saved"))).isVisible();
        assertThat(api.get("/api/v1/settings", shop.admin().accessToken()).body().path("domains").toString())
                .isEqualTo("[\"www." + shop.slug() + ".test\"]");
    }

    @Test
    void workingHoursEditedSoTheTenantIsClosedNowPutTheWidgetIntoOfflineMode() {
        try (Socket operator = Socket.operator(port, shop.admin().accessToken())) {
            operator.await("hello");
            Page before = visitorPage();
            before.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat")).click();
            assertThat(before.getByLabel("Message", new Page.GetByLabelOptions().setExact(true))).isVisible();

            Page page = settings(open(), shop.admin().email(), "hours");
            assertThat(page.getByTestId("open-now")).hasText("Open now");
            page.getByLabel("Open during set hours").check();
            page.getByLabel("Time zone").selectOption("Pacific/Kiritimati");
            page.getByLabel("Open on Saturday").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add hours on Monday")).click();
            page.getByLabel("Monday until (2)").selectOption("19:30");
            LocalDate today = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
            for (LocalDate day : List.of(today, today.plusDays(1))) {
                page.getByLabel("Holiday date").fill(day.toString());
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add holiday")).click();
            }
            Locator holidays = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Holidays"));
            assertThat(holidays.getByRole(AriaRole.LISTITEM)).hasCount(2);
            holidays.scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-hours.png")));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save working hours")).click();

            assertThat(page.getByTestId("open-now")).hasText("Closed now");
            Api.Response saved = api.get("/api/v1/settings", shop.admin().accessToken());
            assertThat(saved.body().path("hours").path("weekly").path("sat").toString()).isEqualTo("[[\"09:00\",\"17:00\"]]");
            assertThat(saved.body().path("hours").path("weekly").path("mon").toString())
                    .isEqualTo("[[\"09:00\",\"17:00\"],[\"18:00\",\"19:30\"]]");
            Page visitor = visitorPage();
            visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat")).click();
            assertThat(visitor.getByLabel("Your email")).isVisible();
            assertThat(visitor.getByLabel("Message", new Page.GetByLabelOptions().setExact(true))).hasCount(0);
        }
    }

    @Test
    void chatSettingsAreSavedAndAFieldTheApiRefusesIsExplainedBesideIt() {
        Page page = settings(open(), shop.admin().email(), "chat");

        page.getByLabel("Manual assignment").check();
        page.getByLabel("Maximum concurrent chats per operator").fill("0");
        page.getByLabel("Resolve inactive chats after (hours)").fill("24");
        assertThat(tab(page, "Chat")).containsText("unsaved changes");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save chat settings")).click();

        assertThat(page.locator("parley-chat-settings .field-error")).hasText("Must be between 1 and 100.");
        assertThat(page.getByLabel("Maximum concurrent chats per operator")).hasAttribute("aria-invalid", "true");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-chat-error.png")));
        page.getByLabel("Maximum concurrent chats per operator").fill("3");
        page.getByLabel("Offer the offline form").uncheck();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save chat settings")).click();

        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Saved"))).isVisible();
        assertThat(tab(page, "Chat")).not().containsText("unsaved changes");
        var chat = api.get("/api/v1/settings", shop.admin().accessToken()).body().path("chat");
        assertThat(chat.path("assignment").asText()).isEqualTo("manual");
        assertThat(chat.path("maxConcurrentChats").asInt()).isEqualTo(3);
        assertThat(chat.path("autoResolveHours").asInt()).isEqualTo(24);
        assertThat(chat.path("offlineForm").asBoolean()).isFalse();
    }

    @Test
    void anOperatorSeesNoSettingsAndTheApiRefusesThem() {
        Session operator = fixtures.member(shop, "OPERATOR");
        Page page = open().page();
        page.navigate(api.url("/console/#/settings"));
        signIn(page, operator.email());

        assertThat(page.getByTestId("connection")).hasText("connected");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settings"))).hasCount(0);
        assertThat(page.locator("parley-tenant-settings")).hasCount(0);
        assertThat(api.get("/api/v1/settings", operator.accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/settings/branding", operator.accessToken()).status()).isEqualTo(403);
    }

    private Api.Response widgetConfig() {
        return new dev.parley.support.ChatFixtures(api).widget("GET", "/api/v1/widget/config?key=" + widgetKey, null,
                "http://" + site.host(), null);
    }

    private Page settings(Tab tab, String email, String section) {
        Page page = tab.page();
        page.navigate(api.url("/console/#/settings/" + section));
        signIn(page, email);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Settings"))).isVisible();
        return page;
    }

    private static void signIn(Page page, String email) {
        ConsoleSignIn.fill(page, email, Fixtures.PASSWORD);
    }

    private static Locator tab(Page page, String name) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Settings sections"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name));
    }

    private Page visitorPage() {
        Page page = open().page();
        page.navigate(site.url("/"));
        return page;
    }

    private Tab open() {
        Tab tab = browsers.open();
        tabs.add(tab);
        return tab;
    }
}
