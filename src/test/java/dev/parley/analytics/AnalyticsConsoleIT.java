package dev.parley.analytics;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.billing.Plans;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.ConsoleSignIn;
import dev.parley.support.Fixtures;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A Basic admin sees the overview and the operators locked; on Professional the same page shows each operator. */
@ParleyIntegrationTest
class AnalyticsConsoleIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    @Autowired
    PlatformTransactions platform;

    @Autowired
    JdbcClient db;

    @Autowired
    Plans plans;

    Api api;
    ChatFixtures chat;
    AnalyticsTraffic traffic;

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
        chat = new ChatFixtures(api);
        traffic = new AnalyticsTraffic(api, platform, db);
    }

    @Test
    void aBasicAdminSeesOperatorsLockedAndAProfessionalAdminSeesTheirNumbers() {
        ChatTenant shop = chat.tenant("analytics-ui", Map.of());
        String admin = shop.tenant().admin().accessToken();
        Instant started = Instant.now().minusSeconds(3600);
        UUID conversation = traffic.start(shop, "is this in stock?", started);
        traffic.reply(shop, admin, conversation, started.plusSeconds(90), "Yes, two left.");
        traffic.resolve(shop, admin, conversation, started.plusSeconds(600));
        plans.assign(TenantId.of(shop.tenant().id()), "basic");

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/analytics"), shop.tenant().admin().email(), Fixtures.PASSWORD);

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Analytics"))).isVisible();
            assertThat(page.getByTestId("conversations")).hasText("1");
            assertThat(page.getByTestId("median-first-response")).hasText("1 min 30 s");
            assertThat(page.getByTestId("operators-locked")).containsText("Available on Professional");
            assertThat(page.getByTestId("operators-locked").getByRole(AriaRole.LINK)).hasAttribute("href", "#/billing");
            assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Operators"))).hasCount(0);
            assertThat(page.getByTestId("export-locked")).containsText("Available on Enterprise");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/analytics-basic.png"))
                    .setFullPage(true));

            plans.assign(TenantId.of(shop.tenant().id()), "professional");
            page.reload();

            var table = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Operators"));
            assertThat(table).containsText("Admin of " + shop.tenant().slug());
            assertThat(table.locator("tbody tr td").nth(1)).hasText("1");
            assertThat(table.locator("tbody tr td").nth(2)).hasText("1 min 30 s");
            assertThat(table.locator("tbody tr td").nth(3)).hasText("10 min");
            assertThat(table.locator("tbody tr td").nth(4)).hasText("1");
            assertThat(page.getByTestId("operators-locked")).hasCount(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/analytics-professional.png"))
                    .setFullPage(true));
        }
    }
}
