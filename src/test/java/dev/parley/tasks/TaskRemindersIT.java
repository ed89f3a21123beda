package dev.parley.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import dev.parley.support.Api;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.TimeMachine;
import dev.parley.tasks.NotificationRecorder.Recorded;
import dev.parley.tasks.TaskFixtures.Team;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Reminders of a task's due time (24 hours and 1 hour before by default) and the overdue notice are durable jobs:
 * each goes to the assignee once, none for finished work, and they follow the due time when it changes.
 */
@ParleyIntegrationTest
class TaskRemindersIT {

    @LocalServerPort
    int port;

    @Autowired
    TimeMachine time;

    @Autowired
    Clock clock;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    @Qualifier("owner")
    DataSource owner;

    Api api;
    Fixtures fixtures;
    TaskFixtures tasks;
    NotificationRecorder notifications;
    JdbcClient asOwner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        tasks = new TaskFixtures(api);
        notifications = new NotificationRecorder(context);
        asOwner = JdbcClient.create(owner);
    }

    @AfterEach
    void backToNow() {
        notifications.close();
        time.reset();
    }

    @Test
    void theAssigneeIsRemindedADayAndAnHourBeforeTheDueTimeAndToldWhenItIsOverdueEachOnce() {
        Team team = tasks.team("remind");
        Instant due = now().plus(Duration.ofHours(30));
        String id = create(team.ana(), "Send the replacement parcel", due, team.ben());

        assertThat(scheduled(team, id)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "OVERDUE", due, "PT1H", due.minus(Duration.ofHours(1)), "PT24H", due.minus(Duration.ofHours(24)))));

        time.advance(Duration.ofHours(6).plusMinutes(1));
        Recorded dayBefore = awaitOne(team, id, "task.reminder");
        assertThat(dayBefore.notification().recipient().value()).isEqualTo(team.ben().userId());
        assertThat(dayBefore.notification().title()).isEqualTo("Due in 24 hours: Send the replacement parcel");
        assertThat(dayBefore.notification().body()).contains("is due ").contains("(UTC) and is still open");
        assertThat(dayBefore.notification().email()).isTrue();
        assertThat(dayBefore.inTransaction()).isTrue();

        time.advance(Duration.ofHours(23));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(team, id, "task.reminder").size() == 2);
        assertThat(sent(team, id, "task.reminder").get(1).notification().title())
                .isEqualTo("Due in 1 hour: Send the replacement parcel");

        time.advance(Duration.ofHours(1));
        Recorded overdue = awaitOne(team, id, "task.overdue");
        assertThat(overdue.notification().title()).isEqualTo("Overdue: Send the replacement parcel");
        assertThat(overdue.notification().recipient().value()).isEqualTo(team.ben().userId());
        assertThat(overdue.notification().link()).isEqualTo("#/tasks/" + id);

        assertThat(scheduled(team, id)).as("every reminder ran and is gone").isEmpty();
        assertThat(sent(team, id, "task.reminder")).hasSize(2);
        assertThat(sent(team, id, "task.overdue")).hasSize(1);
        Session ana = fixtures.login(team.ana().email(), Fixtures.PASSWORD, team.tenantId());
        JsonNode activity = api.get("/api/v1/tasks/" + id + "/activity", ana.accessToken()).body();
        List<String> reminders = StreamSupport.stream(activity.spliterator(), false)
                .filter(e -> e.path("action").asString().equals("REMINDED"))
                .map(e -> e.path("from").asString() + " " + e.path("to").asString()).toList();
        assertThat(reminders).containsExactly("PT24H " + due, "PT1H " + due, "OVERDUE " + due);
        assertThat(api.get("/api/v1/tasks/" + id, ana.accessToken()).body().path("overdue").asBoolean()).isTrue();

        // What Ben reads in his console's notifications, newest first: each reminder once.
        Session ben = fixtures.login(team.ben().email(), Fixtures.PASSWORD, team.tenantId());
        List<String> told = api.get("/api/v1/notifications", ben.accessToken()).body().path("items")
                .findValuesAsString("title");
        assertThat(told).containsExactly("Overdue: Send the replacement parcel",
                "Due in 1 hour: Send the replacement parcel", "Due in 24 hours: Send the replacement parcel",
                "New task: Send the replacement parcel");
    }

    @Test
    void finishedOrDeletedTasksGetNoReminders() {
        Team team = tasks.team("remind-done");
        Instant due = now().plus(Duration.ofHours(2));
        String completed = create(team.ana(), "Completed early", due, team.ben());
        String cancelled = create(team.ana(), "Not needed after all", due, team.ben());
        String deleted = create(team.ana(), "Made by mistake", due, team.ben());
        String behindItsBack = create(team.ana(), "Completed behind the scheduler's back", due, team.ben());
        tasks.patch(team.ben(), completed, Map.of("status", "COMPLETED"));
        tasks.patch(team.ben(), cancelled, Map.of("status", "CANCELLED"));
        assertThat(api.delete("/api/v1/tasks/" + deleted, team.ana().accessToken()).status()).isEqualTo(204);
        // The executions stay for this one: only the check at run time can stop its reminders.
        asOwner.sql("UPDATE tasks SET status = 'COMPLETED', completed_at = now() WHERE id = :id")
                .param("id", UUID.fromString(behindItsBack)).update();
        String open = create(team.ana(), "Still open", due.plusSeconds(60), team.ben());

        assertThat(scheduled(team, completed)).isEmpty();
        assertThat(scheduled(team, cancelled)).isEmpty();
        assertThat(scheduled(team, deleted)).isEmpty();
        assertThat(scheduled(team, behindItsBack)).hasSize(2);

        time.advance(Duration.ofHours(3));

        awaitOne(team, open, "task.overdue"); // due after the others: their executions had their turn
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduled(team, behindItsBack).isEmpty());
        for (String finished : List.of(completed, cancelled, deleted, behindItsBack)) {
            assertThat(sent(team, finished, "task.reminder")).as(finished).isEmpty();
            assertThat(sent(team, finished, "task.overdue")).as(finished).isEmpty();
        }
        assertThat(sent(team, open, "task.reminder")).as("its hour-before reminder").hasSize(1);
    }

    @Test
    void aNewDueTimeMovesTheRemindersAndANewAssigneeGetsThem() {
        Team team = tasks.team("remind-moved");
        Instant due = now().plus(Duration.ofHours(30));
        Instant later = due.plus(Duration.ofDays(1));
        String id = create(team.ana(), "Moved by a day", due, team.ben());
        String sentinel = create(team.ana(), "Due half an hour after the first date", due.plus(Duration.ofMinutes(30)),
                team.ben());

        tasks.patch(team.ana(), id, Map.of("dueAt", later.toString(), "assigneeId", team.admin().userId().toString()));

        assertThat(scheduled(team, id)).containsEntry("PT24H", later.minus(Duration.ofHours(24)))
                .containsEntry("OVERDUE", later);
        time.advance(Duration.ofHours(7));
        awaitOne(team, sentinel, "task.reminder"); // after the first date's reminder: it would have gone by now
        assertThat(sent(team, id, "task.reminder")).as("nothing at the old time").isEmpty();

        time.advance(Duration.ofHours(24));
        Recorded moved = awaitOne(team, id, "task.reminder");
        assertThat(moved.notification().recipient().value()).as("the new assignee").isEqualTo(team.admin().userId());
        assertThat(moved.notification().title()).startsWith("Due in 24 hours");

        Session ana = fixtures.login(team.ana().email(), Fixtures.PASSWORD, team.tenantId());
        var cleared = new java.util.HashMap<String, Object>();
        cleared.put("dueAt", null);
        assertThat(api.patch("/api/v1/tasks/" + id, ana.accessToken(), cleared).status()).isEqualTo(200);
        assertThat(scheduled(team, id)).as("no due time, no reminders").isEmpty();
    }

    private String create(Session by, String title, Instant due, Session assignee) {
        return tasks.create(by, Map.of("title", title, "dueAt", due.toString(),
                "assigneeId", assignee.userId().toString())).path("id").asString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private Recorded awaitOne(Team team, String task, String kind) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !sent(team, task, kind).isEmpty());
        List<Recorded> sent = sent(team, task, kind);
        assertThat(sent).hasSize(1);
        return sent.getFirst();
    }

    private List<Recorded> sent(Team team, String task, String kind) {
        return notifications.of(team.tenantId(), kind).stream()
                .filter(r -> r.notification().link().equals("#/tasks/" + task)).toList();
    }

    /** The task's waiting reminder executions: reminder → when. */
    private Map<String, Instant> scheduled(Team team, String task) {
        String prefix = team.tenantId() + "/" + task + "/";
        Map<String, Instant> executions = new TreeMap<>();
        asOwner.sql("""
                        SELECT task_instance, execution_time FROM scheduled_tasks
                        WHERE task_name = 'task-reminder' AND task_instance LIKE :prefix
                        """)
                .param("prefix", prefix + "%")
                .query((rs, n) -> executions.put(rs.getString(1).substring(prefix.length()),
                        rs.getTimestamp(2).toInstant()))
                .list();
        return executions;
    }
}
