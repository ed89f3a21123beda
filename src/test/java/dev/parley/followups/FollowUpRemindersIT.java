package dev.parley.followups;

import static dev.parley.followups.FollowUpFixtures.inHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.parley.notify.NotificationRequested;
import dev.parley.support.Api;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.RecordedNotifications;
import dev.parley.support.TimeMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reminders before a follow-up (24 hours and 1 hour by default) and the missed check after it (2 hours) are durable
 * jobs, stored with the change that plans them, moved when the follow-up moves and dropped when it closes; the
 * application's clock is moved by the test.
 */
@ParleyIntegrationTest
class FollowUpRemindersIT {

    @LocalServerPort
    int port;

    @Autowired
    TimeMachine time;

    @Autowired
    RecordedNotifications notifications;

    @Autowired
    @Qualifier("owner")
    DataSource owner;

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
    void theAssigneeIsRemindedADayAndAnHourBeforeAndAFollowUpLeftUndoneBecomesMissed() {
        ChatTenant shop = followUps.tenant("rem-missed");
        String admin = shop.tenant().admin().accessToken();
        Session assignee = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        UUID conversation = followUps.conversation(shop, "Rita Remind", "rita@example.com", "+34 91 123 45 67");
        Instant at = inHours(30);
        UUID id = followUps.scheduled(admin, conversation, "CALL", at, Map.of("assigneeId", assignee.userId().toString()));
        assertThat(executions(id)).as("stored with the follow-up").containsExactlyInAnyOrderEntriesOf(Map.of(
                "followup-reminder/PT24H", at.minus(Duration.ofHours(24)),
                "followup-reminder/PT1H", at.minus(Duration.ofHours(1)),
                "followup-missed", at.plus(Duration.ofHours(2))));

        time.advance(Duration.ofHours(6).plusMinutes(1));
        NotificationRequested dayBefore = awaitNotice(assignee, "followup.reminder", id, 1).getFirst();
        assertThat(dayBefore.title()).isEqualTo("Coming up in 24 hours: call Rita Remind");
        assertThat(dayBefore.email()).isTrue();
        assertThat(dayBefore.link()).isEqualTo("#/followups/" + id);

        time.advance(Duration.ofHours(23));
        NotificationRequested hourBefore = awaitNotice(assignee, "followup.reminder", id, 2).getLast();
        assertThat(hourBefore.title()).isEqualTo("Coming up in 1 hour: call Rita Remind");

        time.advance(Duration.ofHours(2));
        String signedInAgain = signIn(shop); // access tokens last 15 minutes of the moved clock
        assertThat(status(signedInAgain, id)).as("an hour late is not missed yet").isEqualTo("SCHEDULED");

        time.advance(Duration.ofHours(1));
        String later = signIn(shop);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(later, id).equals("MISSED"));
        NotificationRequested missed = awaitNotice(assignee, "followup.missed", id, 1).getFirst();
        assertThat(missed.title()).isEqualTo("Missed follow-up: call Rita Remind");
        assertThat(executions(id)).isEmpty();

        var late = api.post("/api/v1/followups/" + id + "/complete", later,
                Map.of("outcomeCode", "REACHED", "outcome", "Called the next morning."));
        assertThat(late.status()).as("a missed follow-up can still be completed late").isEqualTo(200);
        assertThat(late.text("status")).isEqualTo("COMPLETED");
    }

    @Test
    void reschedulingMovesTheRemindersAndClosingAFollowUpDropsThem() {
        ChatTenant shop = followUps.tenant("rem-moved");
        String admin = shop.tenant().admin().accessToken();
        Session assignee = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        Map<String, Object> toAssignee = Map.of("assigneeId", assignee.userId().toString());
        UUID conversation = followUps.conversation(shop, "Max Moved", "max@example.com", "+34 91 765 43 21");
        Instant at = inHours(30);
        UUID moved = followUps.scheduled(admin, conversation, "CALL", at, toAssignee);
        UUID completed = followUps.scheduled(admin, conversation, "CALL", at, toAssignee);
        UUID cancelled = followUps.scheduled(admin, conversation, "EMAIL", at, toAssignee);
        UUID sentinel = followUps.scheduled(admin, conversation, "SMS", at, toAssignee);
        Instant later = at.plus(Duration.ofHours(20));
        assertThat(api.patch("/api/v1/followups/" + moved, admin, Map.of("scheduledAt", later.toString())).status())
                .isEqualTo(200);
        api.post("/api/v1/followups/" + completed + "/complete", admin, Map.of("outcomeCode", "RESOLVED"));
        api.post("/api/v1/followups/" + cancelled + "/cancel", admin, Map.of());

        assertThat(executions(moved)).containsEntry("followup-reminder/PT24H", later.minus(Duration.ofHours(24)));
        assertThat(executions(completed)).isEmpty();
        assertThat(executions(cancelled)).isEmpty();

        time.advance(Duration.ofHours(6).plusMinutes(1));
        awaitNotice(assignee, "followup.reminder", sentinel, 1); // its reminder came: the others' had their chance
        assertThat(notices(assignee, "followup.reminder", moved)).as("moved 20 hours later").isEmpty();
        assertThat(notices(assignee, "followup.reminder", completed)).isEmpty();
        assertThat(notices(assignee, "followup.reminder", cancelled)).isEmpty();

        time.advance(Duration.ofHours(20));
        assertThat(awaitNotice(assignee, "followup.reminder", moved, 1).getFirst().title())
                .isEqualTo("Coming up in 24 hours: call Max Moved");
        time.advance(Duration.ofHours(6));
        String signedInAgain = signIn(shop); // access tokens last 15 minutes of the moved clock
        await().atMost(Duration.ofSeconds(10)).until(() -> status(signedInAgain, sentinel).equals("MISSED"));
        assertThat(status(signedInAgain, moved)).as("missed only after its new time").isEqualTo("SCHEDULED");
        assertThat(status(signedInAgain, cancelled)).isEqualTo("CANCELLED");
    }

    @Test
    void aFollowUpSoonerThanADayGetsOnlyTheRemindersStillAhead() {
        ChatTenant shop = followUps.tenant("rem-soon");
        String admin = shop.tenant().admin().accessToken();
        Instant at = inHours(3);

        UUID id = followUps.scheduled(admin, followUps.conversation(shop, "Sue Soon", "sue@example.com", null),
                "EMAIL", at, Map.of());

        assertThat(executions(id)).containsOnlyKeys("followup-reminder/PT1H", "followup-missed");
        api.delete("/api/v1/followups/" + id, admin);
        assertThat(executions(id)).as("deleting drops them").isEmpty();
    }

    private List<NotificationRequested> awaitNotice(Session to, String kind, UUID followUp, int count) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> notices(to, kind, followUp), n -> n.size() >= count);
    }

    private List<NotificationRequested> notices(Session to, String kind, UUID followUp) {
        return notifications.to(to.userId(), kind).stream()
                .filter(n -> n.link().equals("#/followups/" + followUp)).toList();
    }

    private String signIn(ChatTenant shop) {
        return fixtures.login(shop.tenant().admin().email(), Fixtures.PASSWORD, shop.tenant().id()).accessToken();
    }

    private String status(String token, UUID id) {
        return api.get("/api/v1/followups/" + id, token).text("status");
    }

    /** The follow-up's stored executions: task (and offset) → when. */
    private Map<String, Instant> executions(UUID followUp) {
        Map<String, Instant> executions = new java.util.HashMap<>();
        JdbcClient.create(owner).sql("""
                        SELECT task_name, task_instance, execution_time FROM scheduled_tasks
                        WHERE task_name LIKE 'followup-%' AND task_instance LIKE :pattern
                        """)
                .param("pattern", "%/" + followUp + "%")
                .query(rs -> {
                    String[] parts = rs.getString("task_instance").split("/");
                    String key = rs.getString("task_name") + (parts.length > 2 ? "/" + parts[2] : "");
                    executions.put(key, rs.getObject("execution_time", Timestamp.class).toInstant());
                });
        return executions;
    }
}
