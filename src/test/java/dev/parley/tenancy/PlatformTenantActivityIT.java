package dev.parley.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * The platform owner's tenant list and detail carry each tenant's activity: active members, conversations this
 * month, last message and last sign-in; only that tenant's own.
 */
@ParleyIntegrationTest
class PlatformTenantActivityIT {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("owner")
    DataSource owner;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;
    String root;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        chat = new ChatFixtures(api);
        root = fixtures.superAdmin().accessToken();
    }

    @Test
    void theListShowsEachTenantsMembersConversationsThisMonthAndLastActivity() {
        Instant before = Instant.now().minusSeconds(1);
        ChatTenant busy = chat.tenant("busy", Map.of());
        fixtures.member(busy.tenant(), "OPERATOR");
        Session leaver = fixtures.member(busy.tenant(), "OPERATOR");
        api.post("/api/v1/users/" + leaver.userId() + "/deactivate", busy.tenant().admin().accessToken(), null);
        visitorSays(busy, "Hello");
        visitorSays(busy, "Hi again");
        ChatTenant quiet = chat.tenant("quiet", Map.of());
        visitorSays(quiet, "Anyone there?");

        JsonNode listed = find(api.get("/api/v1/platform/tenants?q=" + busy.tenant().slug(), root), busy.tenant().id());

        JsonNode activity = listed.path("activity");
        assertThat(activity.path("operators").asInt()).as("the admin and one operator; not the deactivated one")
                .isEqualTo(2);
        assertThat(activity.path("conversationsThisMonth").asInt()).isEqualTo(2);
        Instant lastMessage = Instant.parse(activity.path("lastMessageAt").asText());
        Instant lastSignIn = Instant.parse(activity.path("lastSignInAt").asText());
        assertThat(lastMessage).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(lastSignIn).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(Instant.parse(activity.path("lastActivityAt").asText()))
                .isEqualTo(lastMessage.isAfter(lastSignIn) ? lastMessage : lastSignIn);
        assertThat(listed.path("slug").asText()).as("the tenant's own fields stay where they were")
                .isEqualTo(busy.tenant().slug());
        JsonNode other = api.get("/api/v1/platform/tenants/" + quiet.tenant().id(), root).body().path("activity");
        assertThat(other.path("operators").asInt()).isEqualTo(1);
        assertThat(other.path("conversationsThisMonth").asInt()).isEqualTo(1);
    }

    @Test
    void conversationsOfEarlierMonthsAreNotCountedButTheirMessagesAreActivity() {
        ChatTenant shop = chat.tenant("lastmonth", Map.of());
        visitorSays(shop, "This month");
        visitorSays(shop, "Earlier");
        JdbcClient.create(owner).sql("""
                        UPDATE conversations
                        SET created_at = (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 day')
                                         AT TIME ZONE 'UTC'
                        WHERE tenant_id = :tenant
                          AND id = (SELECT id FROM conversations WHERE tenant_id = :tenant ORDER BY id DESC LIMIT 1)
                        """)
                .param("tenant", shop.tenant().id()).update();

        JsonNode activity = api.get("/api/v1/platform/tenants/" + shop.tenant().id(), root).body().path("activity");

        assertThat(activity.path("conversationsThisMonth").asInt()).isEqualTo(1);
        assertThat(Instant.parse(activity.path("lastMessageAt").asText()))
                .isAfter(Instant.now().minus(Duration.ofMinutes(1)));
    }

    @Test
    void aTenantNobodyHasJoinedYetHasNoActivity() {
        String slug = Fixtures.unique("fresh");
        Response created = api.post("/api/v1/platform/tenants", root,
                Map.of("name", "Fresh", "slug", slug, "adminEmail", "owner@" + slug + ".test"));
        UUID id = UUID.fromString(created.body().path("tenant").path("id").asText());

        JsonNode activity = find(api.get("/api/v1/platform/tenants?q=" + slug, root), id).path("activity");

        assertThat(activity.path("operators").asInt()).isZero();
        assertThat(activity.path("conversationsThisMonth").asInt()).isZero();
        assertThat(activity.path("lastActivityAt").isNull()).isTrue();
        assertThat(activity.path("lastSignInAt").isNull()).isTrue();
    }

    @Test
    void aTimeZoneInTheInitialSettingsMustBeAKnownOne() {
        String slug = Fixtures.unique("tz");

        Response bad = api.post("/api/v1/platform/tenants", root, Map.of("name", "TZ", "slug", slug,
                "adminEmail", "a@" + slug + ".test", "settings", Map.of("timezone", "Mars/Olympus_Mons")));
        Response good = api.post("/api/v1/platform/tenants", root, Map.of("name", "TZ", "slug", slug,
                "adminEmail", "a@" + slug + ".test", "settings", Map.of("timezone", "America/Sao_Paulo")));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").get(0).path("field").asText()).isEqualTo("settings.timezone");
        assertThat(good.status()).isEqualTo(201);
    }

    @Test
    void nobodyButASuperAdminReachesThePlatformApi() {
        TenantSetup acme = fixtures.tenant("notplatform");
        Session operator = fixtures.member(acme, "OPERATOR");
        String tenant = "/api/v1/platform/tenants/" + acme.id();

        for (Session person : List.of(acme.admin(), operator)) {
            String token = person.accessToken();
            assertThat(api.get("/api/v1/platform/tenants", token).status()).isEqualTo(403);
            assertThat(api.get(tenant, token).status()).isEqualTo(403);
            assertThat(api.post("/api/v1/platform/tenants", token, Map.of("name", "X",
                    "slug", Fixtures.unique("x"), "adminEmail", "x@x.test")).status()).isEqualTo(403);
            assertThat(api.patch(tenant, token, Map.of("name", "Mine now")).status()).isEqualTo(403);
            assertThat(api.post(tenant + "/suspend", token, null).status()).isEqualTo(403);
            assertThat(api.delete(tenant, token).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/platform/audit", token).status()).isEqualTo(403);
        }
        assertThat(api.get(tenant, root).text("name")).isEqualTo(acme.name());
        assertThat(api.get(tenant, root).text("status")).isEqualTo("ACTIVE");
    }

    private void visitorSays(ChatTenant tenant, String text) {
        String visitor = chat.startVisitor(tenant, null).text("visitorToken");
        Response sent = chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(tenant),
                Map.of("body", text));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }

    private static JsonNode find(Response list, UUID id) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        for (JsonNode item : list.body().path("items")) {
            if (item.path("id").asText().equals(id.toString())) {
                return item;
            }
        }
        throw new AssertionError("tenant " + id + " not in " + list);
    }
}
