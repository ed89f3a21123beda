package dev.parley.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;

import tools.jackson.databind.JsonNode;

/** A tenant with a team for tasks (its admin, two admin operators, an operator) and chats to make tasks from. */
final class TaskFixtures {

    /** The team: the tenant admin, admin operators Ana and Ben, and a regular operator. */
    record Team(ChatTenant shop, Session admin, Session ana, Session ben, Session operator) {

        UUID tenantId() {
            return shop.tenant().id();
        }
    }

    private final Api api;
    private final Fixtures fixtures;
    private final ChatFixtures chat;

    TaskFixtures(Api api) {
        this.api = api;
        this.fixtures = new Fixtures(api);
        this.chat = new ChatFixtures(api);
    }

    Team team(String prefix) {
        // Manual assignment: conversations wait in the queue instead of going to whoever is online.
        ChatTenant shop = chat.tenant(prefix, Map.of("chat", Map.of("assignment", "manual")));
        return new Team(shop, shop.tenant().admin(), fixtures.member(shop.tenant(), "ADMIN_OPERATOR"),
                fixtures.member(shop.tenant(), "ADMIN_OPERATOR"), fixtures.member(shop.tenant(), "OPERATOR"));
    }

    /** A visitor who gave a name and an email (no phone) writes in; answers the conversation's id. */
    UUID conversation(Team team, String name, String email, String message) {
        String origin = ChatFixtures.originOf(team.shop());
        String visitor = chat.startVisitor(team.shop(), null).text("visitorToken");
        Map<String, Object> identity = new HashMap<>();
        if (name != null) {
            identity.put("name", name);
        }
        if (email != null) {
            identity.put("email", email);
        }
        if (!identity.isEmpty()) {
            Response identified = chat.widget("POST", "/api/v1/widget/identify", visitor, origin, identity);
            assertThat(identified.status()).as(identified.toString()).isEqualTo(200);
        }
        Response sent = chat.widget("POST", "/api/v1/widget/messages", visitor, origin, Map.of("body", message));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return UUID.fromString(sent.text("conversationId"));
    }

    JsonNode create(Session by, Map<String, Object> body) {
        Response created = api.post("/api/v1/tasks", by.accessToken(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body();
    }

    JsonNode create(Session by, String title, Session assignee) {
        return create(by, Map.of("title", title, "assigneeId", assignee.userId().toString()));
    }

    JsonNode patch(Session by, String id, Map<String, Object> body) {
        Response patched = api.patch("/api/v1/tasks/" + id, by.accessToken(), body);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        return patched.body();
    }
}
