package dev.parley.shared.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.nimbusds.jwt.SignedJWT;
import dev.parley.support.Api;
import dev.parley.support.TwoNodes;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Parley nodes in one JVM, on the test JVM's embedded PostgreSQL and the machine's Redis: what an admin
 * changes on node A, node B serves at once, although B had it cached for 30 seconds. Skipped, saying so, where no
 * Redis listens on localhost:6379.
 */
class TwoNodesIT {

    /** Well within the caches' time-to-live (30 s for tenants, 10 s for sessions): only an eviction explains it. */
    private static final Duration AT_ONCE = Duration.ofSeconds(2);

    static TwoNodes nodes;
    static ConfigurableApplicationContext nodeA;
    static Api a;
    static Api b;

    @BeforeAll
    static void startTwoNodes() {
        assumeTrue(TwoNodes.redisListening(), "no Redis on localhost:6379");
        nodes = TwoNodes.start();
        nodeA = nodes.nodeA;
        a = nodes.a;
        b = nodes.b;
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void widgetTextsAndBrandingChangedOnNodeAAreServedByNodeBAtOnce() {
        ChatTenant shop = new ChatFixtures(a).tenant("nodes", Map.of());
        String admin = shop.tenant().admin().accessToken();
        assertThat(config(b, shop, ChatFixtures.originOf(shop)).text("title")).isEqualTo(shop.tenant().name());

        assertThat(a.patch("/api/v1/settings", admin, Map.of("widget", Map.of("title", "Ask node A")))
                .status()).isEqualTo(200);
        assertThat(a.put("/api/v1/settings/branding", admin, Map.of("primaryColor", "#1a7f37")).status())
                .isEqualTo(200);

        Response onB = eventually(() -> config(b, shop, ChatFixtures.originOf(shop)),
                r -> "#1a7f37".equals(r.text("primaryColor")));
        assertThat(onB.text("title")).isEqualTo("Ask node A");
        assertThat(onB.text("primaryColor")).isEqualTo("#1a7f37");
    }

    @Test
    void aDomainRemovedOnNodeAStopsTheWidgetOnNodeBAtOnce() {
        ChatTenant shop = new ChatFixtures(a).tenant("nodedomains", Map.of());
        String oldOrigin = ChatFixtures.originOf(shop);
        String newHost = shop.tenant().slug() + ".example.org";
        assertThat(config(b, shop, oldOrigin).status()).isEqualTo(200);

        Response replaced = a.put("/api/v1/settings/domains", shop.tenant().admin().accessToken(),
                Map.of("domains", List.of(newHost)));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);

        Response fromOldSite = eventually(() -> config(b, shop, oldOrigin), r -> r.status() == 403);
        assertThat(fromOldSite.code()).isEqualTo("ORIGIN_NOT_ALLOWED");
        assertThat(config(b, shop, "https://" + newHost).status()).isEqualTo(200);
    }

    @Test
    void aTenantSuspendedOnNodeAIsClosedOnNodeBAtOnce() {
        ChatTenant shop = new ChatFixtures(a).tenant("nodesuspend", Map.of());
        String admin = shop.tenant().admin().accessToken();
        assertThat(b.get("/api/v1/settings", admin).status()).isEqualTo(200);
        assertThat(config(b, shop, ChatFixtures.originOf(shop)).status()).isEqualTo(200);

        String root = new Fixtures(a).superAdmin().accessToken();
        assertThat(a.post("/api/v1/platform/tenants/" + shop.tenant().id() + "/suspend", root, null).status())
                .isEqualTo(200);

        assertThat(eventually(() -> b.get("/api/v1/settings", admin), r -> r.status() == 403).code())
                .isEqualTo("TENANT_SUSPENDED");
        assertThat(eventually(() -> config(b, shop, ChatFixtures.originOf(shop)), r -> r.status() == 404).code())
                .isEqualTo("WIDGET_KEY_UNKNOWN");
    }

    @Test
    void aPersonDeactivatedOnNodeAIsShutOutOfNodeBAtOnce() {
        Fixtures onA = new Fixtures(a);
        ChatTenant shop = new ChatFixtures(a).tenant("nodepeople", Map.of());
        Session operator = onA.member(shop.tenant(), "OPERATOR");
        assertThat(b.get("/api/v1/conversations", operator.accessToken()).status()).isEqualTo(200);

        assertThat(a.post("/api/v1/users/" + operator.userId() + "/deactivate",
                shop.tenant().admin().accessToken(), null).status()).isEqualTo(200);

        Response onB = eventually(() -> b.get("/api/v1/conversations", operator.accessToken()),
                r -> r.status() == 401);
        assertThat(onB.code()).isEqualTo("TOKEN_INVALID");
    }

    @Test
    void aSigningKeyRotatedOnNodeASignsNodeBsNextTokens() throws Exception {
        Fixtures onB = new Fixtures(b);
        String root = onB.superAdmin().accessToken();

        Response rotated = a.post("/api/v1/platform/signing-keys/rotate", new Fixtures(a).superAdmin().accessToken(),
                null);
        assertThat(rotated.status()).isEqualTo(200);

        String fresh = onB.superAdmin().accessToken();
        assertThat(SignedJWT.parse(fresh).getHeader().getKeyID()).isEqualTo(rotated.text("kid"));
        assertThat(SignedJWT.parse(root).getHeader().getKeyID()).isNotEqualTo(rotated.text("kid"));
        assertThat(a.get("/api/v1/me", fresh).status()).isEqualTo(200);
    }

    @Test
    void aNotificationCommittedOnNodeAReachesItsRecipientsStreamOnNodeB() {
        Fixtures onA = new Fixtures(a);
        dev.parley.support.Fixtures.TenantSetup shop = onA.tenant("nodenotify");
        Session nina = onA.member(shop, "ADMIN_OPERATOR");
        try (dev.parley.support.EventStream onB = dev.parley.support.EventStream.open(b,
                "/api/v1/notifications/stream", nina.accessToken())) {
            assertThat(onB.await("hello", Duration.ofSeconds(5))).isNotNull();

            new dev.parley.support.NotificationFixtures(nodeA,
                    nodeA.getBean(org.springframework.transaction.PlatformTransactionManager.class))
                    .notify(shop.id(), nina.userId(), "Assigned on node A", null, "#/tasks/1", false);

            var event = onB.await("notification", AT_ONCE);
            assertThat(event).as("node B's stream hears it").isNotNull();
            assertThat(event.data().path("notification").path("title").asString()).isEqualTo("Assigned on node A");
        }
    }

    private static Response config(Api node, ChatTenant tenant, String origin) {
        return new ChatFixtures(node).widget("GET", "/api/v1/widget/config?key=" + tenant.widgetKey(), null, origin,
                null);
    }

    /** Asks until the answer matches, for at most {@link #AT_ONCE}; the last answer either way. */
    private static Response eventually(Supplier<Response> call, Predicate<Response> until) {
        long deadline = System.nanoTime() + AT_ONCE.toNanos();
        Response response = call.get();
        while (!until.test(response) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            response = call.get();
        }
        assertThat(until.test(response)).as("within %s: %s", AT_ONCE, response).isTrue();
        return response;
    }
}
