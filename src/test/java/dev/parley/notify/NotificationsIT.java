package dev.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.EventStream;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.NotificationFixtures;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.TimeMachine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;

import tools.jackson.databind.JsonNode;

/**
 * In-app notifications: stored with the change that asked for them (or not at all), each person's own, read and
 * unread, and pushed live to the right person's console; mail goes to the tenant's outbox without a mail server.
 */
@ParleyIntegrationTest
class NotificationsIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TimeMachine time;

    Api api;
    Fixtures fixtures;
    NotificationFixtures notices;
    TenantSetup shop;
    Session nina;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        notices = new NotificationFixtures(events, transactions);
        shop = fixtures.tenant("notify");
        nina = fixtures.member(shop, "ADMIN_OPERATOR");
    }

    @Test
    void aNotificationPublishedInACommittedTransactionIsStoredOnceAndQueuedAsOneMail() {
        String link = "#/tasks/" + UUID.randomUUID();

        notices.notify(shop.id(), nina.userId(), "Task assigned: Call back Ana", "Due tomorrow at 10:00.", link, true);

        Response list = api.get("/api/v1/notifications", nina.accessToken());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("unread").asInt()).isEqualTo(1);
        JsonNode item = only(list.body().path("items"));
        assertThat(item.path("title").asString()).isEqualTo("Task assigned: Call back Ana");
        assertThat(item.path("body").asString()).isEqualTo("Due tomorrow at 10:00.");
        assertThat(item.path("link").asString()).isEqualTo(link);
        assertThat(item.path("kind").asString()).isEqualTo("test.notice");
        assertThat(item.path("readAt").isNull()).isTrue();

        JsonNode mail = only(mails("notification"));
        assertThat(mail.path("to").asString()).isEqualTo(nina.email());
        assertThat(mail.path("subject").asString()).isEqualTo("Task assigned: Call back Ana");
        assertThat(mail.path("body").asString()).contains("Due tomorrow at 10:00.")
                .contains("http://localhost:" + port + "/console/" + link);
        assertThat(mail.path("status").asString()).as("no mail server in this installation").isEqualTo("HELD");
    }

    @Test
    void aNotificationWithoutMailQueuesNoMail() {
        notices.notify(shop.id(), nina.userId(), "Chat handed over", null, null, false);

        assertThat(api.get("/api/v1/notifications", nina.accessToken()).body().path("unread").asInt()).isEqualTo(1);
        assertThat(mails("notification")).isEmpty();
    }

    @Test
    void aRolledBackTransactionLeavesNeitherANotificationNorAMail() {
        notices.publish(new NotificationRequested(TenantId.of(shop.id()), UserId.of(nina.userId()), "task.assigned",
                "Never happened", "The task was not saved.", "#/tasks/1", true), false);

        Response list = api.get("/api/v1/notifications", nina.accessToken());
        assertThat(list.body().path("items").size()).isZero();
        assertThat(list.body().path("unread").asInt()).isZero();
        assertThat(mails("notification")).isEmpty();
    }

    @Test
    void anotherPersonsNotificationIsNotFound() {
        Session olga = fixtures.member(shop, "OPERATOR");
        notices.notify(shop.id(), nina.userId(), "For Nina only", null, null, false);
        String id = only(api.get("/api/v1/notifications", nina.accessToken()).body().path("items"))
                .path("id").asString();
        TenantSetup other = fixtures.tenant("elsewhere");

        Response byColleague = api.post("/api/v1/notifications/" + id + "/read", olga.accessToken(), null);
        Response byOtherTenant = api.post("/api/v1/notifications/" + id + "/read", other.admin().accessToken(), null);

        assertThat(byColleague.status()).isEqualTo(404);
        assertThat(byColleague.code()).isEqualTo("NOTIFICATION_NOT_FOUND");
        assertThat(byOtherTenant.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/notifications", olga.accessToken()).body().path("items").size()).isZero();
        assertThat(api.get("/api/v1/notifications", nina.accessToken()).body().path("unread").asInt())
                .as("still unread for Nina").isEqualTo(1);
    }

    @Test
    void readingOneLowersTheUnreadCountAndReadAllReadsTheRest() {
        for (String title : List.of("First", "Second", "Third")) {
            notices.notify(shop.id(), nina.userId(), title, null, null, false);
            nextMillisecond();
        }
        JsonNode all = api.get("/api/v1/notifications", nina.accessToken()).body();
        assertThat(all.path("items").findValuesAsString("title")).containsExactly("Third", "Second", "First");
        String second = all.path("items").get(1).path("id").asString();

        Response read = api.post("/api/v1/notifications/" + second + "/read", nina.accessToken(), null);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("readAt").isNull()).isFalse();
        JsonNode unread = api.get("/api/v1/notifications?unread=true", nina.accessToken()).body();
        assertThat(unread.path("unread").asInt()).isEqualTo(2);
        assertThat(unread.path("items").findValuesAsString("title")).containsExactly("Third", "First");
        assertThat(api.post("/api/v1/notifications/" + second + "/read", nina.accessToken(), null).status())
                .as("reading again is fine").isEqualTo(200);

        Response readAll = api.post("/api/v1/notifications/read-all", nina.accessToken(), null);

        assertThat(readAll.body().path("marked").asInt()).isEqualTo(2);
        JsonNode after = api.get("/api/v1/notifications", nina.accessToken()).body();
        assertThat(after.path("unread").asInt()).isZero();
        assertThat(after.path("items").size()).as("read ones stay in the list").isEqualTo(3);
    }

    @Test
    void theListIsPagedNewestFirstWithACursor() {
        for (int i = 1; i <= 3; i++) {
            notices.notify(shop.id(), nina.userId(), "Notice " + i, null, null, false);
            nextMillisecond();
        }

        JsonNode first = api.get("/api/v1/notifications?limit=2", nina.accessToken()).body();
        JsonNode second = api.get("/api/v1/notifications?limit=2&cursor=" + first.path("nextCursor").asString(),
                nina.accessToken()).body();

        assertThat(first.path("items").findValuesAsString("title")).containsExactly("Notice 3", "Notice 2");
        assertThat(second.path("items").findValuesAsString("title")).containsExactly("Notice 1");
        assertThat(second.path("nextCursor").isNull()).isTrue();
        assertThat(api.get("/api/v1/notifications?limit=500", nina.accessToken()).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/v1/notifications?cursor=nonsense!", nina.accessToken()).code())
                .isEqualTo("INVALID_CURSOR");
        assertThat(api.get("/api/v1/notifications", null).status()).isEqualTo(401);
    }

    @Test
    void theStreamDeliversANotificationToTheRightPersonOnlyWithinASecond() {
        Session olga = fixtures.member(shop, "ADMIN_OPERATOR");
        try (EventStream ninas = EventStream.open(api, "/api/v1/notifications/stream", nina.accessToken());
             EventStream olgas = EventStream.open(api, "/api/v1/notifications/stream", olga.accessToken())) {
            assertThat(ninas.status()).isEqualTo(200);
            assertThat(ninas.await("hello", Duration.ofSeconds(5)).data().path("unread").asInt()).isZero();
            assertThat(olgas.await("hello", Duration.ofSeconds(5))).isNotNull();

            long start = System.nanoTime();
            notices.notify(shop.id(), nina.userId(), "Follow-up in 1 hour", "Call Ana about her refund.",
                    "#/followups/42", true);
            EventStream.Event event = ninas.await("notification", Duration.ofSeconds(1));

            assertThat(event).as("Nina hears of it within a second").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(event.data().path("notification").path("title").asString()).isEqualTo("Follow-up in 1 hour");
            assertThat(event.data().path("notification").path("link").asString()).isEqualTo("#/followups/42");
            assertThat(event.data().path("unread").asInt()).isEqualTo(1);
            assertThat(olgas.await("notification", Duration.ofMillis(700))).as("Olga hears nothing").isNull();

            String id = event.data().path("notification").path("id").asString();
            api.post("/api/v1/notifications/" + id + "/read", nina.accessToken(), null);
            EventStream.Event read = ninas.await("read", Duration.ofSeconds(2));
            assertThat(read.data().path("ids").get(0).asString()).as("her other tabs hear it was read").isEqualTo(id);
            assertThat(read.data().path("unread").asInt()).isZero();
        }
    }

    @Test
    void aRolledBackNotificationIsNeverStreamed() {
        try (EventStream ninas = EventStream.open(api, "/api/v1/notifications/stream", nina.accessToken())) {
            assertThat(ninas.await("hello", Duration.ofSeconds(5))).isNotNull();

            notices.publish(new NotificationRequested(TenantId.of(shop.id()), UserId.of(nina.userId()), "task.assigned",
                    "Never happened", null, null, false), false);

            assertThat(ninas.await("notification", Duration.ofMillis(700))).isNull();
        }
    }

    @Test
    void signingOutEndsTheStream() {
        try (EventStream ninas = EventStream.open(api, "/api/v1/notifications/stream", nina.accessToken())) {
            assertThat(ninas.await("hello", Duration.ofSeconds(5))).isNotNull();

            api.post("/api/v1/auth/logout", nina.accessToken(), Map.of("refreshToken", nina.refreshToken()));

            EventStream.Event end = ninas.await("end", Duration.ofSeconds(5));
            assertThat(end).as("the stream ends with the session").isNotNull();
            assertThat(end.data().path("reason").asString()).isEqualTo("SESSION_ENDED");
            await().atMost(Duration.ofSeconds(5)).until(ninas::ended);
        }
        try (EventStream again = EventStream.open(api, "/api/v1/notifications/stream", nina.accessToken())) {
            assertThat(again.status()).as("and cannot be reopened with that token").isEqualTo(401);
        }
    }

    @Test
    void anExpiredTokenEndsTheStreamSoThatTheConsoleRefreshesIt() {
        try (EventStream ninas = EventStream.open(api, "/api/v1/notifications/stream", nina.accessToken())) {
            assertThat(ninas.await("hello", Duration.ofSeconds(5))).isNotNull();

            time.advance(Duration.ofMinutes(16)); // access tokens live 15 minutes

            EventStream.Event end = ninas.await("end", Duration.ofSeconds(5));
            assertThat(end).isNotNull();
            assertThat(end.data().path("reason").asString()).isEqualTo("TOKEN_EXPIRED");
        } finally {
            time.reset();
        }
    }

    @Test
    void theStreamNeedsAToken() {
        try (EventStream anonymous = EventStream.open(api, "/api/v1/notifications/stream", "not-a-token")) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }

    @Test
    void aNotificationForSomeoneOutsideTheTenantIsDroppedWithoutFailingTheChange() {
        TenantSetup other = fixtures.tenant("outsider");

        notices.notify(shop.id(), other.admin().userId(), "Not for you", null, null, true);

        assertThat(api.get("/api/v1/notifications", other.admin().accessToken()).body().path("items").size()).isZero();
        assertThat(mails("notification")).isEmpty();
    }

    @Test
    void anInvitationIsMailedToTheInvitedPersonThroughTheOutbox() {
        String email = Fixtures.unique("newcomer") + "@" + shop.slug() + ".test";

        Response invited = api.post("/api/v1/users/invitations", shop.admin().accessToken(),
                Map.of("email", email, "role", "OPERATOR"));

        JsonNode mail = mails("invitation").stream().filter(m -> m.path("to").asString().equals(email))
                .findFirst().orElseThrow();
        assertThat(mail.path("subject").asString()).isEqualTo("You are invited to join " + shop.name() + " on Parley");
        assertThat(mail.path("body").asString()).contains(invited.text("link")).contains("as an operator")
                .contains("Admin of " + shop.slug() + " invited you");
        JsonNode firstAdmin = mails("invitation").stream()
                .filter(m -> m.path("to").asString().equals(shop.admin().email())).findFirst().orElseThrow();
        assertThat(firstAdmin.path("body").asString()).as("provisioning mails the first admin too")
                .contains("You are invited to join " + shop.name()).contains("as a tenant admin");
    }

    @Test
    void onlyTenantAdminsReadTheOutbox() {
        Response asOperator = api.get("/api/v1/mail-outbox", nina.accessToken());

        assertThat(asOperator.status()).isEqualTo(403);
        Response asAdmin = api.get("/api/v1/mail-outbox", shop.admin().accessToken());
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.body().path("smtpConfigured").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/mail-outbox?status=NOPE", shop.admin().accessToken()).code())
                .isEqualTo("VALIDATION_FAILED");
    }

    /** Ids (UUIDv7) order by the millisecond; two made within the same one may come in either order. */
    private static void nextMillisecond() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<JsonNode> mails(String kind) {
        Response outbox = api.get("/api/v1/mail-outbox?limit=200", shop.admin().accessToken());
        assertThat(outbox.status()).as("outbox: %s", outbox).isEqualTo(200);
        return outbox.body().path("items").valueStream().filter(m -> m.path("kind").asString().equals(kind)).toList();
    }

    private static JsonNode only(JsonNode items) {
        assertThat(items.size()).as("items: %s", items).isEqualTo(1);
        return items.get(0);
    }

    private static JsonNode only(List<JsonNode> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
