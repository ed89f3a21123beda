package dev.parley.followups;

import static dev.parley.followups.FollowUpFixtures.inHours;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The follow-up API: scheduling against what the contact can be reached by, reading with the contact's details and
 * the chain, listing for the calendar, changes and status transitions, and who may do any of it.
 */
@ParleyIntegrationTest
class FollowUpsApiIT {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    FollowUpFixtures followUps;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        followUps = new FollowUpFixtures(api);
    }

    @Test
    void anAdminOperatorSchedulesAFollowUpAndReadsItWithTheContactsDetailsWhichIsAudited() {
        ChatTenant shop = followUps.tenant("fu-create");
        Session adminOperator = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        UUID conversation = followUps.conversation(shop, "Jane Doe", "jane@example.com", "+32 470 12 34 56");
        Instant at = inHours(26);

        Response created = followUps.schedule(adminOperator.accessToken(), conversation, "CALL", at,
                Map.of("notes", "Ask whether the replacement arrived.", "assigneeId", adminOperator.userId().toString()));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.body();
        assertThat(body.path("type").asString()).isEqualTo("CALL");
        assertThat(body.path("channel").asString()).as("a call goes by phone unless told").isEqualTo("PHONE");
        assertThat(body.path("status").asString()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(body.path("scheduledAt").asString())).isEqualTo(at);
        assertThat(body.path("assigneeId").asString()).isEqualTo(adminOperator.userId().toString());
        assertThat(body.path("createdById").asString()).isEqualTo(adminOperator.userId().toString());
        assertThat(body.path("contactName").asString()).isEqualTo("Jane Doe");
        assertThat(body.path("conversationId").asString()).isEqualTo(conversation.toString());
        assertThat(body.path("notes").asString()).isEqualTo("Ask whether the replacement arrived.");

        String id = created.text("id");
        Response read = api.get("/api/v1/followups/" + id, adminOperator.accessToken());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("contact").path("email").asString()).isEqualTo("jane@example.com");
        assertThat(read.body().path("contact").path("phone").asString()).isEqualTo("+32 470 12 34 56");
        assertThat(read.body().path("conversationNumber").asInt()).isPositive();
        assertThat(read.body().path("ancestors").size()).isZero();
        assertThat(read.body().path("children").size()).isZero();

        JsonNode audit = api.get("/api/v1/audit?action=followup.contact_viewed", shop.tenant().admin().accessToken())
                .body().path("items");
        assertThat(audit.size()).isEqualTo(1);
        assertThat(audit.get(0).path("targetId").asString()).isEqualTo(id);
        assertThat(audit.get(0).path("actorUserId").asString()).isEqualTo(adminOperator.userId().toString());
    }

    @Test
    void aChannelTheContactCannotBeReachedByIsA422NamingTheMissingField() {
        ChatTenant shop = followUps.tenant("fu-channel");
        String admin = shop.tenant().admin().accessToken();
        UUID emailOnly = followUps.conversation(shop, "Ema Il", "ema@example.com", null);
        UUID phoneOnly = followUps.conversation(shop, "Phil Phone", null, "+1 (555) 123-4567");

        for (String type : List.of("CALL", "SMS", "WHATSAPP")) {
            Response refused = followUps.schedule(admin, emailOnly, type, inHours(5), Map.of());
            assertThat(refused.status()).as(type).isEqualTo(422);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.code()).isEqualTo("CONTACT_INFO_MISSING");
            assertThat(refused.text("field")).as(type).isEqualTo("phone");
            assertThat(refused.text("type")).isEqualTo(type);
            assertThat(refused.text("detail")).startsWith("This contact has no phone number");
        }
        Response noEmail = followUps.schedule(admin, phoneOnly, "EMAIL", inHours(5), Map.of());
        assertThat(noEmail.status()).isEqualTo(422);
        assertThat(noEmail.code()).isEqualTo("CONTACT_INFO_MISSING");
        assertThat(noEmail.text("field")).isEqualTo("email");
        assertThat(noEmail.text("detail")).isEqualTo(
                "This contact has no email address: add one before scheduling an email.");
        Response videoMeeting = followUps.schedule(admin, phoneOnly, "MEETING", inHours(5), Map.of());
        assertThat(videoMeeting.text("field")).as("a video meeting's link goes by mail").isEqualTo("email");

        assertThat(followUps.schedule(admin, emailOnly, "EMAIL", inHours(5), Map.of()).status()).isEqualTo(201);
        assertThat(followUps.schedule(admin, phoneOnly, "CALL", inHours(5), Map.of()).status()).isEqualTo(201);
        assertThat(followUps.schedule(admin, phoneOnly, "MEETING", inHours(5), Map.of("channel", "IN_PERSON"))
                .status()).isEqualTo(201);

        UUID contact = UUID.fromString(api.get("/api/v1/conversations/" + emailOnly, admin).text("contactId"));
        Response fixed = api.patch("/api/v1/contacts/" + contact, admin, Map.of("phone", "+44 20 7946 0958"));
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);
        Response call = followUps.schedule(admin, emailOnly, "CALL", inHours(5), Map.of());
        assertThat(call.status()).as("once the phone is added: %s", call).isEqualTo(201);
        assertThat(api.get("/api/v1/followups/" + call.text("id"), admin).body().path("contact").path("phone")
                .asString()).isEqualTo("+44 20 7946 0958");

        UUID emailFollowUp = followUps.scheduled(admin, phoneOnly, "SMS", inHours(5), Map.of());
        Response retyped = api.patch("/api/v1/followups/" + emailFollowUp, admin, Map.of("type", "EMAIL"));
        assertThat(retyped.status()).as("changing the type checks again").isEqualTo(422);
        assertThat(retyped.text("field")).isEqualTo("email");
    }

    @Test
    void badSchedulingInputIsA400NamingTheField() {
        ChatTenant shop = followUps.tenant("fu-input");
        String admin = shop.tenant().admin().accessToken();
        UUID conversation = followUps.conversation(shop, "Paula Past", "paula@example.com", "+33 1 23 45 67 89");

        Response past = followUps.schedule(admin, conversation, "CALL", Instant.now().minusSeconds(60), Map.of());
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(past.body().path("errors").get(0).path("field").asString()).isEqualTo("scheduledAt");
        assertThat(past.body().path("errors").get(0).path("message").asString()).isEqualTo("must be in the future");

        assertThat(field(followUps.schedule(admin, conversation, "EMAIL", inHours(2), Map.of("channel", "PHONE"))))
                .as("an email does not go by phone").isEqualTo("channel");
        assertThat(field(followUps.schedule(admin, conversation, "FAX", inHours(2), Map.of()))).isEqualTo("type");
        assertThat(field(followUps.schedule(admin, conversation, "CALL", inHours(2), Map.of("notes", "x".repeat(10_001)))))
                .isEqualTo("notes");
        assertThat(field(followUps.schedule(admin, null, "CALL", inHours(2), Map.of()))).isEqualTo("conversationId");
        assertThat(field(api.post("/api/v1/followups", admin, Map.of("conversationId", conversation.toString(),
                "type", "CALL")))).isEqualTo("scheduledAt");
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");
        assertThat(field(followUps.schedule(admin, conversation, "CALL", inHours(2),
                Map.of("assigneeId", operator.userId().toString()))))
                .as("a regular operator cannot own follow-ups").isEqualTo("assigneeId");
        ChatTenant other = followUps.tenant("fu-input-other");
        assertThat(field(followUps.schedule(admin, conversation, "CALL", inHours(2),
                Map.of("assigneeId", other.tenant().admin().userId().toString()))))
                .as("nor can another tenant's admin").isEqualTo("assigneeId");
        Response otherConversation = followUps.schedule(admin,
                followUps.conversation(other, "Out Sider", "out@example.com", null), "EMAIL", inHours(2), Map.of());
        assertThat(otherConversation.status()).isEqualTo(404);
    }

    @Test
    void aFollowUpScheduledFromAnotherShowsItsChainBothWays() {
        ChatTenant shop = followUps.tenant("fu-chain");
        String admin = shop.tenant().admin().accessToken();
        UUID conversation = followUps.conversation(shop, "Chris Chain", "chris@example.com", "+49 30 123456");
        UUID first = followUps.scheduled(admin, conversation, "CALL", inHours(3), Map.of());
        api.post("/api/v1/followups/" + first + "/complete", admin,
                Map.of("outcomeCode", "RESCHEDULED", "outcome", "Asked to call back on Friday."));

        Response second = followUps.schedule(admin, null, "CALL", inHours(48), Map.of("parentId", first.toString()));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.text("conversationId")).as("the parent gives the conversation")
                .isEqualTo(conversation.toString());
        assertThat(second.text("parentId")).isEqualTo(first.toString());
        UUID secondId = UUID.fromString(second.text("id"));
        UUID third = followUps.scheduled(admin, null, "EMAIL", inHours(72), Map.of("parentId", secondId.toString()));
        UUID sibling = followUps.scheduled(admin, null, "SMS", inHours(50), Map.of("parentId", secondId.toString()));

        JsonNode middle = api.get("/api/v1/followups/" + secondId, admin).body();
        assertThat(ids(middle.path("ancestors"))).containsExactly(first.toString());
        assertThat(ids(middle.path("children"))).as("by time").containsExactly(sibling.toString(), third.toString());
        JsonNode last = api.get("/api/v1/followups/" + third, admin).body();
        assertThat(ids(last.path("ancestors"))).as("oldest first").containsExactly(first.toString(), secondId.toString());
        assertThat(last.path("ancestors").get(0).path("outcomeCode").asString()).isEqualTo("RESCHEDULED");

        ChatTenant other = followUps.tenant("fu-chain-other");
        Response foreignParent = followUps.schedule(other.tenant().admin().accessToken(), null, "CALL", inHours(4),
                Map.of("parentId", first.toString()));
        assertThat(foreignParent.status()).isEqualTo(400);
        assertThat(field(foreignParent)).isEqualTo("parentId");
        Response otherConversation = followUps.schedule(admin, followUps.conversation(shop, "Someone Else",
                "else@example.com", null), "EMAIL", inHours(4), Map.of("parentId", first.toString()));
        assertThat(field(otherConversation)).isEqualTo("conversationId");
    }

    @Test
    void statusChangesFollowTheAllowedTransitionsAndClosedFollowUpsKeepTheirPlan() {
        ChatTenant shop = followUps.tenant("fu-status");
        String admin = shop.tenant().admin().accessToken();
        UUID conversation = followUps.conversation(shop, "Sam Status", "sam@example.com", "+31 20 123 4567");
        UUID call = followUps.scheduled(admin, conversation, "CALL", inHours(4), Map.of());

        Response noCode = api.post("/api/v1/followups/" + call + "/complete", admin, Map.of("outcome", "Fine"));
        assertThat(field(noCode)).isEqualTo("outcomeCode");
        Response badCode = api.post("/api/v1/followups/" + call + "/complete", admin, Map.of("outcomeCode", "MAYBE"));
        assertThat(badCode.status()).isEqualTo(400);
        Response completed = api.post("/api/v1/followups/" + call + "/complete", admin,
                Map.of("outcomeCode", "REACHED", "outcome", "Replacement arrived; all good."));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.text("status")).isEqualTo("COMPLETED");
        assertThat(completed.text("outcomeCode")).isEqualTo("REACHED");
        assertThat(completed.text("outcome")).isEqualTo("Replacement arrived; all good.");
        assertThat(completed.text("completedAt")).isNotNull();

        Response again = api.post("/api/v1/followups/" + call + "/cancel", admin, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INVALID_STATUS_TRANSITION");
        Response moved = api.patch("/api/v1/followups/" + call, admin, Map.of("scheduledAt", inHours(9).toString()));
        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.code()).isEqualTo("FOLLOWUP_CLOSED");
        Response noted = api.patch("/api/v1/followups/" + call, admin, Map.of("notes", "Sent a voucher too."));
        assertThat(noted.status()).as("notes can be added after the fact").isEqualTo(200);
        assertThat(noted.text("notes")).isEqualTo("Sent a voucher too.");

        UUID email = followUps.scheduled(admin, conversation, "EMAIL", inHours(6), Map.of());
        Instant later = inHours(30);
        Response rescheduled = api.patch("/api/v1/followups/" + email, admin, Map.of("scheduledAt", later.toString(),
                "type", "MEETING", "channel", "IN_PERSON"));
        assertThat(rescheduled.status()).as(rescheduled.toString()).isEqualTo(200);
        assertThat(Instant.parse(rescheduled.text("scheduledAt"))).isEqualTo(later);
        assertThat(rescheduled.text("channel")).isEqualTo("IN_PERSON");
        Response past = api.patch("/api/v1/followups/" + email, admin,
                Map.of("scheduledAt", Instant.now().minusSeconds(3600).toString()));
        assertThat(field(past)).isEqualTo("scheduledAt");
        Response cancelled = api.post("/api/v1/followups/" + email + "/cancel", admin,
                Map.of("outcome", "Customer will come to the shop instead."));
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.text("outcome")).isEqualTo("Customer will come to the shop instead.");
        assertThat(api.post("/api/v1/followups/" + email + "/complete", admin, Map.of("outcomeCode", "REACHED"))
                .code()).isEqualTo("INVALID_STATUS_TRANSITION");

        UUID child = followUps.scheduled(admin, null, "EMAIL", inHours(8), Map.of("parentId", call.toString()));
        Response withChildren = api.delete("/api/v1/followups/" + call, admin);
        assertThat(withChildren.status()).isEqualTo(409);
        assertThat(withChildren.code()).isEqualTo("FOLLOWUP_HAS_CHILDREN");
        assertThat(api.delete("/api/v1/followups/" + child, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/followups/" + child, admin).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/followups/" + call, admin).status()).isEqualTo(204);
    }

    @Test
    void theListFiltersByTimeRangeStatusTypeAssigneeAndConversationAndPagesInTimeOrder() {
        ChatTenant shop = followUps.tenant("fu-list");
        String admin = shop.tenant().admin().accessToken();
        Session colleague = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        UUID one = followUps.conversation(shop, "Lia List", "lia@example.com", "+39 06 1234 5678");
        UUID two = followUps.conversation(shop, "Leo List", "leo@example.com", "+39 06 8765 4321");
        String mine = shop.tenant().admin().userId().toString();
        UUID a = followUps.scheduled(admin, one, "CALL", inHours(30), Map.of("assigneeId", mine));
        UUID b = followUps.scheduled(admin, one, "EMAIL", inHours(10), Map.of("assigneeId", colleague.userId().toString()));
        UUID c = followUps.scheduled(admin, two, "CALL", inHours(20), Map.of("assigneeId", mine));
        UUID d = followUps.scheduled(admin, two, "SMS", inHours(200), Map.of("assigneeId", mine));
        UUID e = followUps.scheduled(admin, two, "EMAIL", inHours(40), Map.of("assigneeId", colleague.userId().toString()));
        api.post("/api/v1/followups/" + e + "/cancel", admin, Map.of());

        assertThat(list(admin, "")).as("everyone's, in time order")
                .containsExactly(b.toString(), c.toString(), a.toString(), e.toString(), d.toString());
        assertThat(list(admin, "from=" + inHours(15) + "&to=" + inHours(35))).containsExactly(c.toString(), a.toString());
        assertThat(list(admin, "status=CANCELLED")).containsExactly(e.toString());
        assertThat(list(admin, "type=CALL")).containsExactly(c.toString(), a.toString());
        assertThat(list(admin, "assignee=me")).containsExactly(c.toString(), a.toString(), d.toString());
        assertThat(list(colleague.accessToken(), "assignee=me")).containsExactly(b.toString(), e.toString());
        assertThat(list(admin, "assignee=" + colleague.userId())).containsExactly(b.toString(), e.toString());
        assertThat(list(admin, "conversationId=" + two)).containsExactly(c.toString(), e.toString(), d.toString());

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/api/v1/followups?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin)
                    .body();
            paged.addAll(ids(page.path("items")));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(paged).containsExactly(b.toString(), c.toString(), a.toString(), e.toString(), d.toString());
        assertThat(pages).isEqualTo(3);

        JsonNode item = api.get("/api/v1/followups?conversationId=" + one, admin).body().path("items").get(0);
        assertThat(item.path("contactName").asString()).isEqualTo("Lia List");
        assertThat(item.has("contact")).as("lists carry no email or phone").isFalse();
        assertThat(field(api.get("/api/v1/followups?from=" + inHours(10) + "&to=" + inHours(5), admin))).isEqualTo("to");
        assertThat(field(api.get("/api/v1/followups?assignee=someone", admin))).isEqualTo("assignee");
        assertThat(api.get("/api/v1/followups?cursor=nonsense", admin).code()).isEqualTo("INVALID_CURSOR");
    }

    @Test
    void aRegularOperatorGets403FromEveryFollowUpEndpoint() {
        ChatTenant shop = followUps.tenant("fu-forbidden");
        String admin = shop.tenant().admin().accessToken();
        UUID conversation = followUps.conversation(shop, "Olga Op", "olga@example.com", "+1 555 000 1111");
        UUID id = followUps.scheduled(admin, conversation, "CALL", inHours(5), Map.of());
        String operator = fixtures.member(shop.tenant(), "OPERATOR").accessToken();
        Map<String, Object> body = Map.of("conversationId", conversation.toString(), "type", "CALL",
                "scheduledAt", inHours(5).toString());

        List<Response> answers = List.of(
                api.post("/api/v1/followups", operator, body),
                api.get("/api/v1/followups", operator),
                api.get("/api/v1/followups/" + id, operator),
                api.patch("/api/v1/followups/" + id, operator, Map.of("notes", "x")),
                api.post("/api/v1/followups/" + id + "/complete", operator, Map.of("outcomeCode", "REACHED")),
                api.post("/api/v1/followups/" + id + "/cancel", operator, Map.of()),
                api.delete("/api/v1/followups/" + id, operator),
                api.get("/api/v1/followups/contact?conversationId=" + conversation, operator),
                api.get("/api/v1/followups/report", operator),
                api.get("/api/v1/followups/settings", operator),
                api.put("/api/v1/followups/settings", operator, Map.of("assignment", "round_robin")));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("FORBIDDEN");
        });
        assertThat(api.get("/api/v1/followups/" + id, admin).text("status")).as("nothing changed").isEqualTo("SCHEDULED");
    }

    @Test
    void anotherTenantsFollowUpIsNotFoundAndNeverListed() {
        ChatTenant shop = followUps.tenant("fu-mine");
        ChatTenant other = followUps.tenant("fu-theirs");
        String admin = shop.tenant().admin().accessToken();
        UUID id = followUps.scheduled(admin, followUps.conversation(shop, "Iso Lated", "iso@example.com", null),
                "EMAIL", inHours(5), Map.of());
        String stranger = other.tenant().admin().accessToken();

        List<Response> answers = List.of(
                api.get("/api/v1/followups/" + id, stranger),
                api.patch("/api/v1/followups/" + id, stranger, Map.of("notes", "x")),
                api.post("/api/v1/followups/" + id + "/complete", stranger, Map.of("outcomeCode", "REACHED")),
                api.post("/api/v1/followups/" + id + "/cancel", stranger, Map.of()),
                api.delete("/api/v1/followups/" + id, stranger));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("FOLLOWUP_NOT_FOUND");
        });
        assertThat(api.get("/api/v1/followups", stranger).body().path("items").size()).isZero();
        assertThat(api.get("/api/v1/followups/" + id, admin).text("status")).isEqualTo("SCHEDULED");
    }

    @Test
    void theSchedulingFormsContactLookupIsAudited() {
        ChatTenant shop = followUps.tenant("fu-lookup");
        String admin = shop.tenant().admin().accessToken();
        UUID conversation = followUps.conversation(shop, "Lou Kup", "lou@example.com", null);

        Response contact = api.get("/api/v1/followups/contact?conversationId=" + conversation, admin);

        assertThat(contact.status()).isEqualTo(200);
        assertThat(contact.text("name")).isEqualTo("Lou Kup");
        assertThat(contact.text("email")).isEqualTo("lou@example.com");
        assertThat(contact.body().path("phone").isNull()).isTrue();
        JsonNode audit = api.get("/api/v1/audit?action=followup.contact_viewed", admin).body().path("items");
        assertThat(audit.size()).isEqualTo(1);
        assertThat(audit.get(0).path("details").path("conversationId").asString()).isEqualTo(conversation.toString());
    }

    private List<String> list(String token, String query) {
        Response page = api.get("/api/v1/followups?" + query, token);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return ids(page.body().path("items"));
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    private static String field(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        return response.body().path("errors").get(0).path("field").asString();
    }
}
