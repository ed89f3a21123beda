package dev.parley.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.tasks.TaskFixtures.Team;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/** The tasks API: what admin operators can do with tasks, what they cannot, and what everyone else cannot. */
@ParleyIntegrationTest
class TasksApiIT {

    @LocalServerPort
    int port;

    @Autowired
    ConfigurableApplicationContext context;

    Api api;
    Fixtures fixtures;
    TaskFixtures tasks;
    NotificationRecorder notifications;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        tasks = new TaskFixtures(api);
        notifications = new NotificationRecorder(context);
    }

    @AfterEach
    void stopRecording() {
        notifications.close();
    }

    @Test
    void anAdminOperatorMakesATaskFromAChatAndItKeepsACopyOfTheContact() {
        Team team = tasks.team("tasks-create");
        UUID chat = tasks.conversation(team, "Nora Lind", "nora@example.com", "My parcel never arrived");
        Instant due = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);

        Response created = api.post("/api/v1/tasks", team.ana().accessToken(), Map.of(
                "title", "Call Nora about the lost parcel", "description", "Check with the carrier first.",
                "dueAt", due.toString(), "priority", "HIGH", "assigneeId", team.ben().userId().toString(),
                "conversationId", chat.toString()));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode task = created.body();
        String id = task.path("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/tasks/" + id);
        assertThat(task.path("title").asString()).isEqualTo("Call Nora about the lost parcel");
        assertThat(task.path("status").asString()).isEqualTo("OPEN");
        assertThat(task.path("priority").asString()).isEqualTo("HIGH");
        assertThat(Instant.parse(task.path("dueAt").asString())).isEqualTo(due);
        assertThat(task.path("assignee").path("id").asString()).isEqualTo(team.ben().userId().toString());
        assertThat(task.path("creator").path("id").asString()).isEqualTo(team.ana().userId().toString());
        assertThat(task.path("conversationId").asString()).isEqualTo(chat.toString());
        assertThat(task.path("conversationNumber").asInt()).isPositive();
        assertThat(task.path("contact").isNull()).as("no contact details in a create answer").isTrue();
        assertThat(names(task.path("nextStatuses"))).containsExactly("IN_PROGRESS", "COMPLETED", "CANCELLED");

        JsonNode read = api.get("/api/v1/tasks/" + id, team.ben().accessToken()).body();
        assertThat(read.path("contact").path("name").asString()).isEqualTo("Nora Lind");
        assertThat(read.path("contact").path("email").asString()).isEqualTo("nora@example.com");
        assertThat(read.path("contact").path("phone").isNull()).isTrue();
        assertThat(names(read.path("contact").path("missing"))).containsExactly("phone");
        assertThat(read.path("description").asString()).isEqualTo("Check with the carrier first.");

        JsonNode viewed = api.get("/api/v1/audit?action=task.contact_viewed", team.admin().accessToken()).body();
        assertThat(viewed.path("items")).hasSize(1);
        assertThat(viewed.path("items").get(0).path("actorUserId").asString()).isEqualTo(team.ben().userId().toString());
        assertThat(viewed.path("items").get(0).path("targetId").asString()).isEqualTo(id);

        JsonNode listed = api.get("/api/v1/tasks", team.ana().accessToken()).body().path("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("contact").isNull()).as("lists never carry contact details").isTrue();
        assertThat(api.get("/api/v1/audit?action=task.contact_viewed", team.admin().accessToken()).body()
                .path("items")).as("a list is not a view of contact details").hasSize(1);
    }

    @Test
    void aTaskWithoutAssigneeOrPriorityGoesToItsCreatorAtMediumPriority() {
        Team team = tasks.team("tasks-defaults");

        JsonNode task = tasks.create(team.ana(), Map.of("title", "  Update the FAQ  "));

        assertThat(task.path("title").asString()).isEqualTo("Update the FAQ");
        assertThat(task.path("assignee").path("id").asString()).isEqualTo(team.ana().userId().toString());
        assertThat(task.path("priority").asString()).isEqualTo("MEDIUM");
        assertThat(task.path("dueAt").isNull()).isTrue();
        assertThat(task.path("conversationId").isNull()).isTrue();
        assertThat(api.get("/api/v1/tasks/" + task.path("id").asString(), team.ana().accessToken()).body()
                .path("contact").isNull()).as("a task about no chat has no contact").isTrue();
    }

    @Test
    void theContactInfoForTheTaskFormSaysWhatIsMissingAndIsAuditLogged() {
        Team team = tasks.team("tasks-contact");
        UUID chat = tasks.conversation(team, null, "only-mail@example.com", "Hello");
        UUID anonymous = tasks.conversation(team, null, null, "Hi there");
        Team other = tasks.team("tasks-contact-other");
        UUID elsewhere = tasks.conversation(other, "Zed", null, "Hey");

        JsonNode info = api.get("/api/v1/tasks/contact-info?conversationId=" + chat, team.ana().accessToken()).body();
        JsonNode none = api.get("/api/v1/tasks/contact-info?conversationId=" + anonymous, team.ana().accessToken())
                .body();

        assertThat(info.path("email").asString()).isEqualTo("only-mail@example.com");
        assertThat(names(info.path("missing"))).containsExactly("name", "phone");
        assertThat(names(none.path("missing"))).containsExactly("name", "email", "phone");
        JsonNode entries = api.get("/api/v1/audit?action=task.contact_viewed", team.admin().accessToken()).body()
                .path("items");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).path("targetType").asString()).isEqualTo("conversation");
        Response foreign = api.get("/api/v1/tasks/contact-info?conversationId=" + elsewhere, team.ana().accessToken());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tasks/contact-info", team.ana().accessToken()).status()).isEqualTo(400);
    }

    @Test
    void badInputIsA400NamingTheField() {
        Team team = tasks.team("tasks-invalid");
        Team other = tasks.team("tasks-invalid-other");
        Session deactivated = fixtures.member(team.shop().tenant(), "ADMIN_OPERATOR");
        api.post("/api/v1/users/" + deactivated.userId() + "/deactivate", team.admin().accessToken(), null);
        UUID foreignChat = tasks.conversation(other, "Someone", null, "Hi");
        String ana = team.ana().accessToken();

        assertField(api.post("/api/v1/tasks", ana, Map.of()), "title");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "   ")), "title");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "x".repeat(201))), "title");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "ok", "description", "x".repeat(10_001))),
                "description");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "ok", "priority", "SOON")), "priority");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "ok", "dueAt", "tomorrow")), "dueAt");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "ok", "colour", "red")), "colour");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "ok", "assigneeId", "nobody")), "assigneeId");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "ok",
                "assigneeId", team.operator().userId().toString())), "assigneeId");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "ok",
                "assigneeId", deactivated.userId().toString())), "assigneeId");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "ok",
                "assigneeId", other.ana().userId().toString())), "assigneeId");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "ok", "assigneeId", UUID.randomUUID().toString())),
                "assigneeId");
        assertField(api.post("/api/v1/tasks", ana, Map.of("title", "ok", "conversationId", foreignChat.toString())),
                "conversationId");

        String id = tasks.create(team.ana(), "A task", team.ana()).path("id").asString();
        assertField(api.patch("/api/v1/tasks/" + id, ana, Map.of("status", "DONE")), "status");
        assertField(api.patch("/api/v1/tasks/" + id, ana, Map.of("title", "")), "title");
        assertField(api.patch("/api/v1/tasks/" + id, ana, "{\"title\": null}"), "title");
        assertField(api.patch("/api/v1/tasks/" + id, ana, Map.of("title", 42)), "title");
        assertField(api.patch("/api/v1/tasks/" + id, ana, Map.of("dueAt", "2025-13-01")), "dueAt");
        assertField(api.patch("/api/v1/tasks/" + id, ana, Map.of("owner", "me")), "owner");
        assertField(api.patch("/api/v1/tasks/" + id, ana, Map.of("assigneeId",
                team.operator().userId().toString())), "assigneeId");
        assertField(api.patch("/api/v1/tasks/" + id, ana, "[1, 2]"), "body");
        assertField(api.post("/api/v1/tasks/" + id + "/assign", ana, Map.of("assigneeId",
                deactivated.userId().toString())), "assigneeId");
        assertField(api.post("/api/v1/tasks/" + id + "/assign", ana, Map.of()), "assigneeId");
        assertField(api.post("/api/v1/tasks/" + id + "/comments", ana, Map.of("body", " ")), "body");
        assertField(api.post("/api/v1/tasks/" + id + "/comments", ana, Map.of("body", "x".repeat(5001))), "body");
        assertField(api.get("/api/v1/tasks/not-a-uuid", ana), "id");

        assertField(api.get("/api/v1/tasks?status=OPEN,LATE", ana), "status");
        assertField(api.get("/api/v1/tasks?priority=HUGE", ana), "priority");
        assertField(api.get("/api/v1/tasks?assignee=someone", ana), "assignee");
        assertField(api.get("/api/v1/tasks?dueFrom=yesterday", ana), "dueFrom");
        assertField(api.get("/api/v1/tasks?dueFrom=2025-02-01T00:00:00Z&dueTo=2025-01-01T00:00:00Z", ana), "dueTo");
        assertField(api.get("/api/v1/tasks?overdue=maybe", ana), "overdue");
        assertField(api.get("/api/v1/tasks?sort=colour", ana), "sort");
        assertField(api.get("/api/v1/tasks?sort=due,sideways", ana), "sort");
        assertField(api.get("/api/v1/tasks?limit=0", ana), "limit");
        assertField(api.get("/api/v1/tasks?q=" + "x".repeat(201), ana), "q");
        assertField(api.get("/api/v1/tasks/report?from=last-week", ana), "from");
        assertThat(api.get("/api/v1/tasks?cursor=bm9wZQ", ana).code()).isEqualTo("INVALID_CURSOR");
        assertThat(api.get("/api/v1/tasks", ana).body().path("items")).as("nothing was created by bad input")
                .hasSize(1);
    }

    @Test
    void statusesMoveOnlyAlongTheAllowedTransitions() {
        Team team = tasks.team("tasks-status");
        String id = tasks.create(team.ana(), "Refund order 1042", team.ben()).path("id").asString();

        JsonNode started = tasks.patch(team.ben(), id, Map.of("status", "IN_PROGRESS"));
        assertThat(started.path("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(names(started.path("nextStatuses"))).containsExactly("OPEN", "COMPLETED", "CANCELLED");

        JsonNode done = tasks.patch(team.ben(), id, Map.of("status", "COMPLETED"));
        assertThat(done.path("completedAt").isNull()).isFalse();
        assertThat(names(done.path("nextStatuses"))).containsExactly("OPEN");

        Response cancelDone = api.patch("/api/v1/tasks/" + id, team.ben().accessToken(), Map.of("status", "CANCELLED"));
        assertThat(cancelDone.status()).isEqualTo(409);
        assertThat(cancelDone.code()).isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(cancelDone.text("detail")).contains("can become open");

        JsonNode reopened = tasks.patch(team.ben(), id, Map.of("status", "OPEN"));
        assertThat(reopened.path("completedAt").isNull()).as("reopening clears the completion").isTrue();
        tasks.patch(team.ben(), id, Map.of("status", "CANCELLED"));
        Response startCancelled = api.patch("/api/v1/tasks/" + id, team.ben().accessToken(),
                Map.of("status", "IN_PROGRESS"));
        assertThat(startCancelled.code()).isEqualTo("INVALID_STATUS_TRANSITION");
        JsonNode same = tasks.patch(team.ben(), id, Map.of("status", "CANCELLED"));
        assertThat(same.path("status").asString()).as("the same status is no change").isEqualTo("CANCELLED");
    }

    @Test
    void everyChangeAndCommentIsInTheActivityWithWhoAndWhen() {
        Team team = tasks.team("tasks-activity");
        String id = tasks.create(team.ana(), "Draft the reply template", team.ana()).path("id").asString();
        Instant due = Instant.parse("2031-05-06T09:30:00Z");

        tasks.patch(team.ana(), id, Map.of("title", "Draft the refund reply template", "description", "Short and kind",
                "dueAt", due.toString(), "priority", "URGENT"));
        tasks.patch(team.ana(), id, Map.of("assigneeId", team.ben().userId().toString()));
        tasks.patch(team.ben(), id, Map.of("status", "IN_PROGRESS"));
        Response comment = api.post("/api/v1/tasks/" + id + "/comments", team.ben().accessToken(),
                Map.of("body", "On it, first version by noon."));
        HashMap<String, Object> clearDue = new HashMap<>();
        clearDue.put("dueAt", null);
        tasks.patch(team.ben(), id, clearDue);
        tasks.patch(team.ben(), id, Map.of("title", "Draft the refund reply template"));

        assertThat(comment.status()).isEqualTo(201);
        assertThat(comment.body().path("author").path("name").asString()).isEqualTo("Member " + team.ben().email());
        JsonNode comments = api.get("/api/v1/tasks/" + id + "/comments", team.ana().accessToken()).body();
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).path("body").asString()).isEqualTo("On it, first version by noon.");

        JsonNode activity = api.get("/api/v1/tasks/" + id + "/activity", team.ana().accessToken()).body();
        List<String> actions = new ArrayList<>();
        activity.forEach(entry -> actions.add(entry.path("action").asString()));
        assertThat(actions).containsExactly("CREATED", "TITLE", "DESCRIPTION", "DUE", "PRIORITY", "ASSIGNEE",
                "STATUS", "COMMENT", "DUE");
        assertThat(activity.get(0).path("actor").path("id").asString()).isEqualTo(team.ana().userId().toString());
        assertThat(activity.get(1).path("from").asString()).isEqualTo("Draft the reply template");
        assertThat(activity.get(1).path("to").asString()).isEqualTo("Draft the refund reply template");
        assertThat(activity.get(3).path("from").isNull()).isTrue();
        assertThat(Instant.parse(activity.get(3).path("to").asString())).isEqualTo(due);
        assertThat(activity.get(4).path("to").asString()).isEqualTo("URGENT");
        assertThat(activity.get(5).path("fromName").asString()).isEqualTo("Member " + team.ana().email());
        assertThat(activity.get(5).path("toName").asString()).isEqualTo("Member " + team.ben().email());
        assertThat(activity.get(6).path("actor").path("id").asString()).isEqualTo(team.ben().userId().toString());
        assertThat(activity.get(6).path("to").asString()).isEqualTo("IN_PROGRESS");
        assertThat(activity.get(8).path("to").isNull()).as("the due time was cleared").isTrue();
        assertThat(activity.get(8).path("occurredAt").isNull()).isFalse();
        JsonNode task = api.get("/api/v1/tasks/" + id, team.ana().accessToken()).body();
        assertThat(task.path("comments").asInt()).isEqualTo(1);
        assertThat(task.path("dueAt").isNull()).isTrue();
    }

    @Test
    void theListFiltersByStatusAssigneePriorityDueConversationOverdueAndText() {
        Team team = tasks.team("tasks-filters");
        UUID chat = tasks.conversation(team, "Lia", "lia@example.com", "Do you ship to Lisbon?");
        Instant now = Instant.now();
        String soon = now.plus(Duration.ofHours(5)).toString();
        String later = now.plus(Duration.ofDays(10)).toString();
        String past = now.minus(Duration.ofHours(3)).toString();
        String shipping = tasks.create(team.ana(), Map.of("title", "Shipping rates for Portugal", "dueAt", soon,
                "priority", "HIGH", "assigneeId", team.ben().userId().toString(), "conversationId", chat.toString()))
                .path("id").asString();
        String invoice = tasks.create(team.ana(), Map.of("title", "Resend invoice", "description", "Lisbon office",
                "dueAt", later, "priority", "LOW", "assigneeId", team.ana().userId().toString())).path("id").asString();
        String late = tasks.create(team.ben(), Map.of("title", "Call back the supplier", "dueAt", past,
                "priority", "URGENT")).path("id").asString();
        String done = tasks.create(team.ben(), Map.of("title", "Old chore", "dueAt", past)).path("id").asString();
        tasks.patch(team.ben(), done, Map.of("status", "COMPLETED"));
        tasks.patch(team.ben(), late, Map.of("status", "IN_PROGRESS"));
        String ana = team.ana().accessToken();

        assertThat(ids(api.get("/api/v1/tasks?status=OPEN&status=IN_PROGRESS", ana)))
                .containsExactlyInAnyOrder(shipping, invoice, late);
        assertThat(ids(api.get("/api/v1/tasks?status=COMPLETED,IN_PROGRESS", ana)))
                .containsExactlyInAnyOrder(done, late);
        assertThat(ids(api.get("/api/v1/tasks?assignee=me", ana))).containsExactly(invoice);
        assertThat(ids(api.get("/api/v1/tasks?assignee=me", team.ben().accessToken())))
                .containsExactlyInAnyOrder(shipping, late, done);
        assertThat(ids(api.get("/api/v1/tasks?assignee=" + team.ana().userId(), team.ben().accessToken())))
                .containsExactly(invoice);
        assertThat(ids(api.get("/api/v1/tasks?priority=HIGH,URGENT", ana))).containsExactlyInAnyOrder(shipping, late);
        assertThat(ids(api.get("/api/v1/tasks?dueFrom=" + now + "&dueTo=" + now.plus(Duration.ofDays(1)), ana)))
                .containsExactly(shipping);
        assertThat(ids(api.get("/api/v1/tasks?dueTo=" + now, ana))).containsExactlyInAnyOrder(late, done);
        assertThat(ids(api.get("/api/v1/tasks?overdue=true", ana))).containsExactly(late);
        assertThat(ids(api.get("/api/v1/tasks?overdue=false", ana))).containsExactlyInAnyOrder(shipping, invoice, done);
        assertThat(ids(api.get("/api/v1/tasks?conversationId=" + chat, ana))).containsExactly(shipping);
        assertThat(ids(api.get("/api/v1/tasks?q=lisb", ana))).as("description, word prefix").containsExactly(invoice);
        assertThat(ids(api.get("/api/v1/tasks?q=SHIPPING+port", ana))).as("every word, any case")
                .containsExactly(shipping);
        assertThat(ids(api.get("/api/v1/tasks?q=call%20nobody", ana))).isEmpty();
        assertThat(ids(api.get("/api/v1/tasks?q=%25_", ana))).as("punctuation alone filters nothing").hasSize(4);
        assertThat(ids(api.get("/api/v1/tasks?status=OPEN&assignee=me&priority=LOW&q=invoice", ana)))
                .containsExactly(invoice);
        JsonNode overdue = api.get("/api/v1/tasks/" + late, ana).body();
        assertThat(overdue.path("overdue").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/tasks/" + done, ana).body().path("overdue").asBoolean())
                .as("finished work is never overdue").isFalse();
    }

    @Test
    void pagesFollowEachOtherInEverySortOrder() {
        Team team = tasks.team("tasks-pages");
        Instant base = Instant.parse("2030-01-01T10:00:00Z");
        List<String> created = new ArrayList<>();
        String[] priorities = {"LOW", "URGENT", "MEDIUM", "HIGH", "MEDIUM", "LOW", "HIGH"};
        for (int i = 0; i < 7; i++) {
            Map<String, Object> body = new HashMap<>(Map.of("title", "Task " + i, "priority", priorities[i]));
            if (i % 3 != 0) {
                body.put("dueAt", base.plus(Duration.ofHours(10 - i)).toString());
            }
            created.add(tasks.create(team.ana(), body).path("id").asString());
        }
        tasks.patch(team.ana(), created.get(2), Map.of("title", "Task 2, renamed"));

        List<String> byDue = all("/api/v1/tasks?sort=due&limit=2", team.ana());
        assertThat(byDue).containsExactly(created.get(5), created.get(4), created.get(2), created.get(1),
                created.get(0), created.get(3), created.get(6));
        List<String> byDueDesc = all("/api/v1/tasks?sort=due,desc&limit=3", team.ana());
        assertThat(byDueDesc).as("no due time comes last either way").containsExactly(created.get(1), created.get(2),
                created.get(4), created.get(5), created.get(6), created.get(3), created.get(0));
        List<String> byPriority = all("/api/v1/tasks?sort=priority,desc&limit=2", team.ana());
        assertThat(byPriority).containsExactly(created.get(1), created.get(6), created.get(3), created.get(4),
                created.get(2), created.get(5), created.get(0));
        assertThat(all("/api/v1/tasks?sort=created,desc&limit=4", team.ana())).containsExactlyElementsOf(
                created.reversed());
        assertThat(all("/api/v1/tasks?sort=created&limit=1", team.ana())).containsExactlyElementsOf(created);
        List<String> byUpdate = all("/api/v1/tasks?sort=updated,desc&limit=5", team.ana());
        assertThat(byUpdate.getFirst()).isEqualTo(created.get(2));
        assertThat(byUpdate).hasSize(7).doesNotHaveDuplicates();

        Response first = api.get("/api/v1/tasks?sort=due&limit=2", team.ana().accessToken());
        Response wrongSort = api.get("/api/v1/tasks?sort=priority&cursor=" + first.text("nextCursor"),
                team.ana().accessToken());
        assertThat(wrongSort.status()).isEqualTo(400);
        assertThat(wrongSort.code()).isEqualTo("INVALID_CURSOR");
    }

    @Test
    void anotherTenantsTaskIsNotFoundAnywhere() {
        Team team = tasks.team("tasks-mine");
        Team other = tasks.team("tasks-theirs");
        String theirs = tasks.create(other.ana(), "Their secret task", other.ana()).path("id").asString();
        String ana = team.ana().accessToken();

        for (Response response : List.of(api.get("/api/v1/tasks/" + theirs, ana),
                api.patch("/api/v1/tasks/" + theirs, ana, Map.of("title", "Mine now")),
                api.delete("/api/v1/tasks/" + theirs, team.admin().accessToken()),
                api.post("/api/v1/tasks/" + theirs + "/assign", ana, Map.of("assigneeId", team.ana().userId().toString())),
                api.get("/api/v1/tasks/" + theirs + "/comments", ana),
                api.post("/api/v1/tasks/" + theirs + "/comments", ana, Map.of("body", "hello")),
                api.get("/api/v1/tasks/" + theirs + "/activity", ana),
                api.get("/api/v1/tasks/" + UUID.randomUUID(), ana))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("TASK_NOT_FOUND");
        }
        assertThat(api.get("/api/v1/tasks", ana).body().path("items")).isEmpty();
        assertThat(api.get("/api/v1/tasks/" + theirs, other.ana().accessToken()).body().path("title").asString())
                .as("untouched").isEqualTo("Their secret task");
    }

    @Test
    void aRegularOperatorGets403FromEveryTasksEndpoint() {
        Team team = tasks.team("tasks-forbidden");
        UUID chat = tasks.conversation(team, "Ola", null, "Hi");
        String id = tasks.create(team.ana(), "Not for operators", team.ana()).path("id").asString();
        String operator = team.operator().accessToken();
        String me = team.operator().userId().toString();

        List<Response> responses = List.of(
                api.get("/api/v1/tasks", operator),
                api.post("/api/v1/tasks", operator, Map.of("title", "Let me in", "assigneeId", me)),
                api.post("/api/v1/tasks", operator, Map.of()),
                api.raw("POST", "/api/v1/tasks", operator, "application/json", "{not json"),
                api.get("/api/v1/tasks/" + id, operator),
                api.patch("/api/v1/tasks/" + id, operator, Map.of("status", "COMPLETED")),
                api.delete("/api/v1/tasks/" + id, operator),
                api.post("/api/v1/tasks/" + id + "/assign", operator, Map.of("assigneeId", me)),
                api.get("/api/v1/tasks/" + id + "/comments", operator),
                api.post("/api/v1/tasks/" + id + "/comments", operator, Map.of("body", "psst")),
                api.get("/api/v1/tasks/" + id + "/activity", operator),
                api.get("/api/v1/tasks/assignees", operator),
                api.get("/api/v1/tasks/contact-info?conversationId=" + chat, operator),
                api.get("/api/v1/tasks/counts", operator),
                api.get("/api/v1/tasks/report", operator),
                api.get("/api/v1/tasks/" + UUID.randomUUID(), operator));
        for (Response response : responses) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("FORBIDDEN");
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/tasks", null).status()).isEqualTo(401);
        JsonNode task = api.get("/api/v1/tasks/" + id, team.ana().accessToken()).body();
        assertThat(task.path("status").asString()).isEqualTo("OPEN");
        assertThat(task.path("comments").asInt()).isZero();
        assertThat(api.get("/api/v1/audit?action=task.contact_viewed", team.admin().accessToken()).body()
                .path("items")).as("the operator read no contact").isEmpty();
    }

    @Test
    void assigneesAreTheActiveAdminOperatorsAndTenantAdmins() {
        Team team = tasks.team("tasks-assignees");
        Session gone = fixtures.member(team.shop().tenant(), "ADMIN_OPERATOR");
        api.post("/api/v1/users/" + gone.userId() + "/deactivate", team.admin().accessToken(), null);

        JsonNode assignees = api.get("/api/v1/tasks/assignees", team.ben().accessToken()).body();

        List<String> ids = StreamSupport.stream(assignees.spliterator(), false)
                .map(a -> a.path("userId").asString()).toList();
        assertThat(ids).containsExactlyInAnyOrder(team.admin().userId().toString(), team.ana().userId().toString(),
                team.ben().userId().toString());
    }

    @Test
    void assigningOrReassigningToSomeoneElseAsksForANotificationInTheSameTransaction() {
        Team team = tasks.team("tasks-notify");
        UUID tenant = team.tenantId();

        String forBen = tasks.create(team.ana(), "Check the refund", team.ben()).path("id").asString();
        tasks.create(team.ana(), "My own reminder", team.ana());
        Response reassigned = api.post("/api/v1/tasks/" + forBen + "/assign", team.ben().accessToken(),
                Map.of("assigneeId", team.admin().userId().toString()));
        tasks.patch(team.admin(), forBen, Map.of("assigneeId", team.admin().userId().toString()));
        tasks.patch(team.admin(), forBen, Map.of("assigneeId", team.ana().userId().toString()));

        assertThat(reassigned.status()).isEqualTo(200);
        var assigned = notifications.of(tenant, "task.assigned");
        assertThat(assigned).extracting(r -> r.notification().recipient().value())
                .as("Ben, then the admin; nobody for a task of one's own or an unchanged assignee")
                .containsExactly(team.ben().userId(), team.admin().userId(), team.ana().userId());
        assertThat(assigned).allSatisfy(r -> {
            assertThat(r.inTransaction()).isTrue();
            assertThat(r.notification().email()).isTrue();
            assertThat(r.notification().link()).isEqualTo("#/tasks/" + forBen);
            assertThat(r.notification().title()).isEqualTo("New task: Check the refund");
        });
        assertThat(assigned.get(1).notification().body()).startsWith("Member " + team.ben().email()
                + " assigned you the task \"Check the refund\", with no due date.");
    }

    @Test
    void theCreatorOrATenantAdminDeletesATaskForGood() {
        Team team = tasks.team("tasks-delete");
        String anas = tasks.create(team.ana(), "Ana's task", team.ben()).path("id").asString();
        String other = tasks.create(team.ana(), "Another of Ana's", team.ben()).path("id").asString();
        api.post("/api/v1/tasks/" + anas + "/comments", team.ben().accessToken(), Map.of("body", "Noted"));

        Response byAssignee = api.delete("/api/v1/tasks/" + anas, team.ben().accessToken());
        assertThat(byAssignee.status()).isEqualTo(403);
        assertThat(byAssignee.text("detail")).contains("cancel it instead");

        assertThat(api.delete("/api/v1/tasks/" + anas, team.ana().accessToken()).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/tasks/" + other, team.admin().accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tasks/" + anas, team.ana().accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tasks/" + anas + "/comments", team.ana().accessToken()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/tasks/" + anas, team.ana().accessToken()).status()).isEqualTo(404);
        JsonNode deleted = api.get("/api/v1/audit?action=task.deleted", team.admin().accessToken()).body().path("items");
        assertThat(deleted).hasSize(2);
        assertThat(deleted.get(1).path("details").path("title").asString()).isEqualTo("Ana's task");
    }

    @Test
    void theCountsShowTheTeamsOpenOverdueAndDueTodayWork() {
        Team team = tasks.team("tasks-counts");
        Instant now = Instant.now();
        tasks.create(team.ana(), Map.of("title", "Late", "dueAt", now.minus(Duration.ofMinutes(5)).toString()));
        String started = tasks.create(team.ben(), Map.of("title", "Started", "dueAt",
                now.plus(Duration.ofDays(3)).toString())).path("id").asString();
        tasks.patch(team.ben(), started, Map.of("status", "IN_PROGRESS"));
        tasks.create(team.ben(), Map.of("title", "No date"));
        String finished = tasks.create(team.ben(), Map.of("title", "Done", "dueAt",
                now.minus(Duration.ofDays(1)).toString())).path("id").asString();
        tasks.patch(team.ben(), finished, Map.of("status", "COMPLETED"));

        JsonNode counts = api.get("/api/v1/tasks/counts", team.admin().accessToken()).body();

        assertThat(counts.path("open").asInt()).isEqualTo(3);
        assertThat(counts.path("inProgress").asInt()).isEqualTo(1);
        assertThat(counts.path("overdue").asInt()).isEqualTo(1);
        assertThat(counts.path("timeZone").asString()).isEqualTo("UTC");
        assertThat(counts.path("dueToday").asInt()).as("the late task is due today unless today began 5 minutes ago")
                .isBetween(0, 1);
    }

    private void assertField(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.body().path("errors").get(0).path("field").asString()).as(response.toString())
                .isEqualTo(field);
    }

    private List<String> all(String path, Session session) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            Response response = api.get(path + (cursor != null ? "&cursor=" + cursor : ""), session.accessToken());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            ids.addAll(ids(response));
            cursor = response.body().path("nextCursor").asString(null);
            if (cursor == null) {
                return ids;
            }
        }
        throw new AssertionError("more pages than tasks");
    }

    private static List<String> ids(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.body().path("items").spliterator(), false)
                .map(t -> t.path("id").asString()).toList();
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }
}
