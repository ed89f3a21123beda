package dev.parley.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.TimeMachine;
import dev.parley.tasks.TaskFixtures.Team;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The completion report: per admin operator and for the team, over the tasks created in a period. */
@ParleyIntegrationTest
class TaskReportIT {

    @LocalServerPort
    int port;

    @Autowired
    TimeMachine time;

    @Autowired
    Clock clock;

    Api api;
    Fixtures fixtures;
    TaskFixtures tasks;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        tasks = new TaskFixtures(api);
    }

    @AfterEach
    void backToNow() {
        time.reset();
    }

    @Test
    void theReportCountsAssignedCompletedOnTimeAndOverdueTasksAndTheTimeToComplete() {
        Team team = tasks.team("report");
        tasks.create(team.ana(), "From before the period", team.ana());
        time.advance(Duration.ofDays(1));
        Session ana = login(team, team.ana());
        Session ben = login(team, team.ben());
        Instant start = clock.instant();
        String onTime = create(ana, "On time", start.plus(Duration.ofDays(2)), ana);
        String late = create(ana, "Late", start.plus(Duration.ofMinutes(30)), ana);
        create(ana, "Overdue", start.plus(Duration.ofMinutes(10)), ana);
        String cancelled = create(ana, "Cancelled", null, ana);
        String undated = create(ana, "No due date", null, ben);
        create(ana, "Due tomorrow", start.plus(Duration.ofDays(1)), ben);
        tasks.patch(ana, cancelled, Map.of("status", "CANCELLED"));

        time.advance(Duration.ofHours(1));
        ana = login(team, team.ana());
        ben = login(team, team.ben());
        tasks.patch(ana, onTime, Map.of("status", "COMPLETED"));
        tasks.patch(ana, late, Map.of("status", "COMPLETED"));
        tasks.patch(ben, undated, Map.of("status", "COMPLETED"));
        Instant end = clock.instant().plusSeconds(1);

        Response response = api.get("/api/v1/tasks/report?from=" + start + "&to=" + end, ben.accessToken());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode report = response.body();
        assertThat(report.path("operators")).as("Ana, Ben, and the admin with nothing").hasSize(3);
        JsonNode anas = report.path("operators").get(0);
        assertThat(anas.path("operator").path("id").asString()).isEqualTo(team.ana().userId().toString());
        assertFigures(anas, 4, 2, 1, 1, 1, 1);
        assertThat(anas.path("completionRate").asDouble()).isEqualTo(0.667);
        assertThat(anas.path("onTimeRate").asDouble()).isEqualTo(0.5);
        assertThat(anas.path("averageCompletionSeconds").asLong()).isBetween(3600L, 3620L);
        JsonNode bens = report.path("operators").get(1);
        assertThat(bens.path("operator").path("id").asString()).isEqualTo(team.ben().userId().toString());
        assertFigures(bens, 2, 1, 1, 0, 1, 0);
        assertThat(bens.path("completionRate").asDouble()).isEqualTo(0.5);
        assertThat(bens.path("onTimeRate").asDouble()).isEqualTo(1.0);
        JsonNode admins = report.path("operators").get(2);
        assertThat(admins.path("operator").path("id").asString()).isEqualTo(team.admin().userId().toString());
        assertFigures(admins, 0, 0, 0, 0, 0, 0);
        assertThat(admins.path("completionRate").isNull()).as("no rate without tasks").isTrue();
        assertThat(admins.path("averageCompletionSeconds").isNull()).isTrue();
        JsonNode totals = report.path("totals");
        assertFigures(totals, 6, 3, 2, 1, 2, 1);
        assertThat(totals.path("operator").isNull()).isTrue();
        assertThat(totals.path("completionRate").asDouble()).as("cancelled tasks do not count").isEqualTo(0.6);
        assertThat(totals.path("onTimeRate").asDouble()).isEqualTo(0.667);
        assertThat(totals.path("averageCompletionSeconds").asLong()).isBetween(3600L, 3620L);

        JsonNode lastMonth = api.get("/api/v1/tasks/report", ben.accessToken()).body();
        assertThat(lastMonth.path("totals").path("assigned").asInt()).as("the default: the last 30 days")
                .isEqualTo(7);
        Response backwards = api.get("/api/v1/tasks/report?from=" + end + "&to=" + start, ben.accessToken());
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().path("errors").get(0).path("field").asString()).isEqualTo("to");
    }

    private static void assertFigures(JsonNode line, int assigned, int completed, int onTime, int overdue, int open,
                                      int cancelled) {
        assertThat(line.path("assigned").asInt()).as("assigned").isEqualTo(assigned);
        assertThat(line.path("completed").asInt()).as("completed").isEqualTo(completed);
        assertThat(line.path("completedOnTime").asInt()).as("completed on time").isEqualTo(onTime);
        assertThat(line.path("overdue").asInt()).as("overdue").isEqualTo(overdue);
        assertThat(line.path("open").asInt()).as("open").isEqualTo(open);
        assertThat(line.path("cancelled").asInt()).as("cancelled").isEqualTo(cancelled);
    }

    private String create(Session by, String title, Instant due, Session assignee) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "assigneeId", assignee.userId().toString()));
        if (due != null) {
            body.put("dueAt", due.toString());
        }
        return tasks.create(by, body).path("id").asString();
    }

    /** Access tokens last 15 minutes of the application's clock: after moving it, people sign in again. */
    private Session login(Team team, Session who) {
        return fixtures.login(who.email(), Fixtures.PASSWORD, team.tenantId());
    }
}
