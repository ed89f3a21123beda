package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.parley.shared.Ids;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform's revenue report, figure by figure, from a ledger written for the test: six tenants over four months
 * in the ISO test currency XTS (which nothing else in the test suite writes), so the expected values are exact.
 */
@ParleyIntegrationTest
class RevenueReportIT {

    @LocalServerPort
    int port;

    @Autowired
    PlatformTransactions platform;

    @Autowired
    JdbcClient db;

    Api api;
    Fixtures fixtures;
    String root;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        root = fixtures.superAdmin().accessToken();
    }

    @Test
    void everyFigureOfEachMonthFollowsFromTheLedger() {
        UUID a = fixtures.tenant("rev-a").id();
        UUID b = fixtures.tenant("rev-b").id();
        UUID c = fixtures.tenant("rev-c").id();
        UUID d = fixtures.tenant("rev-d").id();
        UUID e = fixtures.tenant("rev-e").id();
        UUID f = fixtures.tenant("rev-f").id();
        // Before the report: A and B pay.
        move(a, "2020-12-10T09:00:00Z", "NEW", "basic", 0, 1000);
        move(b, "2020-12-20T09:00:00Z", "NEW", "basic", 0, 500);
        // January: C's trial converts, D's expires, B churns.
        move(c, "2021-01-05T10:00:00Z", "TRIAL_STARTED", "professional", 0, 0);
        move(d, "2021-01-10T10:00:00Z", "TRIAL_STARTED", "basic", 0, 0);
        move(c, "2021-01-19T10:00:00Z", "NEW", "professional", 0, 3000);
        move(b, "2021-01-20T10:00:00Z", "CHURN", "basic", 500, 0);
        move(d, "2021-01-24T10:00:00Z", "TRIAL_EXPIRED", "basic", 0, 0);
        // February: E starts paid at the very first instant of the month, F starts a trial, A upgrades.
        move(e, "2021-02-01T00:00:00Z", "NEW", "enterprise", 0, 10000);
        move(f, "2021-02-10T10:00:00Z", "TRIAL_STARTED", "basic", 0, 0);
        move(a, "2021-02-15T10:00:00Z", "EXPANSION", "professional", 1000, 3000);
        // March: B comes back, C downgrades in the month's last second.
        move(b, "2021-03-05T10:00:00Z", "REACTIVATION", "basic", 0, 500);
        move(c, "2021-03-31T23:59:59Z", "CONTRACTION", "basic", 3000, 1000);
        // April: E leaves at the very first instant of the month.
        move(e, "2021-04-01T00:00:00Z", "CHURN", "enterprise", 10000, 0);

        Response report = api.get("/api/v1/platform/revenue?from=2021-01&to=2021-04&currency=XTS", root);

        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        JsonNode body = report.body();
        assertThat(body.path("currency").asText()).isEqualTo("XTS");
        assertThat(body.path("from").asText()).isEqualTo("2021-01");
        assertThat(body.path("to").asText()).isEqualTo("2021-04");
        assertThat(texts(body.path("currencies"))).contains("XTS", "EUR");
        JsonNode months = body.path("months");
        assertThat(months).hasSize(4);

        JsonNode jan = months.get(0);
        assertThat(jan.path("month").asText()).isEqualTo("2021-01");
        assertMoney(jan, 1500, 4000, 3000, 0, 0, 500, 0, 2500);
        assertThat(jan.path("arr").asLong()).isEqualTo(48000);
        assertCustomers(jan, 2, 2, 1);
        assertRates(jan, "0.5000", "0.3333", "0.6667");
        assertThat(jan.path("arpa").asLong()).isEqualTo(2000);
        assertTrials(jan, 2, 1, 1, "0.5000");
        assertThat(plans(jan)).containsExactly("professional:Professional:3000:1", "basic:Basic:1000:1");

        JsonNode feb = months.get(1);
        assertThat(feb.path("month").asText()).isEqualTo("2021-02");
        assertMoney(feb, 4000, 16000, 10000, 2000, 0, 0, 0, 12000);
        assertThat(feb.path("arr").asLong()).isEqualTo(192000);
        assertCustomers(feb, 2, 3, 0);
        assertRates(feb, "0.0000", "0.0000", "1.5000");
        assertThat(feb.path("arpa").asLong()).as("16000 / 3, rounded").isEqualTo(5333);
        assertTrials(feb, 1, 0, 0, null);
        assertThat(plans(feb)).containsExactly("enterprise:Enterprise:10000:1", "professional:Professional:6000:2");

        JsonNode mar = months.get(2);
        assertMoney(mar, 16000, 14500, 0, 0, 2000, 0, 500, -1500);
        assertCustomers(mar, 3, 4, 0);
        assertRates(mar, "0.0000", "0.1250", "0.8750");
        assertThat(mar.path("arpa").asLong()).isEqualTo(3625);
        assertTrials(mar, 0, 0, 0, null);
        assertThat(plans(mar)).containsExactly("enterprise:Enterprise:10000:1", "professional:Professional:3000:1",
                "basic:Basic:1500:2");

        JsonNode apr = months.get(3);
        assertMoney(apr, 14500, 4500, 0, 0, 0, 10000, 0, -10000);
        assertThat(apr.path("arr").asLong()).isEqualTo(54000);
        assertCustomers(apr, 4, 3, 1);
        assertRates(apr, "0.2500", "0.6897", "0.3103");
        assertThat(apr.path("arpa").asLong()).isEqualTo(1500);
        assertThat(plans(apr)).containsExactly("professional:Professional:3000:1", "basic:Basic:1500:2");
    }

    @Test
    void monthsWithoutRevenueAnswerZerosAndNoRates() {
        Response report = api.get("/api/v1/platform/revenue?from=2003-01&to=2003-02&currency=XTS", root);

        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        JsonNode jan = report.body().path("months").get(0);
        assertMoney(jan, 0, 0, 0, 0, 0, 0, 0, 0);
        assertCustomers(jan, 0, 0, 0);
        assertThat(jan.path("logoChurnRate").isNull()).isTrue();
        assertThat(jan.path("netRevenueRetention").isNull()).isTrue();
        assertThat(jan.path("arpa").isNull()).isTrue();
        assertThat(jan.path("byPlan")).isEmpty();
    }

    @Test
    void badMonthsACurrencyThatIsNoCodeAndRangesOverThreeYearsAnswer400NamingTheField() {
        assertInvalid("/api/v1/platform/revenue?from=2021-13&to=2021-04", "from");
        assertInvalid("/api/v1/platform/revenue?from=2021-01&to=April", "to");
        assertInvalid("/api/v1/platform/revenue?from=2021-01&to=2021-04&currency=eur", "currency");
        assertInvalid("/api/v1/platform/revenue?from=2021-05&to=2021-04", "to");
        assertInvalid("/api/v1/platform/revenue?from=2020-01&to=2023-01", "to");
        Response threeYears = api.get("/api/v1/platform/revenue?from=2020-01&to=2022-12&currency=XTS", root);
        assertThat(threeYears.status()).as(threeYears.toString()).isEqualTo(200);
        assertThat(threeYears.body().path("months")).hasSize(36);
    }

    @Test
    void onlySuperAdminsReadTheRevenue() {
        String tenantAdmin = fixtures.tenant("rev-nosy").admin().accessToken();

        Response refused = api.get("/api/v1/platform/revenue?from=2021-01&to=2021-04", tenantAdmin);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(api.get("/api/v1/platform/revenue", null).status()).isEqualTo(401);
    }

    private void assertInvalid(String path, String field) {
        Response response = api.get(path, root);
        assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    private void move(UUID tenant, String at, String kind, String plan, long before, long after) {
        platform.run(() -> db.sql("""
                        INSERT INTO mrr_movements (tenant_id, id, at, kind, plan_id, billing_interval, currency,
                            mrr_before, mrr_after)
                        VALUES (:tenant, :id, :at, :kind, :plan, 'MONTHLY', 'XTS', :before, :after)
                        """)
                .param("tenant", tenant).param("id", Ids.newId()).param("at", Timestamp.from(Instant.parse(at)))
                .param("kind", kind).param("plan", plan).param("before", before).param("after", after).update());
    }

    private static void assertMoney(JsonNode m, long atStart, long mrr, long added, long expansion, long contraction,
                                    long churned, long reactivation, long netNew) {
        assertThat(m.path("mrrAtStart").asLong()).as("MRR at start of " + m.path("month")).isEqualTo(atStart);
        assertThat(m.path("mrr").asLong()).as("MRR of " + m.path("month")).isEqualTo(mrr);
        assertThat(m.path("newMrr").asLong()).as("new").isEqualTo(added);
        assertThat(m.path("expansionMrr").asLong()).as("expansion").isEqualTo(expansion);
        assertThat(m.path("contractionMrr").asLong()).as("contraction").isEqualTo(contraction);
        assertThat(m.path("churnedMrr").asLong()).as("churned").isEqualTo(churned);
        assertThat(m.path("reactivationMrr").asLong()).as("reactivation").isEqualTo(reactivation);
        assertThat(m.path("netNewMrr").asLong()).as("net new").isEqualTo(netNew);
    }

    private static void assertCustomers(JsonNode m, long atStart, long atEnd, long churned) {
        assertThat(m.path("customersAtStart").asLong()).as("customers at start").isEqualTo(atStart);
        assertThat(m.path("customers").asLong()).as("customers").isEqualTo(atEnd);
        assertThat(m.path("churnedCustomers").asLong()).as("churned customers").isEqualTo(churned);
    }

    private static void assertRates(JsonNode m, String logoChurn, String revenueChurn, String retention) {
        assertThat(m.path("logoChurnRate").decimalValue()).as("logo churn").isEqualByComparingTo(logoChurn);
        assertThat(m.path("revenueChurnRate").decimalValue()).as("revenue churn").isEqualByComparingTo(revenueChurn);
        assertThat(m.path("netRevenueRetention").decimalValue()).as("NRR").isEqualByComparingTo(retention);
    }

    private static void assertTrials(JsonNode m, long started, long converted, long expired, String rate) {
        assertThat(m.path("trialsStarted").asLong()).as("trials started").isEqualTo(started);
        assertThat(m.path("trialsConverted").asLong()).as("trials converted").isEqualTo(converted);
        assertThat(m.path("trialsExpired").asLong()).as("trials expired").isEqualTo(expired);
        if (rate == null) {
            assertThat(m.path("trialConversionRate").isNull()).as("no decided trial, no rate").isTrue();
        } else {
            assertThat(m.path("trialConversionRate").decimalValue()).isEqualByComparingTo(rate);
        }
    }

    private static List<String> plans(JsonNode m) {
        List<String> plans = new ArrayList<>();
        m.path("byPlan").forEach(p -> plans.add(p.path("planId").asText() + ":" + p.path("planName").asText() + ":"
                + p.path("mrr").asLong() + ":" + p.path("customers").asLong()));
        return plans;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
