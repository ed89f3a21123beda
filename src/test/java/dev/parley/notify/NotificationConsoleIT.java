package dev.parley.notify;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.NotificationFixtures;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;

import tools.jackson.databind.JsonNode;

/**
 * In the console: the bell in the header counts notifications as they arrive on any page, opens them, marks them
 * read; a tenant admin reads the mail outbox and sets reminders in Settings.
 */
@ParleyIntegrationTest
class NotificationConsoleIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    Api api;
    Fixtures fixtures;
    NotificationFixtures notices;
    TenantSetup shop;
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
        notices = new NotificationFixtures(events, transactions);
        shop = fixtures.tenant("bell");
    }

    @AfterEach
    void tearDown() {
        tabs.forEach(Tab::close);
    }

    @Test
    void aNotificationAppearsInTheBellLiveAndOpensItsPage() {
        Tab tab = open();
        Page page = signIn(tab, "#/settings/chat");
        Locator bell = bell(page);
        assertThat(bell).hasAccessibleName("Notifications");
        assertThat(page.getByTestId("notification-count")).hasCount(0);
        page.waitForTimeout(300); // the stream is open by now; what follows arrives through it

        notices.notify(shop.id(), shop.admin().userId(), "Task assigned: Call back Ana",
                "Ana asked for a call about her refund before Friday.", "#/team", true);

        assertThat(page.getByTestId("notification-count")).hasText("1");
        assertThat(bell).hasAccessibleName("Notifications, 1 unread");
        bell.click();
        Locator panel = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Notifications"));
        Locator item = panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Task assigned: Call back Ana"));
        assertThat(item).containsText("Ana asked for a call about her refund before Friday.");
        assertThat(item).containsText("just now");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/notification-bell.png")));

        item.click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Team").setExact(true)))
                .isVisible();
        assertThat(page).hasURL(java.util.regex.Pattern.compile("#/team$"));
        assertThat(page.getByTestId("notification-count")).hasCount(0);
        assertThat(panel).hasCount(0);
        JsonNode list = api.get("/api/v1/notifications", shop.admin().accessToken()).body();
        assertThat(list.path("unread").asInt()).as("it was marked read").isZero();
        assertThat(tab.errors()).as("no script error or CSP violation").isEmpty();
    }

    @Test
    void theBellDoesNotMakeAnAdminOnlineForChats() {
        Page page = signIn(open(), "#/team");
        bell(page).click();
        assertThat(page.getByText("No notifications yet.")).isVisible();

        JsonNode status = api.get("/api/v1/operators/me/status", shop.admin().accessToken()).body();

        assertThat(status.path("presence").asString()).isEqualTo("OFFLINE");
    }

    @Test
    void markAllReadClearsTheCountHereAndInTheAdminsOtherTabs() throws InterruptedException {
        notices.notify(shop.id(), shop.admin().userId(), "Follow-up in 1 hour", "Call Bruno about the upgrade.",
                "#/team", false);
        Thread.sleep(2); // ids order by the millisecond: this one is the newer
        notices.notify(shop.id(), shop.admin().userId(), "Task overdue", "Refund for order 1042.", "#/team", false);
        Page first = signIn(open(), "#/team");
        Page second = signIn(open(), "#/team");
        assertThat(first.getByTestId("notification-count")).hasText("2");
        assertThat(second.getByTestId("notification-count")).hasText("2");

        bell(first).click();
        Locator panel = first.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Notifications"));
        assertThat(panel.getByRole(AriaRole.LISTITEM)).hasCount(2);
        assertThat(panel.getByRole(AriaRole.LISTITEM).first()).containsText("Task overdue");
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark all read")).click();

        assertThat(first.getByTestId("notification-count")).hasCount(0);
        assertThat(second.getByTestId("notification-count")).hasCount(0); // the other tab hears it live
        assertThat(panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark all read")))
                .isDisabled();
    }

    @Test
    void aTenantAdminReadsTheMailThatWasKeptInTheOutbox() {
        Page page = signIn(open(), "#/team");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mail outbox")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Mail outbox"))).isVisible();
        assertThat(page.getByText("No mail server is configured, so mail is kept here")).isVisible();
        Locator row = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Outbox"))
                .getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(shop.admin().email()));
        assertThat(row).containsText("You are invited to join " + shop.name() + " on Parley");
        assertThat(row.getByTestId("mail-status")).hasText("Not sent");
        row.getByRole(AriaRole.BUTTON).click();
        assertThat(page.locator("pre")).containsText("/accept-invitation?token=");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/mail-outbox.png"))
                .setFullPage(true));

        page.getByLabel("Show").selectOption("SENT");
        assertThat(page.getByText("No mail with this status.")).isVisible();
    }

    @Test
    void aTenantAdminSetsTheRemindersInSettings() {
        Page page = signIn(open(), "#/settings/reminders");
        assertThat(page.getByLabel("Reminder 1", new Page.GetByLabelOptions().setExact(true))).hasValue("24");
        assertThat(page.getByLabel("Reminder 2", new Page.GetByLabelOptions().setExact(true))).hasValue("1");

        page.getByLabel("Reminder 1", new Page.GetByLabelOptions().setExact(true)).fill("2");
        page.getByLabel("Reminder 1 unit").selectOption("d");
        page.getByLabel("Reminder 2", new Page.GetByLabelOptions().setExact(true)).fill("2");
        page.getByLabel("Reminder 2 unit").selectOption("m");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a reminder")).click();
        page.getByLabel("Reminder 3", new Page.GetByLabelOptions().setExact(true)).fill("3");
        page.getByLabel("Missed after", new Page.GetByLabelOptions().setExact(true)).fill("30");
        page.getByLabel("Missed after unit").selectOption("m");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save reminder settings")).click();

        assertThat(page.locator("#error-reminder-1")).hasText("Must be between 5 minutes and 30 days.");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-reminders-error.png"))
                .setFullPage(true));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove reminder 2")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save reminder settings")).click();

        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Saved"))).isVisible();
        JsonNode saved = api.get("/api/v1/settings/reminders", shop.admin().accessToken()).body();
        assertThat(saved.path("remindBefore").valueStream().map(JsonNode::asString)).containsExactly("2d", "3h");
        assertThat(saved.path("missedAfter").asString()).isEqualTo("30m");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/settings-reminders.png"))
                .setFullPage(true));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use the defaults")).click();
        assertThat(page.getByLabel("Reminder 1", new Page.GetByLabelOptions().setExact(true))).hasValue("24");
        assertThat(api.get("/api/v1/settings/reminders", shop.admin().accessToken()).body().path("custom").asBoolean())
                .isFalse();
    }

    private Tab open() {
        Tab tab = browsers.open();
        tabs.add(tab);
        return tab;
    }

    private Page signIn(Tab tab, String route) {
        Page page = ConsoleSignIn.at(tab.page(), api.url("/console/" + route), shop.admin().email(), Fixtures.PASSWORD);
        assertThat(page.getByTestId("tenant-name")).hasText(shop.name());
        return page;
    }

    private static Locator bell(Page page) {
        return page.locator("parley-notification-bell button.bell");
    }
}
