package dev.parley.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.ChatFixtures;
import dev.parley.support.ChatFixtures.ChatTenant;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Session;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.TimeMachine;
import dev.parley.tenancy.internal.TenantPurgeSchedule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import tools.jackson.databind.JsonNode;

/**
 * A deleted tenant's data is purged once its grace period (30 days) is over, by a durable job: every tenant table
 * is emptied, the tenant stays as a tombstone, and a tenant restored in time keeps everything.
 */
@ParleyIntegrationTest
class TenantPurgeIT {

    static final Duration GRACE = Duration.ofDays(30);
    static final String SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'>"
            + "<rect width='8' height='8' fill='#0b5fff'/></svg>";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("owner")
    DataSource owner;

    @Autowired
    DataSource dataSource;

    @Autowired
    TimeMachine time;

    @Autowired
    Scheduler scheduler;

    @Autowired
    List<Task<?>> tasks;

    @Autowired
    List<TenantDataPurge> purges;

    @Autowired
    TenantPurgeSchedule purgeSchedule;

    @Autowired
    com.github.kagkarlsson.scheduler.Clock schedulerClock;

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    Api api;
    Fixtures fixtures;
    ChatFixtures chat;
    JdbcClient asOwner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        chat = new ChatFixtures(api);
        asOwner = JdbcClient.create(owner);
    }

    @AfterEach
    void backToNow() {
        time.reset();
    }

    @Test
    void aDeletedTenantIsPurgedFromEveryTableAfterTheGracePeriodAndStaysAsATombstone() {
        ChatTenant shop = chat.tenant("purged", Map.of("chat", Map.of("assignment", "manual")));
        UUID id = shop.tenant().id();
        String domain = shop.tenant().slug() + ".example.test";
        TenantSetup elsewhere = fixtures.tenant("elsewhere");
        Session alsoElsewhere = useEveryTable(shop, elsewhere);
        assertThat(tablesHoldingRowsOf(id).keySet()).as("the fixture reaches every tenant table")
                .containsAll(tenantTables());
        UUID deletedEarlier = deleteThrowawayTenant();
        time.advance(Duration.ofHours(2));

        Response deleted = api.delete("/api/v1/platform/tenants/" + id, fixtures.superAdmin().accessToken());
        Instant deletedAt = Instant.parse(deleted.text("deletedAt"));
        assertThat(Instant.parse(deleted.text("purgeAt"))).isEqualTo(deletedAt.plus(GRACE));
        assertThat(scheduledPurge(id)).as("the purge waits in the database").isEqualTo(deletedAt.plus(GRACE));

        time.advance(GRACE.minusHours(1));
        awaitPurgeOf(deletedEarlier); // due an hour ago: the jobs had their chance
        assertThat(tenant(id).path("purgedAt").isNull()).as("not purged within the grace period").isTrue();
        assertThat(rowsOf(id, "messages")).isPositive();

        time.advance(Duration.ofHours(2));
        JsonNode tombstone = awaitPurgeOf(id);

        assertThat(tablesHoldingRowsOf(id)).as("tenant tables still holding the tenant's rows").isEmpty();
        assertThat(tombstone.path("status").asString()).isEqualTo("DELETED");
        assertThat(tombstone.path("purgeAt").isNull()).isTrue();
        assertThat(tombstone.path("settings").size()).isZero();
        assertThat(tombstone.path("domains").size()).isZero();
        assertThat(tombstone.path("slug").asString()).isEqualTo(shop.tenant().slug());
        assertThat(scheduledPurge(id)).as("the execution is done").isNull();

        String root = fixtures.superAdmin().accessToken();
        Response sameSlug = api.post("/api/v1/platform/tenants", root, Map.of("name", "Someone else",
                "slug", shop.tenant().slug(), "adminEmail", "new@owner.test"));
        assertThat(sameSlug.status()).as("the slug stays taken").isEqualTo(409);
        assertThat(sameSlug.code()).isEqualTo("SLUG_TAKEN");
        Response sameDomain = api.post("/api/v1/platform/tenants", root, Map.of("name", "New owner",
                "slug", Fixtures.unique("newowner"), "domains", List.of(domain), "adminEmail", "new@owner.test"));
        assertThat(sameDomain.status()).as("the domain is free again: %s", sameDomain).isEqualTo(201);

        Response restore = api.post("/api/v1/platform/tenants/" + id + "/reactivate", root, null);
        assertThat(restore.status()).isEqualTo(409);
        assertThat(restore.code()).isEqualTo("TENANT_PURGED");
        assertThat(api.patch("/api/v1/platform/tenants/" + id, root, Map.of("name", "Back")).code())
                .isEqualTo("TENANT_PURGED");

        JsonNode entry = api.get("/api/v1/platform/audit?tenantId=" + id + "&action=tenant.purged", root)
                .body().path("items").get(0);
        assertThat(entry.path("actorUserId").isNull()).as("the system purged it").isTrue();
        assertThat(entry.path("details").path("rows").path("messages").asInt()).isPositive();
        assertThat(entry.path("details").path("slug").asString()).isEqualTo(shop.tenant().slug());
        assertThat(api.get("/api/v1/platform/audit?tenantId=" + id + "&action=tenant.deleted", root)
                .body().path("items").size()).as("the platform trail keeps its history").isEqualTo(1);

        Response admin = api.post("/api/v1/auth/login", null,
                Map.of("email", shop.tenant().admin().email(), "password", Fixtures.PASSWORD));
        assertThat(admin.status()).as("an account that belonged to this tenant only is gone").isEqualTo(401);
        Session stays = fixtures.login(alsoElsewhere.email(), Fixtures.PASSWORD, elsewhere.id());
        assertThat(stays.tenantId()).as("a person of another tenant too keeps their account").isEqualTo(elsewhere.id());
    }

    @Test
    void aTenantRestoredWithinTheGracePeriodIsNeverPurged() {
        ChatTenant shop = chat.tenant("restored", Map.of());
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        chat.widget("POST", "/api/v1/widget/messages", visitor, ChatFixtures.originOf(shop), Map.of("body", "hi"));
        UUID id = shop.tenant().id();
        api.delete("/api/v1/platform/tenants/" + id, fixtures.superAdmin().accessToken());
        time.advance(Duration.ofDays(10));

        Response restored = api.post("/api/v1/platform/tenants/" + id + "/reactivate",
                fixtures.superAdmin().accessToken(), null);

        assertThat(restored.body().path("purgeAt").isNull()).isTrue();
        assertThat(scheduledPurge(id)).as("restoring cancels the purge").isNull();
        UUID deletedLater = deleteThrowawayTenant();
        time.advance(GRACE.plusMinutes(1));
        awaitPurgeOf(deletedLater); // due well after the restored tenant's old date: the jobs had their chance
        assertThat(tenant(id).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(tenant(id).path("purgedAt").isNull()).isTrue();
        assertThat(rowsOf(id, "messages")).isPositive();
    }

    @Test
    void aPurgeThatRunsForATenantNoLongerDeletedLeavesItAlone() {
        ChatTenant shop = chat.tenant("raced", Map.of());
        UUID id = shop.tenant().id();
        int memberships = rowsOf(id, "memberships");

        // As if a restore and a purge had crossed: the job runs for a tenant that is active.
        scheduler.scheduleIfNotExists(TaskDescriptor.of("tenant-purge").instance(id.toString()).build(),
                Instant.now());

        await().atMost(Duration.ofSeconds(10)).until(() -> scheduledPurge(id) == null);
        assertThat(tenant(id).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(tenant(id).path("purgedAt").isNull()).isTrue();
        assertThat(rowsOf(id, "memberships")).isEqualTo(memberships);
    }

    @Test
    void aPurgeScheduledBeforeARestartRunsOnTheSchedulerThatStartsAfterIt() {
        ChatTenant shop = chat.tenant("restart", Map.of());
        UUID id = shop.tenant().id();
        time.pauseJobs(); // this node goes down: nothing in memory survives it
        api.delete("/api/v1/platform/tenants/" + id, fixtures.superAdmin().accessToken());
        assertThat(scheduledPurge(id)).isNotNull();

        Scheduler restarted = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .schedulerName(new SchedulerName.Fixed("restarted-node"))
                .clock(schedulerClock)
                .pollingInterval(Duration.ofMillis(100))
                .threads(1)
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
        try {
            restarted.start();
            time.advance(GRACE.plusMinutes(1));

            JsonNode tombstone = awaitPurgeOf(id);

            assertThat(tombstone.path("purgedAt").isNull()).isFalse();
            assertThat(rowsOf(id, "memberships")).isZero();
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aDeletedTenantWhosePurgeWentMissingGetsItBackAtStartUp() {
        ChatTenant shop = chat.tenant("missing", Map.of());
        UUID id = shop.tenant().id();
        Instant purgeAt = Instant.parse(api.delete("/api/v1/platform/tenants/" + id,
                fixtures.superAdmin().accessToken()).text("purgeAt"));
        asOwner.sql("DELETE FROM scheduled_tasks WHERE task_name = 'tenant-purge' AND task_instance = :id")
                .param("id", id.toString()).update();

        purgeSchedule.scheduleMissing();

        assertThat(scheduledPurge(id)).isEqualTo(purgeAt);
    }

    @Test
    void everyTenantTableInTheSchemaIsEmptiedBySomeModulesPurge() {
        TreeSet<String> claimed = new TreeSet<>();
        purges.forEach(purge -> claimed.addAll(purge.tables()));

        assertThat(claimed).as("tables purged, against the schema's tables with a tenant_id")
                .containsExactlyElementsOf(tenantTables());
    }

    /**
     * Rows in every tenant table: people, sessions, invitations, chats, reads, presence, columns, logo, tasks,
     * follow-ups, audit, notifications, mail and its attachments, reminder settings, the plan and subscription (given at provisioning), a
     * pending invoice item, the payment account, usage metering's rows,
     * a webhook and its delivery.
     */
    private Session useEveryTable(ChatTenant shop, TenantSetup elsewhere) {
        String admin = shop.tenant().admin().accessToken();
        String origin = ChatFixtures.originOf(shop);
        api.post("/api/v1/users/invitations", admin, Map.of("email", "pending@" + shop.tenant().slug() + ".test",
                "role", "OPERATOR"));
        Session operator = fixtures.member(shop.tenant(), "OPERATOR");
        Response invited = api.post("/api/v1/users/invitations", elsewhere.admin().accessToken(),
                Map.of("email", operator.email(), "role", "OPERATOR"));
        fixtures.accept(Fixtures.tokenOf(invited.text("link")), operator.email(), "Member of two");
        assertThat(api.raw("PUT", "/api/v1/settings/logo", admin, "image/svg+xml", SVG).status()).isEqualTo(204);
        api.put("/api/v1/column-config", operator.accessToken(), Map.of("columns", List.of(Map.of("key", "email"))));
        api.put("/api/v1/operators/me/status", operator.accessToken(), Map.of("presence", "ONLINE"));
        String visitor = chat.startVisitor(shop, null).text("visitorToken");
        String conversation = chat.widget("POST", "/api/v1/widget/messages", visitor, origin,
                Map.of("body", "Do you ship to Lisbon?")).text("conversationId");
        api.post("/api/v1/conversations/" + conversation + "/assign", operator.accessToken(), Map.of());
        api.post("/api/v1/conversations/" + conversation + "/messages", operator.accessToken(),
                Map.of("body", "We do!"));
        api.post("/api/v1/conversations/" + conversation + "/read", operator.accessToken(), Map.of("seq", 1));
        String task = api.post("/api/v1/tasks", admin, Map.of("title", "Check shipping to Lisbon",
                "conversationId", conversation)).text("id");
        api.post("/api/v1/tasks/" + task + "/comments", admin, Map.of("body", "Carrier confirmed."));
        api.put("/api/v1/followups/settings", admin, Map.of("assignment", "round_robin"));
        Response followUp = api.post("/api/v1/followups", admin, Map.of("conversationId", conversation,
                "type", "MEETING", "channel", "IN_PERSON", "scheduledAt", Instant.now().plus(Duration.ofDays(2)).toString()));
        assertThat(followUp.status()).as(followUp.toString()).isEqualTo(201);
        // Notifications, their mail in the outbox, reminder settings.
        new dev.parley.support.NotificationFixtures(events, transactions).notify(shop.tenant().id(), operator.userId(),
                "Task assigned", "Ship to Lisbon", "#/tasks/1", true);
        // A file attached to a mail of the outbox (an invoice's PDF, say).
        asOwner.sql("""
                        INSERT INTO mail_attachments (tenant_id, mail_id, position, filename, content_type, content)
                        SELECT tenant_id, id, 0, 'note.txt', 'text/plain', CAST('hello' AS bytea) FROM mail_outbox
                        WHERE tenant_id = :tenant LIMIT 1
                        """).param("tenant", shop.tenant().id()).update();
        api.put("/api/v1/settings/reminders", admin, Map.of("remindBefore", List.of("2h"), "missedAfter", "1h"));
        // A line waiting for the next invoice (the subscription itself came with provisioning).
        asOwner.sql("""
                        INSERT INTO invoice_items (tenant_id, id, kind, description, amount, currency, created_at)
                        VALUES (:tenant, gen_random_uuid(), 'PRORATION_CHARGE', 'Upgrade', 1500, 'EUR', now())
                        """).param("tenant", shop.tenant().id()).update();
        // An add-on on the subscription, and a coupon redeemed for it.
        assertThat(api.put("/api/v1/billing/subscription/add-ons/ai-chatbot", admin, Map.of("quantity", 1)).status())
                .isEqualTo(200);
        String coupon = "PURGE-" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        asOwner.sql("INSERT INTO coupons (code, name, percent_off_bp, duration, created_at, updated_at) "
                + "VALUES (:code, 'Purge', 1000, 'ONCE', now(), now())").param("code", coupon).update();
        assertThat(api.post("/api/v1/billing/subscription/coupon", admin, Map.of("code", coupon)).status())
                .isEqualTo(200);
        // A usage threshold reached (the visitor's message above made the usage period and its conversation).
        asOwner.sql("""
                        INSERT INTO usage_thresholds (tenant_id, period_start, metric, percent, used, allowance,
                            reached_at) VALUES (:tenant, now(), 'storage', 80, 80, 100, now())
                        """).param("tenant", shop.tenant().id()).update();
        // A card saved with Stripe (this context has no Stripe configured: written as Stripe's webhook would).
        asOwner.sql("""
                        INSERT INTO billing_payment_accounts (tenant_id, provider, stripe_customer_id,
                            default_payment_method_id, card_brand, card_last4, card_exp_month, card_exp_year, updated_at)
                        VALUES (:tenant, 'stripe', :customer, 'pm_purged', 'visa', '4242', 12, 2030, now())
                        """)
                .param("tenant", shop.tenant().id()).param("customer", "cus_" + shop.tenant().slug()).update();
        // Billing details (invoices, their lines and payments are retained, so the fixture needs none).
        assertThat(api.put("/api/v1/billing/profile", admin, Map.of("companyName", "Purged Ltd", "country", "PT",
                "taxRate", 23)).status()).isEqualTo(200);
        // A suspension made by dunning (written as the write-off would; the tenant itself stays active here).
        asOwner.sql("INSERT INTO billing_suspensions (tenant_id, invoice_id, suspended_at) VALUES (:tenant, :invoice, "
                + "now())").param("tenant", shop.tenant().id()).param("invoice", UUID.randomUUID()).update();
        // A webhook endpoint and a delivery to it (port 9 discards: the delivery fails and waits for its retry).
        String webhook = api.post("/api/v1/webhooks", admin, Map.of("url", "http://127.0.0.1:9/hooks",
                "events", List.of("*"))).text("id");
        assertThat(api.post("/api/v1/webhooks/" + webhook + "/test", admin, Map.of()).status()).isEqualTo(202);
        return operator;
    }

    /** Deletes a throwaway tenant now: once its purge has run, every purge due before it had its turn too. */
    private UUID deleteThrowawayTenant() {
        TenantSetup other = fixtures.tenant("throwaway");
        api.delete("/api/v1/platform/tenants/" + other.id(), fixtures.superAdmin().accessToken());
        return other.id();
    }

    private JsonNode awaitPurgeOf(UUID id) {
        String root = fixtures.superAdmin().accessToken();
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/platform/tenants/" + id, root).body(),
                        t -> !t.path("purgedAt").isNull());
    }

    private JsonNode tenant(UUID id) {
        return api.get("/api/v1/platform/tenants/" + id, fixtures.superAdmin().accessToken()).body();
    }

    private Instant scheduledPurge(UUID id) {
        return asOwner.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'tenant-purge' "
                        + "AND task_instance = :id")
                .param("id", id.toString()).query(java.sql.Timestamp.class).optional()
                .map(java.sql.Timestamp::toInstant).orElse(null);
    }

    /**
     * Every table with a tenant_id but the platform's audit trail, which keeps its references by design, and the
     * tables whose schema comment says they are {@code retained:} (financial records that outlive the tenant).
     */
    private List<String> tenantTables() {
        return asOwner.sql("""
                        SELECT c.table_name FROM information_schema.columns c
                        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
                          AND c.table_name <> 'platform_audit_log'
                          AND coalesce(obj_description(('public.' || c.table_name)::regclass, 'pg_class'), '')
                              NOT LIKE 'retained:%'
                        ORDER BY 1
                        """).query(String.class).list();
    }

    private Map<String, Integer> tablesHoldingRowsOf(UUID id) {
        Map<String, Integer> holding = new TreeMap<>();
        for (String table : tenantTables()) {
            int rows = rowsOf(id, table);
            if (rows > 0) {
                holding.put(table, rows);
            }
        }
        return holding;
    }

    private int rowsOf(UUID id, String table) {
        return asOwner.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = :id").param("id", id)
                .query(Integer.class).single();
    }
}
