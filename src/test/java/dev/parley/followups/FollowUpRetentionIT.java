package dev.parley.followups;

import static dev.parley.followups.FollowUpFixtures.inHours;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import dev.parley.chat.ConversationErased;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.support.Api;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Data retention: when a conversation's personal data is erased ({@link ConversationErased}), its follow-ups lose
 * their copies of the contact's name, email and phone in the same transaction, and stay for the calendar and reports.
 */
@ParleyIntegrationTest
class FollowUpRetentionIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    Api api;
    FollowUpFixtures followUps;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        followUps = new FollowUpFixtures(api);
    }

    @Test
    void erasingAConversationErasesTheContactDetailsCopiedIntoItsFollowUpsAndKeepsTheFollowUps() {
        ChatTenant shop = followUps.tenant("retention");
        String admin = shop.tenant().admin().accessToken();
        UUID erased = followUps.conversation(shop, "Erin Erased", "erin@example.com", "+353 1 234 5678");
        UUID kept = followUps.conversation(shop, "Kim Kept", "kim@example.com", "+353 1 876 5432");
        UUID call = followUps.scheduled(admin, erased, "CALL", inHours(5), Map.of("notes", "Discuss the refund"));
        UUID done = followUps.scheduled(admin, erased, "EMAIL", inHours(6), Map.of());
        api.post("/api/v1/followups/" + done + "/complete", admin, Map.of("outcomeCode", "REACHED"));
        UUID other = followUps.scheduled(admin, kept, "CALL", inHours(5), Map.of());
        UUID contact = UUID.fromString(api.get("/api/v1/conversations/" + erased, admin).text("contactId"));

        erase(shop, erased, contact, false);

        for (UUID id : new UUID[] {call, done}) {
            JsonNode followUp = api.get("/api/v1/followups/" + id, admin).body();
            assertThat(followUp.path("contact").path("erased").asBoolean()).isTrue();
            assertThat(followUp.path("contact").path("name").isNull()).isTrue();
            assertThat(followUp.path("contact").path("email").isNull()).isTrue();
            assertThat(followUp.path("contact").path("phone").isNull()).isTrue();
            assertThat(followUp.path("contactName").isNull()).isTrue();
        }
        JsonNode stays = api.get("/api/v1/followups/" + call, admin).body();
        assertThat(stays.path("status").asString()).as("the follow-up itself stays").isEqualTo("SCHEDULED");
        assertThat(stays.path("notes").asString()).isEqualTo("Discuss the refund");
        assertThat(api.get("/api/v1/followups/" + done, admin).text("outcomeCode")).isEqualTo("REACHED");
        JsonNode untouched = api.get("/api/v1/followups/" + other, admin).body().path("contact");
        assertThat(untouched.path("email").asString()).as("another conversation's follow-up").isEqualTo("kim@example.com");
        assertThat(untouched.path("erased").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/audit?action=followup.contact_erased", admin).body().path("items").get(0)
                .path("details").path("followUps").asInt()).isEqualTo(2);
    }

    @Test
    void anErasureThatRollsBackLeavesTheFollowUpsCopiesAsTheyWere() {
        ChatTenant shop = followUps.tenant("retention-rb");
        String admin = shop.tenant().admin().accessToken();
        UUID conversation = followUps.conversation(shop, "Rolf Back", "rolf@example.com", null);
        UUID id = followUps.scheduled(admin, conversation, "EMAIL", inHours(5), Map.of());
        UUID contact = UUID.fromString(api.get("/api/v1/conversations/" + conversation, admin).text("contactId"));

        erase(shop, conversation, contact, true);

        JsonNode followUp = api.get("/api/v1/followups/" + id, admin).body();
        assertThat(followUp.path("contact").path("email").asString()).isEqualTo("rolf@example.com");
        assertThat(followUp.path("contact").path("erased").asBoolean()).isFalse();
    }

    /** Publishes the event as chat's retention will: inside the tenant transaction that erases the conversation. */
    private void erase(ChatTenant shop, UUID conversation, UUID contact, boolean rollBack) {
        TenantId tenant = TenantId.of(shop.tenant().id());
        TenantContext.runAs(tenant, () -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            events.publishEvent(new ConversationErased(tenant, conversation, contact));
            if (rollBack) {
                status.setRollbackOnly();
            }
        }));
    }
}
