package dev.parley.followups;

import static dev.parley.followups.FollowUpFixtures.inHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.TimeMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The follow-up outcome report: counts and rates by type, channel and operator, and what led to a resolution. */
@ParleyIntegrationTest
class FollowUpReportIT {

    @LocalServerPort
    int port;

    @Autowired
    TimeMachine time;

    Api api;
    Fixtures fixtures;
    FollowUpFixtures followUps;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        followUps = new FollowUpFixtures(api);
    }

    @AfterEach
    void backToNow() {
        time.reset();
    }

    @Test
    void theReportCountsOutcomesAndRatesByTypeChannelAndOperatorAndWhatLedToAResolution() {
        ChatTenant shop = followUps.tenant("report");
        Session ann = shop.tenant().admin();
        Session bob = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        String token = ann.accessToken();
        UUID resolvedLater = followUps.conversation(shop, "Res Later", "later@example.com", "+1 555 100 0001");
        UUID stillOpen = followUps.conversation(shop, "Still Open", "open@example.com", "+1 555 100 0002");
        UUID resolvedBefore = followUps.conversation(shop, "Res Before", "before@example.com", "+1 555 100 0003");
        Map<String, Object> toAnn = Map.of("assigneeId", ann.userId().toString());
        Map<String, Object> toBob = Map.of("assigneeId", bob.userId().toString());
        Instant from = Instant.now().minus(Duration.ofHours(1));
        Instant to = inHours(200);

        UUID reached = followUps.scheduled(token, resolvedLater, "CALL", inHours(5), toAnn);
        UUID resolvedByOutcome = followUps.scheduled(token, stillOpen, "EMAIL", inHours(5), toBob);
        UUID noAnswer = followUps.scheduled(token, resolvedBefore, "CALL", inHours(5), toAnn);
        UUID cancelled = followUps.scheduled(token, stillOpen, "SMS", inHours(5), toBob);
        UUID missed = followUps.scheduled(token, stillOpen, "CALL", inHours(2), toAnn);
        followUps.scheduled(token, stillOpen, "MEETING", inHours(150), Map.of("assigneeId", ann.userId().toString(),
                "channel", "IN_PERSON"));
        followUps.scheduled(token, stillOpen, "CALL", inHours(300), toAnn); // after the range
        ChatTenant other = followUps.tenant("report-other");
        followUps.scheduled(other.tenant().admin().accessToken(),
                followUps.conversation(other, "Else Where", "else@example.com", null), "EMAIL", inHours(5), Map.of());

        complete(token, reached, "REACHED");
        assertThat(api.post("/api/v1/conversations/" + resolvedLater + "/resolve", token, null).status()).isEqualTo(200);
        complete(token, resolvedByOutcome, "RESOLVED");
        assertThat(api.post("/api/v1/conversations/" + resolvedBefore + "/resolve", token, null).status()).isEqualTo(200);
        complete(token, noAnswer, "NO_ANSWER");
        api.post("/api/v1/followups/" + cancelled + "/cancel", token, Map.of());
        time.advance(Duration.ofHours(4).plusMinutes(1));
        String signedIn = fixtures.login(ann.email(), Fixtures.PASSWORD, shop.tenant().id()).accessToken();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/v1/followups/" + missed, signedIn).text("status").equals("MISSED"));

        Response answer = api.get("/api/v1/followups/report?from=" + from + "&to=" + to, signedIn);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode report = answer.body();
        assertFigures(report.path("overall"), 6, 1, 3, 1, 1, 0.6, 0.2, 0.2, 2, 0.6667);
        JsonNode byType = report.path("byType");
        assertFigures(row(byType, "CALL"), 3, 0, 2, 1, 0, 0.6667, 0.3333, 0.0, 1, 0.5);
        assertFigures(row(byType, "EMAIL"), 1, 0, 1, 0, 0, 1.0, 0.0, 0.0, 1, 1.0);
        assertFigures(row(byType, "SMS"), 1, 0, 0, 0, 1, 0.0, 0.0, 1.0, 0, null);
        assertFigures(row(byType, "MEETING"), 1, 1, 0, 0, 0, null, null, null, 0, null);
        JsonNode byChannel = report.path("byChannel");
        assertThat(row(byChannel, "PHONE").path("total").asInt()).isEqualTo(3);
        assertThat(row(byChannel, "IN_PERSON").path("scheduled").asInt()).isEqualTo(1);
        JsonNode annRow = row(report.path("byOperator"), ann.userId().toString());
        assertThat(annRow.path("label").asString()).isEqualTo("Admin of " + shop.tenant().slug());
        assertFigures(annRow, 4, 1, 2, 1, 0, 0.6667, 0.3333, 0.0, 1, 0.5);
        assertFigures(row(report.path("byOperator"), bob.userId().toString()), 2, 0, 1, 0, 1, 0.5, 0.0, 0.5, 1, 1.0);

        JsonNode defaults = api.get("/api/v1/followups/report", signedIn).body();
        assertThat(Duration.between(Instant.parse(defaults.path("from").asString()),
                Instant.parse(defaults.path("to").asString()))).as("the last 30 days").isEqualTo(Duration.ofDays(30));
        assertThat(api.get("/api/v1/followups/report?from=" + to + "&to=" + from, signedIn).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/followups/report?from=2020-01-01T00:00:00Z&to=2024-01-01T00:00:00Z", signedIn)
                .status()).as("at most a year").isEqualTo(400);
    }

    private void complete(String token, UUID id, String code) {
        Response completed = api.post("/api/v1/followups/" + id + "/complete", token, Map.of("outcomeCode", code));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
    }

    private static JsonNode row(JsonNode rows, String key) {
        for (JsonNode row : rows) {
            if (row.path("key").asString().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + rows);
    }

    private static void assertFigures(JsonNode row, int total, int scheduled, int completed, int missed, int cancelled,
                                      Double completedRate, Double missedRate, Double cancelledRate,
                                      int ledToResolution, Double resolutionRate) {
        assertThat(row.path("total").asInt()).as("total of %s", row).isEqualTo(total);
        assertThat(row.path("scheduled").asInt()).as("scheduled of %s", row).isEqualTo(scheduled);
        assertThat(row.path("completed").asInt()).as("completed of %s", row).isEqualTo(completed);
        assertThat(row.path("missed").asInt()).as("missed of %s", row).isEqualTo(missed);
        assertThat(row.path("cancelled").asInt()).as("cancelled of %s", row).isEqualTo(cancelled);
        assertThat(rate(row, "completedRate")).as("completedRate of %s", row).isEqualTo(completedRate);
        assertThat(rate(row, "missedRate")).as("missedRate of %s", row).isEqualTo(missedRate);
        assertThat(rate(row, "cancelledRate")).as("cancelledRate of %s", row).isEqualTo(cancelledRate);
        assertThat(row.path("ledToResolution").asInt()).as("ledToResolution of %s", row).isEqualTo(ledToResolution);
        assertThat(rate(row, "resolutionRate")).as("resolutionRate of %s", row).isEqualTo(resolutionRate);
    }

    private static Double rate(JsonNode row, String field) {
        return row.path(field).isNull() ? null : row.path(field).asDouble();
    }
}
