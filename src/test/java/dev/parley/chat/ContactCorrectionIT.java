package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Admin operators and tenant admins correct a contact's name, email and phone; the input is checked and audited. */
@ParleyIntegrationTest
class ContactCorrectionIT {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        chat = new ChatFixtures(api);
    }

    @Test
    void anAdminOperatorAddsAPhoneNumberAndCorrectsTheNameAndTheChangeIsAudited() {
        ChatTenant shop = chat.tenant("contact-fix", Map.of());
        UUID contact = contactOf(shop, Map.of("name", "Jon Smiht", "email", "jon@example.com"));
        String adminOperator = fixtures.member(shop.tenant(), "ADMIN_OPERATOR").accessToken();

        Response fixed = api.patch("/api/v1/contacts/" + contact, adminOperator,
                Map.of("name", "  Jon Smith ", "phone", "+32 (0)470 12-34-56"));

        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);
        assertThat(fixed.text("name")).isEqualTo("Jon Smith");
        assertThat(fixed.text("phone")).isEqualTo("+32 (0)470 12-34-56");
        assertThat(fixed.text("email")).as("left out: unchanged").isEqualTo("jon@example.com");
        assertThat(api.get("/api/v1/contacts/" + contact, adminOperator).text("phone")).isEqualTo("+32 (0)470 12-34-56");
        JsonNode entry = api.get("/api/v1/audit?action=contact.updated", shop.tenant().admin().accessToken())
                .body().path("items").get(0);
        assertThat(entry.path("targetId").asString()).isEqualTo(contact.toString());
        assertThat(entry.path("details").path("fields").toString()).isEqualTo("[\"name\",\"phone\"]");
        assertThat(entry.toString()).as("the trail names fields, not their values")
                .doesNotContain("12-34-56").doesNotContain("Jon Smith");

        Response cleared = api.patch("/api/v1/contacts/" + contact, shop.tenant().admin().accessToken(),
                Map.of("email", ""));
        assertThat(cleared.status()).as("tenant admins too").isEqualTo(200);
        assertThat(cleared.body().path("email").isNull()).as("an empty string clears").isTrue();
    }

    @Test
    void malformedDetailsAreA400NamingTheField() {
        ChatTenant shop = chat.tenant("contact-bad", Map.of());
        UUID contact = contactOf(shop, Map.of("name", "Val Idate"));
        String admin = shop.tenant().admin().accessToken();

        assertThat(field(api.patch("/api/v1/contacts/" + contact, admin, Map.of("email", "not-an-email")))).isEqualTo("email");
        assertThat(field(api.patch("/api/v1/contacts/" + contact, admin, Map.of("email", "a b@example.com")))).isEqualTo("email");
        assertThat(field(api.patch("/api/v1/contacts/" + contact, admin, Map.of("phone", "call me maybe")))).isEqualTo("phone");
        assertThat(field(api.patch("/api/v1/contacts/" + contact, admin, Map.of("phone", "+1 2")))).isEqualTo("phone");
        assertThat(field(api.patch("/api/v1/contacts/" + contact, admin, Map.of("phone", "1".repeat(51))))).isEqualTo("phone");
        assertThat(field(api.patch("/api/v1/contacts/" + contact, admin, Map.of("name", "n".repeat(201))))).isEqualTo("name");
        assertThat(field(api.patch("/api/v1/contacts/" + contact, admin, Map.of("nickname", "Val")))).isEqualTo("nickname");
        assertThat(api.get("/api/v1/contacts/" + contact, admin).text("name")).as("nothing changed").isEqualTo("Val Idate");
    }

    @Test
    void aRegularOperatorMayNotAndAnotherTenantsContactIsNotFound() {
        ChatTenant shop = chat.tenant("contact-who", Map.of());
        ChatTenant other = chat.tenant("contact-who-other", Map.of());
        UUID contact = contactOf(shop, Map.of("name", "Pri Vate"));
        String operator = fixtures.member(shop.tenant(), "OPERATOR").accessToken();

        Response byOperator = api.patch("/api/v1/contacts/" + contact, operator, Map.of("phone", "+1 555 123 4567"));
        Response byStranger = api.patch("/api/v1/contacts/" + contact, other.tenant().admin().accessToken(),
                Map.of("phone", "+1 555 123 4567"));

        assertThat(byOperator.status()).isEqualTo(403);
        assertThat(byOperator.code()).isEqualTo("FORBIDDEN");
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(byStranger.code()).isEqualTo("CONTACT_NOT_FOUND");
        assertThat(api.get("/api/v1/contacts/" + contact, shop.tenant().admin().accessToken()).body().path("phone")
                .isNull()).isTrue();
    }

    private UUID contactOf(ChatTenant shop, Map<String, Object> identity) {
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        chat.widget("POST", "/api/v1/widget/identify", visitor, ChatFixtures.originOf(shop), identity);
        String conversation = chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(shop),
                Map.of("body", "hello")).text("conversationId");
        return UUID.fromString(api.get("/api/v1/conversations/" + conversation, shop.tenant().admin().accessToken())
                .text("contactId"));
    }

    private static String field(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        return response.body().path("errors").get(0).path("field").asString();
    }
}
