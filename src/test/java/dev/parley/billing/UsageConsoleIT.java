package dev.parley.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import javax.sql.DataSource;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A tenant admin's Billing page shows the period's usage against the plan, the conversations meter goes up while
 * the page is open when a visitor writes, and the history by period is there as a chart and a table.
 */
@ParleyIntegrationTest
class UsageConsoleIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("owner")
    DataSource owner;

    Api api;
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
        chat = new ChatFixtures(api);
    }

    @Test
    void theMeterGoesUpLiveWhenAVisitorWritesAndTheHistoryShowsEarlierPeriods() throws Exception {
        ChatTenant shop = chat.tenant("usage-page", Map.of());
        visitorSays(shop, "Hello, is this the shop?");
        Instant periodStart = Instant.parse(api.get("/api/v1/billing/usage",
                shop.tenant().admin().accessToken()).text("periodStart"));
        earlierPeriod(shop, periodStart, 37);

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/billing"), shop.tenant().admin().email(), Fixtures.PASSWORD);
            Locator conversations = page.getByTestId("meter-conversations");
            assertThat(conversations).containsText("1 of 2,000");
            assertThat(conversations).containsText("0 % of the allowance");
            assertThat(page.getByTestId("meter-operators")).containsText("1 of 10");
            assertThat(page.getByRole(AriaRole.METER, new Page.GetByRoleOptions().setName("Conversations")))
                    .hasAttribute("aria-valuenow", "1");
            assertThat(page.getByText("Live", new Page.GetByTextOptions().setExact(true))).isVisible();

            visitorSays(shop, "A second visitor");
            visitorSays(shop, "And a third");

            assertThat(conversations).containsText("3 of 2,000");
            assertThat(page.getByRole(AriaRole.METER, new Page.GetByRoleOptions().setName("Conversations")))
                    .hasAttribute("aria-valuenow", "3");
            Locator chart = page.getByTestId("usage-chart");
            assertThat(chart).hasAttribute("aria-label", java.util.regex.Pattern.compile(": 37; .*: 3$"));
            Locator rows = page.getByRole(AriaRole.TABLE).getByRole(AriaRole.ROW);
            assertThat(rows).hasCount(3);
            assertThat(rows.nth(1)).containsText("3");
            assertThat(rows.nth(2)).containsText("37");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/billing-usage.png"))
                    .setFullPage(true));
            org.assertj.core.api.Assertions.assertThat(tab.errors()).isEmpty();
        }
    }

    @Test
    void aTenantOverItsAllowanceSeesTheMeterInRedWithTheOverageNote() {
        ChatTenant shop = chat.tenant("usage-over", Map.of());
        String root = new Fixtures(api).superAdmin().accessToken();
        String planId = "over-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> plan = new java.util.HashMap<>(Map.of("id", planId, "name", "Starter", "currency", "EUR",
                "monthlyPrice", 900, "yearlyPrice", 9000, "includedOperators", 5, "includedConversations", 4,
                "storageMb", 100, "apiRatePerMinute", 6000, "features", java.util.List.of()));
        org.assertj.core.api.Assertions.assertThat(api.post("/api/v1/platform/plans", root, plan).status())
                .isEqualTo(201);
        api.put("/api/v1/platform/tenants/" + shop.tenant().id() + "/plan", root, Map.of("planId", planId));
        for (int i = 0; i < 3; i++) {
            visitorSays(shop, "Question " + i);
        }

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/billing"), shop.tenant().admin().email(), Fixtures.PASSWORD);
            Locator conversations = page.getByTestId("meter-conversations");
            assertThat(conversations).containsText("3 of 4");
            assertThat(conversations).containsText("75 % of the allowance");
            assertThat(page.getByText("Live", new Page.GetByTextOptions().setExact(true))).isVisible();

            visitorSays(shop, "Fourth");
            assertThat(conversations).containsText("100 % of the allowance");
            assertThat(conversations).hasClass(java.util.regex.Pattern.compile("over"));
            visitorSays(shop, "Fifth");
            assertThat(conversations).containsText("5 of 4");
            assertThat(conversations).containsText("125 % of the allowance");
            assertThat(conversations).containsText("1 over the allowance: billed as overage on the next invoice.");
            assertThat(page.getByText("Thresholds reached")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/billing-usage-over.png"))
                    .setFullPage(true));
        }
    }

    @Test
    void theSuperAdminSeesATenantsUsageOnItsPlatformPage() {
        ChatTenant shop = chat.tenant("usage-platform-page", Map.of());
        visitorSays(shop, "Counted");
        visitorSays(shop, "Counted too");

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/tenants/" + shop.tenant().id()), Fixtures.ROOT_EMAIL,
                    Fixtures.ROOT_PASSWORD);
            assertThat(page.getByTestId("meter-conversations")).containsText("2 of 2,000");
            assertThat(page.getByTestId("meter-operators")).containsText("1 of 10");
            assertThat(page.getByTestId("usage-chart")).isVisible();
            assertThat(page.getByText("Live", new Page.GetByTextOptions().setExact(true))).hasCount(0);
        }
    }

    private void visitorSays(ChatTenant shop, String message) {
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        org.assertj.core.api.Assertions.assertThat(chat.widget("POST", "/api/v1/widget/messages", visitor,
                ChatFixtures.originOf(shop), Map.of("body", message)).status()).isEqualTo(201);
    }

    /** The period before the current one, as the meter left it: written as the tenant, under its row security. */
    private void earlierPeriod(ChatTenant shop, Instant currentStart, long conversations) throws Exception {
        ZonedDateTime end = currentStart.atZone(ZoneOffset.UTC);
        try (Connection connection = owner.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement tenant = connection.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO usage_periods (tenant_id, period_start, period_end, conversations, operators,
                             storage_bytes, measured_at) VALUES (?, ?, ?, ?, 1, 20480, ?)""")) {
                tenant.setString(1, shop.tenant().id().toString());
                tenant.execute();
                insert.setObject(1, shop.tenant().id());
                insert.setTimestamp(2, Timestamp.from(end.minusMonths(1).toInstant()));
                insert.setTimestamp(3, Timestamp.from(currentStart));
                insert.setLong(4, conversations);
                insert.setTimestamp(5, Timestamp.from(currentStart.minusSeconds(3600)));
                insert.executeUpdate();
            }
            connection.commit();
        }
    }
}
