package dev.parley.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.billing.Plans;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tenant's analytics in March 2025 of its calendar (Tokyo, UTC+9): the overview, the operators and the CSV, each
 * behind its plan feature, and never another tenant's conversations.
 */
@ParleyIntegrationTest
class AnalyticsIT {

    static final String MARCH = "from=2025-03-01&to=2025-03-31";

    @LocalServerPort
    int port;

    @Autowired
    PlatformTransactions platform;

    @Autowired
    JdbcClient db;

    @Autowired
    Plans plans;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;
    AnalyticsTraffic traffic;

    ChatTenant shop;
    String admin;
    String adminName;
    Session operator;
    UUID first;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        chat = new ChatFixtures(api);
        traffic = new AnalyticsTraffic(api, platform, db);
    }

    /**
     * Five conversations in March in Tokyo (one of them on March 1st in Tokyo but February 28th in UTC), one just
     * after March in Tokyo: the admin answers two (60 s and 300 s, resolves one after 600 s), the operator one (120 s,
     * two messages, resolved after 1,200 s), an offline message and an unanswered chat.
     */
    private void march() {
        shop = chat.tenant("analytics", Map.of("timezone", "Asia/Tokyo"));
        admin = shop.tenant().admin().accessToken();
        adminName = "Admin of " + shop.tenant().slug();
        operator = fixtures.member(shop.tenant(), "OPERATOR");
        Instant t1 = Instant.parse("2025-03-10T01:00:00Z");
        first = traffic.start(shop, "where is my parcel?", t1);
        traffic.reply(shop, admin, first, t1.plusSeconds(60), "Let me look.");
        traffic.resolve(shop, admin, first, t1.plusSeconds(600));
        Instant t2 = Instant.parse("2025-03-12T05:00:00Z");
        UUID second = traffic.start(shop, "do you ship to Osaka?", t2);
        traffic.reply(shop, operator.accessToken(), second, t2.plusSeconds(120), "Yes.", "In two days.");
        traffic.resolve(shop, operator.accessToken(), second, t2.plusSeconds(1200));
        Instant t3 = Instant.parse("2025-03-15T00:00:00Z");
        UUID third = traffic.start(shop, "can I pay by invoice?", t3);
        traffic.reply(shop, admin, third, t3.plusSeconds(300), "Yes, from the second order.");
        traffic.note(admin, third, "ask finance");
        traffic.offline(shop, "call me back", Instant.parse("2025-03-20T00:00:00Z"));
        traffic.start(shop, "hello? (March 1st, 01:00 in Tokyo)", Instant.parse("2025-02-28T16:00:00Z"));
        traffic.start(shop, "hello? (April 1st, 01:00 in Tokyo)", Instant.parse("2025-03-31T16:00:00Z"));
    }

    @Test
    void theOverviewCountsTheMonthInTheTenantsTimeZone() {
        march();
        plans.assign(TenantId.of(shop.tenant().id()), "basic");

        Response overview = api.get("/api/v1/analytics/overview?" + MARCH, admin);

        assertThat(overview.status()).as(overview.toString()).isEqualTo(200);
        JsonNode o = overview.body();
        assertThat(o.path("timeZone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(o.path("from").asText()).isEqualTo("2025-03-01");
        assertThat(o.path("to").asText()).isEqualTo("2025-03-31");
        assertThat(o.path("conversations").asLong()).isEqualTo(5);
        assertThat(o.path("messages").asLong()).as("visitors' and public replies, not notes").isEqualTo(9);
        assertThat(o.path("firstResponses").asLong()).isEqualTo(3);
        assertThat(o.path("medianFirstResponseSeconds").asLong()).as("median of 60, 120, 300").isEqualTo(120);
        assertThat(o.path("resolved").asLong()).isEqualTo(2);
    }

    @Test
    void operatorsNeedProfessionalAndShowEachOperatorsFigures() {
        march();
        UUID tenant = shop.tenant().id();
        plans.assign(TenantId.of(tenant), "basic");

        Response refused = api.get("/api/v1/analytics/operators?" + MARCH, admin);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("PLAN_UPGRADE_REQUIRED");
        assertThat(refused.text("feature")).isEqualTo("analytics.professional");
        assertThat(refused.text("plan")).isEqualTo("basic");
        Response noExport = api.get("/api/v1/analytics/export.csv?" + MARCH, admin);
        assertThat(noExport.status()).as(noExport.toString()).isEqualTo(402);
        assertThat(noExport.text("feature")).isEqualTo("analytics.advanced");

        plans.assign(TenantId.of(tenant), "professional");
        Response operators = api.get("/api/v1/analytics/operators?" + MARCH, admin);

        assertThat(operators.status()).as(operators.toString()).isEqualTo(200);
        JsonNode list = operators.body().path("operators");
        assertThat(list).hasSize(2);
        JsonNode a = list.get(0);
        assertThat(a.path("name").asText()).isEqualTo(adminName);
        assertThat(a.path("conversations").asLong()).isEqualTo(2);
        assertThat(a.path("medianFirstResponseSeconds").asLong()).as("median of 60 and 300").isEqualTo(180);
        assertThat(a.path("medianResolutionSeconds").asLong()).isEqualTo(600);
        assertThat(a.path("messagesSent").asLong()).as("private notes are not sent").isEqualTo(2);
        JsonNode o = list.get(1);
        assertThat(o.path("userId").asText()).isEqualTo(operator.userId().toString());
        assertThat(o.path("conversations").asLong()).isEqualTo(1);
        assertThat(o.path("medianFirstResponseSeconds").asLong()).isEqualTo(120);
        assertThat(o.path("medianResolutionSeconds").asLong()).isEqualTo(1200);
        assertThat(o.path("messagesSent").asLong()).isEqualTo(2);
    }

    @Test
    void theCsvExportNeedsEnterpriseAndHasOneRowPerConversation() {
        march();
        UUID tenant = shop.tenant().id();
        plans.assign(TenantId.of(tenant), "professional");

        Response refused = api.get("/api/v1/analytics/export.csv?" + MARCH, admin);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(402);
        assertThat(refused.text("feature")).isEqualTo("analytics.advanced");
        assertThat(refused.text("plan")).isEqualTo("professional");

        plans.assign(TenantId.of(tenant), "enterprise");
        Response csv = api.get("/api/v1/analytics/export.csv?" + MARCH, admin);

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"conversations-2025-03-01-to-2025-03-31.csv\"");
        List<String> lines = csv.raw().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("number,conversation_id,started_at_utc,started_local,channel,status,operator,"
                + "first_response_seconds,resolved_at_utc,resolution_seconds,visitor_messages,operator_messages");
        assertThat(lines.get(1)).as("March 1st in Tokyo comes first").contains(",2025-02-28T16:00:00Z,2025-03-01 01:00:00,");
        assertThat(lines.get(2)).endsWith("," + first + ",2025-03-10T01:00:00Z,2025-03-10 10:00:00,WEB,RESOLVED,"
                + adminName + ",60,2025-03-10T01:10:00Z,600,1,1");
        assertThat(lines.get(4)).as("the note is not counted").contains(",ASSIGNED," + adminName + ",300,,,1,1");
        assertThat(lines.get(5)).contains(",2025-03-20T00:00:00Z,2025-03-20 09:00:00,");
        assertThat(csv.raw()).doesNotContain("April 1st");
    }

    @Test
    void anotherTenantsConversationsAreNeverCounted() {
        march();
        ChatTenant other = chat.tenant("analytics-other", Map.of("timezone", "Asia/Tokyo"));
        String otherAdmin = other.tenant().admin().accessToken();
        UUID theirs = traffic.start(other, "other shop", Instant.parse("2025-03-11T00:00:00Z"));
        traffic.reply(other, otherAdmin, theirs, Instant.parse("2025-03-11T00:00:05Z"), "hi");
        plans.assign(TenantId.of(shop.tenant().id()), "enterprise");
        plans.assign(TenantId.of(other.tenant().id()), "enterprise");

        JsonNode ours = api.get("/api/v1/analytics/overview?" + MARCH, admin).body();
        JsonNode theirsOverview = api.get("/api/v1/analytics/overview?" + MARCH, otherAdmin).body();
        JsonNode theirOperators = api.get("/api/v1/analytics/operators?" + MARCH, otherAdmin).body();
        String theirCsv = api.get("/api/v1/analytics/export.csv?" + MARCH, otherAdmin).raw();

        assertThat(ours.path("conversations").asLong()).isEqualTo(5);
        assertThat(theirsOverview.path("conversations").asLong()).isEqualTo(1);
        assertThat(theirsOverview.path("medianFirstResponseSeconds").asLong()).isEqualTo(5);
        assertThat(theirOperators.path("operators")).hasSize(1);
        assertThat(theirOperators.path("operators").get(0).path("name").asText())
                .isEqualTo("Admin of " + other.tenant().slug());
        assertThat(theirCsv.lines().count()).isEqualTo(2);
        assertThat(theirCsv).doesNotContain(first.toString());
    }

    @Test
    void badDatesAndLongPeriodsAnswer400AndOnlyTenantAdminsSeeAnalytics() {
        Fixtures.TenantSetup tenant = fixtures.tenant("analytics-input");
        Session admin = tenant.admin();
        Session member = fixtures.member(tenant, "ADMIN_OPERATOR");

        assertInvalid("/api/v1/analytics/overview?from=2025-02-30&to=2025-03-31", admin.accessToken(), "from");
        assertInvalid("/api/v1/analytics/overview?from=2025-03-01&to=31.03.2025", admin.accessToken(), "to");
        assertInvalid("/api/v1/analytics/overview?from=2025-03-31&to=2025-03-01", admin.accessToken(), "to");
        assertInvalid("/api/v1/analytics/overview?from=2024-01-01&to=2025-03-01", admin.accessToken(), "to");
        assertThat(api.get("/api/v1/analytics/overview", admin.accessToken()).status())
                .as("the last 30 days by default").isEqualTo(200);
        assertThat(api.get("/api/v1/analytics/overview?" + MARCH, member.accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/analytics/export.csv?" + MARCH, member.accessToken()).status()).isEqualTo(403);
    }

    private void assertInvalid(String path, String token, String field) {
        Response response = api.get(path, token);
        assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }
}
