package dev.parley.chat;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The tenant admin's dashboard in a real browser: this tenant's figures only, and links into the inbox. */
@ParleyIntegrationTest
class DashboardIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    @Autowired
    PlatformTransactions platform;

    @Autowired
    JdbcClient db;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;
    ChatTraffic traffic;

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
        traffic = new ChatTraffic(api, platform, db);
    }

    @Test
    void theDashboardShowsThisTenantsConversationsAndOpensOneInTheInbox() {
        ChatTenant shop = chat.tenant("dashboard", Map.of());
        ChatTenant other = chat.tenant("dashboard-other", Map.of());
        String admin = shop.tenant().admin().accessToken();
        UUID waiting = traffic.start(shop, "Do you ship to Iceland?");
        UUID answered = traffic.start(shop, "Can I change my order?");
        traffic.reply(admin, answered, "Yes, until it ships.", false);
        UUID resolved = traffic.start(shop, "Thanks for the help!");
        traffic.reply(admin, resolved, "You are welcome.", false);
        traffic.resolve(admin, resolved);
        traffic.offline(shop, "Please call me back.");
        for (int i = 0; i < 5; i++) {
            traffic.start(other, "another shop's visitor " + i);
        }
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");

        try (Tab tab = browsers.open()) {
            // Straight to the dashboard: opening the inbox would put the admin online and route the queue to them.
            Page page = signIn(tab, shop, shop.tenant().admin().email(), "/console/#/dashboard");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard")))
                    .hasAttribute("aria-current", "page");

            assertThat(page.getByTestId("conversations-today")).hasText("4");
            assertThat(page.getByTestId("conversations-month")).hasText("4");
            assertThat(page.getByTestId("open-now")).hasText("2");
            assertThat(page.getByTestId("resolved-today")).hasText("1");
            assertThat(page.getByTestId("operators-online")).hasText("0 / 2");
            assertThat(page.getByTestId("offline-messages")).hasText("1");
            assertThat(page.getByTestId("first-response")).not().hasText("—");
            assertThat(page.getByTestId("per-day-chart")).hasAttribute("aria-label", Pattern.compile(": 4$"));
            assertThat(page.getByTestId("dashboard-scope")).containsText("in UTC");
            Locator recent = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Recent conversations"));
            assertThat(recent.getByRole(AriaRole.ROW)).hasCount(5);
            assertThat(recent).not().containsText("another shop's visitor");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard.png"))
                    .setFullPage(true));

            traffic.start(shop, "One more question");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refresh")).click();
            assertThat(page.getByTestId("conversations-today")).hasText("5");

            int number = api.get("/api/v1/conversations/" + waiting, admin).body().path("number").asInt();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName("Open conversation #" + number + " in the inbox")).click();
            assertThat(page).hasURL(Pattern.compile("#/inbox/" + waiting + "$"));
            Locator panel = page.locator("parley-chat-panel");
            assertThat(panel).containsText("Do you ship to Iceland?");
            assertThat(tab.errors()).isEmpty();
        }
        assertThat(api.get("/api/v1/dashboard", operator.accessToken()).status()).isEqualTo(403);
    }

    @Test
    void anOperatorSeesNeitherTheDashboardNorTheTeamPage() {
        ChatTenant shop = chat.tenant("dashboard-op", Map.of());
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");

        try (Tab tab = browsers.open()) {
            Page page = signIn(tab, shop, operator.email(), "/console/#/dashboard");

            assertThat(page.getByTestId("connection")).hasText("connected");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard"))).hasCount(0);
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Team"))).hasCount(0);
            assertThat(page.locator("parley-dashboard")).hasCount(0);
            page.navigate(api.url("/console/#/team"));
            assertThat(page.locator("parley-inbox")).hasCount(1);
            assertThat(page.locator("parley-team")).hasCount(0);
        }
        assertThat(api.get("/api/v1/dashboard", operator.accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users", operator.accessToken()).status()).isEqualTo(403);
    }

    private Page signIn(Tab tab, ChatTenant shop, String email, String path) {
        Page page = ConsoleSignIn.at(tab.page(), api.url(path), email, Fixtures.PASSWORD);
        assertThat(page.getByTestId("tenant-name")).hasText(shop.tenant().name());
        return page;
    }
}
