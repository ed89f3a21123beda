package dev.parley.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import dev.parley.chat.ConversationErased;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.support.Api;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.tasks.TaskFixtures.Team;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * The retention hook: when a conversation's personal data is erased ({@link ConversationErased}), its tasks lose
 * their copy of the contact's details in the same transaction, and keep everything else.
 */
@ParleyIntegrationTest
class TaskRetentionIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    Api api;
    TaskFixtures tasks;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tasks = new TaskFixtures(api);
    }

    @Test
    void erasingAConversationErasesTheContactCopiesOfItsTasksOnly() {
        Team team = tasks.team("retention");
        UUID erased = tasks.conversation(team, "Erin Erased", "erin@example.com", "Please forget me");
        UUID kept = tasks.conversation(team, "Kim Kept", "kim@example.com", "Hello");
        String first = task(team, "Refund Erin", erased);
        String second = task(team, "Close Erin's account", erased);
        String other = task(team, "Call Kim", kept);
        api.post("/api/v1/tasks/" + first + "/comments", team.ben().accessToken(), Map.of("body", "Refunded."));

        erase(team, erased, false);

        for (String id : List.of(first, second)) {
            JsonNode task = api.get("/api/v1/tasks/" + id, team.ana().accessToken()).body();
            JsonNode contact = task.path("contact");
            assertThat(contact.path("name").isNull()).isTrue();
            assertThat(contact.path("email").isNull()).isTrue();
            assertThat(contact.path("phone").isNull()).isTrue();
            assertThat(contact.path("erasedAt").isNull()).isFalse();
            assertThat(contact.path("missing")).as("nothing is missing: it was erased").isEmpty();
            assertThat(task.path("conversationId").asString()).as("the task still leads to the chat")
                    .isEqualTo(erased.toString());
            JsonNode last = last(api.get("/api/v1/tasks/" + id + "/activity", team.ana().accessToken()).body());
            assertThat(last.path("action").asString()).isEqualTo("CONTACT_ERASED");
            assertThat(last.path("actor").isNull()).as("the system erased it").isTrue();
        }
        JsonNode firstTask = api.get("/api/v1/tasks/" + first, team.ana().accessToken()).body();
        assertThat(firstTask.path("title").asString()).isEqualTo("Refund Erin");
        assertThat(firstTask.path("comments").asInt()).isEqualTo(1);
        JsonNode untouched = api.get("/api/v1/tasks/" + other, team.ana().accessToken()).body().path("contact");
        assertThat(untouched.path("name").asString()).isEqualTo("Kim Kept");
        assertThat(untouched.path("email").asString()).isEqualTo("kim@example.com");
        JsonNode views = api.get("/api/v1/audit?action=task.contact_viewed", team.admin().accessToken()).body()
                .path("items");
        assertThat(views).as("reading an erased copy shows no contact details, so it is no contact view")
                .hasSize(1);
        assertThat(views.get(0).path("targetId").asString()).isEqualTo(other);

        erase(team, erased, false);
        JsonNode again = api.get("/api/v1/tasks/" + first + "/activity", team.ana().accessToken()).body();
        assertThat(StreamSupport.stream(again.spliterator(), false)
                .filter(e -> e.path("action").asString().equals("CONTACT_ERASED")).count())
                .as("erasing twice records it once").isEqualTo(1);
    }

    @Test
    void theErasureBelongsToTheErasingTransactionAndGoesIfItRollsBack() {
        Team team = tasks.team("retention-rollback");
        UUID conversation = tasks.conversation(team, "Rhea Rollback", "rhea@example.com", "Hi");
        String id = task(team, "Call Rhea", conversation);

        erase(team, conversation, true);

        JsonNode contact = api.get("/api/v1/tasks/" + id, team.ana().accessToken()).body().path("contact");
        assertThat(contact.path("name").asString()).isEqualTo("Rhea Rollback");
        assertThat(contact.path("erasedAt").isNull()).isTrue();
    }

    private String task(Team team, String title, UUID conversation) {
        return tasks.create(team.ana(), Map.of("title", title, "assigneeId", team.ben().userId().toString(),
                "conversationId", conversation.toString())).path("id").asString();
    }

    /** As chat's retention will: publishes the event inside the tenant transaction that erases the conversation. */
    private void erase(Team team, UUID conversation, boolean rollBack) {
        UUID contact = UUID.fromString(api.get("/api/v1/conversations/" + conversation, team.admin().accessToken())
                .text("contactId"));
        TenantId tenant = TenantId.of(team.tenantId());
        TenantContext.runAs(tenant, () -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            events.publishEvent(new ConversationErased(tenant, conversation, contact));
            if (rollBack) {
                status.setRollbackOnly();
            }
        }));
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }
}
