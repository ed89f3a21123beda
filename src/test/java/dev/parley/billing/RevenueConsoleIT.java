package dev.parley.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.shared.Ids;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
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

/**
 * The platform owner opens Revenue, picks months and a currency, and reads the MRR, the charts and the plans. The
 * ledger is written for the test in CHF in 2019 (nothing else writes those), and ends there, so the figures are exact
 * and no other report sees these tenants.
 */
@ParleyIntegrationTest
class RevenueConsoleIT {

    static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

    static Browsers browsers;

    @LocalServerPort
    int port;

    @Autowired
    PlatformTransactions platform;

    @Autowired
    JdbcClient db;

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
    void theSuperAdminReadsMrrChartsAndPlansForTheMonthsAndCurrencyTheyPick() {
        UUID small = fixtures.tenant("rev-ui-small").id();
        UUID big = fixtures.tenant("rev-ui-big").id();
        move(small, "2019-01-10T10:00:00Z", "NEW", "basic", 0, 4900);
        move(big, "2019-02-03T10:00:00Z", "NEW", "professional", 0, 9900);
        move(big, "2019-03-12T10:00:00Z", "EXPANSION", "enterprise", 9900, 49900);
        move(small, "2019-06-01T10:00:00Z", "CHURN", "basic", 4900, 0);
        move(big, "2019-06-01T10:00:00Z", "CHURN", "enterprise", 49900, 0);

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/revenue"), Fixtures.ROOT_EMAIL, Fixtures.ROOT_PASSWORD);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Revenue"))).isVisible();
            assertThat(page.getByTestId("mrr-chart")).isVisible();

            page.getByLabel("From", EXACT).fill("2019-01");
            page.getByLabel("To", EXACT).fill("2019-03");
            page.getByLabel("Currency", EXACT).selectOption("CHF");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();

            assertThat(page.getByTestId("mrr")).hasText(java.util.regex.Pattern.compile("CHF\\s?548"));
            assertThat(page.getByTestId("arr")).hasText(java.util.regex.Pattern.compile("CHF\\s?6.?576"));
            assertThat(page.getByTestId("customers")).hasText("2");
            assertThat(page.getByTestId("arpa")).hasText(java.util.regex.Pattern.compile("CHF\\s?274"));
            assertThat(page.locator("[data-testid=mrr-chart] rect.bar")).hasCount(3);
            assertThat(page.getByTestId("mrr-chart")).hasAttribute("aria-label",
                    java.util.regex.Pattern.compile("MRR by month: Jan.*CHF\\s?49, Feb.*CHF\\s?148, Mar.*CHF\\s?548"));
            assertThat(page.locator("[data-testid=movements-chart] rect.expansion")).hasCount(1);
            assertThat(page.locator("[data-testid=movements-chart] rect.new")).hasCount(2);
            assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("MRR by plan")))
                    .containsText("Enterprise");
            assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("MRR by plan")))
                    .containsText("91.1 %");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/platform-revenue.png"))
                    .setFullPage(true));

            page.getByLabel("From", EXACT).fill("2016-01");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
            assertThat(page.locator("#to-error")).containsText("at most 36 months");
        }
    }

    private void move(UUID tenant, String at, String kind, String plan, long before, long after) {
        platform.run(() -> db.sql("""
                        INSERT INTO mrr_movements (tenant_id, id, at, kind, plan_id, billing_interval, currency,
                            mrr_before, mrr_after)
                        VALUES (:tenant, :id, :at, :kind, :plan, 'MONTHLY', 'CHF', :before, :after)
                        """)
                .param("tenant", tenant).param("id", Ids.newId()).param("at", Timestamp.from(Instant.parse(at)))
                .param("kind", kind).param("plan", plan).param("before", before).param("after", after).update());
    }
}
