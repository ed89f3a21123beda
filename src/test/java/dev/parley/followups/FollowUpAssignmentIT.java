package dev.parley.followups;

import static dev.parley.followups.FollowUpFixtures.inHours;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.parley.notify.NotificationRequested;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.RecordedNotifications;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who gets a follow-up scheduled without an assignee, by the tenant's strategy (the conversation's admin operator,
 * round robin, least loaded), the strategy's settings, and the assignee's notification.
 */
@ParleyIntegrationTest
class FollowUpAssignmentIT {

    @LocalServerPort
    int port;

    @Autowired
    RecordedNotifications notifications;

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
    void byDefaultTheConversationsAdminOperatorGetsItAndOtherwiseTheLeastLoaded() {
        ChatTenant shop = followUps.tenant("as-conv");
        Session admin = shop.tenant().admin();
        Session adminOperator = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");
        UUID withAdminOperator = conversationAssignedTo(shop, adminOperator);
        UUID withOperator = conversationAssignedTo(shop, operator);

        String first = assigneeOf(followUps.schedule(admin.accessToken(), withAdminOperator, "EMAIL", inHours(3), Map.of()));
        String second = assigneeOf(followUps.schedule(admin.accessToken(), withOperator, "EMAIL", inHours(3), Map.of()));

        assertThat(first).as("the admin operator who had the chat").isEqualTo(adminOperator.userId().toString());
        assertThat(second).as("a regular operator cannot own it: the least loaded admin operator does")
                .isEqualTo(admin.userId().toString());
        assertThat(api.get("/api/v1/followups/settings", admin.accessToken()).text("assignment"))
                .isEqualTo("conversation");
    }

    @Test
    void roundRobinHandsFollowUpsOutInTurnEvenWhenScheduledAllAtOnce() throws Exception {
        ChatTenant shop = followUps.tenant("as-rr");
        Session admin = shop.tenant().admin();
        Session second = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        Session third = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        fixtures.member(shop.tenant(), "OPERATOR");
        Session leaver = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        api.post("/api/v1/users/" + leaver.userId() + "/deactivate", admin.accessToken(), null);
        Response set = api.put("/api/v1/followups/settings", admin.accessToken(), Map.of("assignment", "round_robin"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.text("assignment")).isEqualTo("round_robin");
        UUID conversation = followUps.conversation(shop, "Rob Robin", "rob@example.com", null);

        List<String> sequential = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sequential.add(assigneeOf(followUps.schedule(admin.accessToken(), conversation, "EMAIL", inHours(2), Map.of())));
        }
        List<Callable<String>> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String token = i % 2 == 0 ? admin.accessToken() : second.accessToken();
            burst.add(() -> assigneeOf(followUps.schedule(token, conversation, "EMAIL", inHours(2), Map.of())));
        }
        List<String> concurrent = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (Future<String> answer : pool.invokeAll(burst)) {
                concurrent.add(answer.get());
            }
        } finally {
            pool.shutdown();
        }

        List<String> team = List.of(admin.userId().toString(), second.userId().toString(), third.userId().toString());
        assertThat(sequential).as("one each, in turn").containsExactlyInAnyOrderElementsOf(team);
        Map<String, Long> counts = concurrent.stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
        assertThat(counts).as("12 at once over 3 admin operators").containsOnlyKeys(team)
                .allSatisfy((who, count) -> assertThat(count).isEqualTo(4L));
    }

    @Test
    void leastLoadedGivesItToWhoeverHasTheFewestScheduledFollowUps() {
        ChatTenant shop = followUps.tenant("as-ll");
        Session admin = shop.tenant().admin();
        Session busy = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        Session idle = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        api.put("/api/v1/followups/settings", admin.accessToken(), Map.of("assignment", "least_loaded"));
        UUID conversation = conversationAssignedTo(shop, busy);
        String token = admin.accessToken();
        List<UUID> busyOnes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            busyOnes.add(followUps.scheduled(token, conversation, "CALL", inHours(4),
                    Map.of("assigneeId", busy.userId().toString())));
        }
        followUps.scheduled(token, conversation, "CALL", inHours(4), Map.of("assigneeId", admin.userId().toString()));

        assertThat(assigneeOf(followUps.schedule(token, conversation, "CALL", inHours(4), Map.of())))
                .as("nobody's follow-ups: the idle one, not the conversation's operator")
                .isEqualTo(idle.userId().toString());
        assertThat(assigneeOf(followUps.schedule(token, conversation, "CALL", inHours(4), Map.of())))
                .isNotEqualTo(busy.userId().toString());

        busyOnes.forEach(id -> api.post("/api/v1/followups/" + id + "/complete", token, Map.of("outcomeCode", "REACHED")));
        assertThat(assigneeOf(followUps.schedule(token, conversation, "CALL", inHours(4), Map.of())))
                .as("completed follow-ups are no load").isEqualTo(busy.userId().toString());
    }

    @Test
    void onlyTenantAdminsReadAndChooseTheStrategyAndEveryChangeIsAudited() {
        ChatTenant shop = followUps.tenant("as-settings");
        String admin = shop.tenant().admin().accessToken();
        String adminOperator = fixtures.member(shop.tenant(), "ADMIN_OPERATOR").accessToken();

        Response unknown = api.put("/api/v1/followups/settings", admin, Map.of("assignment", "random"));
        Response missing = api.put("/api/v1/followups/settings", admin, Map.of());
        Response byAdminOperator = api.put("/api/v1/followups/settings", adminOperator,
                Map.of("assignment", "least_loaded"));
        Response saved = api.put("/api/v1/followups/settings", admin, Map.of("assignment", "least_loaded"));

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("errors").get(0).path("field").asString()).isEqualTo("assignment");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(byAdminOperator.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/followups/settings", adminOperator).status()).isEqualTo(403);
        assertThat(saved.text("assignment")).isEqualTo("least_loaded");
        assertThat(api.get("/api/v1/followups/settings", admin).text("assignment")).isEqualTo("least_loaded");
        var audit = api.get("/api/v1/audit?action=followup.settings_changed", admin).body().path("items");
        assertThat(audit.size()).isEqualTo(1);
        assertThat(audit.get(0).path("details").path("was").asString()).isEqualTo("conversation");
    }

    @Test
    void theAssigneeOfANewOrReassignedFollowUpIsNotifiedByMailToo() {
        ChatTenant shop = followUps.tenant("as-notify");
        Session admin = shop.tenant().admin();
        Session colleague = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        Session other = fixtures.member(shop.tenant(), "ADMIN_OPERATOR");
        UUID conversation = followUps.conversation(shop, "Nora Notify", "nora@example.com", "+1 555 222 3333");

        UUID id = followUps.scheduled(admin.accessToken(), conversation, "CALL", inHours(30),
                Map.of("assigneeId", colleague.userId().toString()));
        followUps.scheduled(admin.accessToken(), conversation, "CALL", inHours(30),
                Map.of("assigneeId", admin.userId().toString()));
        api.patch("/api/v1/followups/" + id, admin.accessToken(), Map.of("assigneeId", other.userId().toString()));
        api.patch("/api/v1/followups/" + id, admin.accessToken(), Map.of("notes", "Not a reassignment"));

        List<NotificationRequested> toColleague = notifications.to(colleague.userId(), "followup.assigned");
        assertThat(toColleague).hasSize(1);
        NotificationRequested assigned = toColleague.getFirst();
        assertThat(assigned.link()).isEqualTo("#/followups/" + id);
        assertThat(assigned.email()).isTrue();
        assertThat(assigned.tenant().value()).isEqualTo(shop.tenant().id());
        assertThat(assigned.title()).isEqualTo("Follow-up assigned to you: call Nora Notify");
        assertThat(assigned.body()).startsWith("Admin of " + shop.tenant().slug() + " assigned you a follow-up");
        assertThat(notifications.to(other.userId(), "followup.assigned")).as("reassigned").hasSize(1);
        assertThat(notifications.to(admin.userId(), "followup.assigned")).as("not told of one's own doing").isEmpty();
    }

    private UUID conversationAssignedTo(ChatTenant shop, Session operator) {
        UUID conversation = followUps.conversation(shop, "Conv Ersation", "conv@example.com", "+1 555 999 0000");
        Response assigned = api.post("/api/v1/conversations/" + conversation + "/assign",
                shop.tenant().admin().accessToken(), Map.of("assigneeId", operator.userId().toString()));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        return conversation;
    }

    private static String assigneeOf(Response created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("assigneeId");
    }
}
