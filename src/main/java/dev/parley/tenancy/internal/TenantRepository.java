package dev.parley.tenancy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.parley.shared.Ids;
import dev.parley.tenancy.Tenant;
import dev.parley.tenancy.TenantStatus;
import dev.parley.tenancy.TenantSummary;
import dev.parley.tenancy.WidgetTenant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code tenants} and {@code tenant_domains} platform tables. */
@Repository
public class TenantRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient db;
    private final PurgeProperties purge;

    TenantRepository(JdbcClient db, PurgeProperties purge) {
        this.db = db;
        this.purge = purge;
    }

    public Optional<TenantSummary> findSummary(UUID id) {
        return db.sql("SELECT id, slug, name, status FROM tenants WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new TenantSummary(rs.getObject("id", UUID.class), rs.getString("slug"),
                        rs.getString("name"), TenantStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    /** Inserts a tenant unless its slug is taken; empty when it was. */
    public Optional<UUID> insertIfSlugFree(String slug, String name, Map<String, Object> settings, Instant now) {
        return db.sql("""
                        INSERT INTO tenants (id, slug, name, settings, created_at, updated_at, widget_key,
                                             identity_secret)
                        VALUES (:id, :slug, :name, :settings::jsonb, :now, :now,
                                'pk_' || replace(gen_random_uuid()::text, '-', ''),
                                replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
                        ON CONFLICT (slug) DO NOTHING
                        RETURNING id
                        """)
                .param("id", Ids.newId())
                .param("slug", slug)
                .param("name", name)
                .param("settings", JSON.writeValueAsString(settings))
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .optional();
    }

    /** What the widget needs of a tenant, by the public key its embed snippet names. */
    public Optional<WidgetTenant> findByWidgetKey(String key) {
        return db.sql(SELECT_WIDGET + " WHERE t.widget_key = :key").param("key", key)
                .query(TenantRepository::widgetTenant).optional();
    }

    public Optional<WidgetTenant> findWidgetTenant(UUID id) {
        return db.sql(SELECT_WIDGET + " WHERE t.id = :id").param("id", id)
                .query(TenantRepository::widgetTenant).optional();
    }

    private static final String SELECT_WIDGET = """
            SELECT t.id, t.name, t.status, t.settings::text AS settings, t.identity_secret,
                   coalesce((SELECT array_agg(d.host) FROM tenant_domains d WHERE d.tenant_id = t.id), '{}') AS domains
            FROM tenants t
            """;

    private static WidgetTenant widgetTenant(ResultSet rs, int row) throws SQLException {
        return new WidgetTenant(rs.getObject("id", UUID.class), rs.getString("name"),
                TenantStatus.valueOf(rs.getString("status")), JSON.readValue(rs.getString("settings"), MAP),
                List.of((String[]) rs.getArray("domains").getArray()), rs.getString("identity_secret"));
    }

    public Optional<Tenant> findById(UUID id) {
        return db.sql(SELECT + " WHERE t.id = :id").param("id", id).query(this::tenant).optional();
    }

    /** Locks the tenant's row for the rest of the transaction: life-cycle changes and the purge take turns. */
    public boolean lock(UUID id) {
        return db.sql("SELECT id FROM tenants WHERE id = :id FOR UPDATE").param("id", id).query(UUID.class)
                .optional().isPresent();
    }

    /**
     * What stays of a purged tenant: its id, slug, name and dates, so the slug stays taken and the platform audit's
     * references resolve. Settings go, and the secret that signed its users' hashes is replaced by one nobody knows.
     */
    public void tombstone(UUID id, Instant now) {
        db.sql("""
                        UPDATE tenants
                        SET settings = '{}'::jsonb, purge_at = NULL, purged_at = :now, updated_at = :now,
                            identity_secret = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
                        WHERE id = :id AND status = 'DELETED'
                        """)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Deleted tenants that are not purged yet, with when they are to be. */
    public Map<UUID, Instant> awaitingPurge() {
        Map<UUID, Instant> tenants = new LinkedHashMap<>();
        db.sql("SELECT id, purge_at FROM tenants WHERE status = 'DELETED' AND purged_at IS NULL ORDER BY id")
                .query((rs, n) -> tenants.put(rs.getObject("id", UUID.class), instant(rs, "purge_at")))
                .list();
        return tenants;
    }

    /** Active tenants whose chat settings resolve idle conversations, with their number of hours. */
    public Map<UUID, Integer> autoResolveHours() {
        Map<UUID, Integer> tenants = new LinkedHashMap<>();
        // Settings can also be written by the platform owner's free-form PATCH: anything but a number is ignored.
        db.sql("""
                        SELECT id, floor((settings #>> '{chat,autoResolveHours}')::numeric)::int AS hours
                        FROM tenants
                        WHERE status = 'ACTIVE' AND jsonb_typeof(settings #> '{chat,autoResolveHours}') = 'number'
                          AND (settings #>> '{chat,autoResolveHours}')::numeric >= 1
                        ORDER BY id
                        """)
                .query((rs, n) -> tenants.put(rs.getObject("id", UUID.class), rs.getInt("hours")))
                .list();
        return tenants;
    }

    public Optional<Tenant> findBySlug(String slug) {
        return db.sql(SELECT + " WHERE t.slug = :slug").param("slug", slug).query(this::tenant).optional();
    }

    /** Tenants newest first; deleted ones only when asked for by status. */
    public List<Tenant> search(String text, TenantStatus status, UUID before, int limit) {
        return search(text, status, null, before, limit);
    }

    /** As {@link #search(String, TenantStatus, UUID, int)}, among these tenants only when {@code only} is given. */
    public List<Tenant> search(String text, TenantStatus status, java.util.Set<UUID> only, UUID before, int limit) {
        String pattern = dev.parley.shared.db.SqlText.containsPattern(text);
        return db.sql(SELECT + """
                         WHERE (CAST(:status AS text) IS NULL AND t.status <> 'DELETED' OR t.status = :status)
                           AND (CAST(:pattern AS text) IS NULL
                                OR lower(t.name) LIKE :pattern OR t.slug LIKE :pattern
                                OR EXISTS (SELECT 1 FROM tenant_domains d
                                           WHERE d.tenant_id = t.id AND d.host LIKE :pattern))
                           AND (CAST(:before AS uuid) IS NULL OR t.id < :before)
                           AND (NOT :filtered OR t.id = ANY(CAST(:only AS uuid[])))
                         ORDER BY t.id DESC
                         LIMIT :limit
                        """)
                .param("status", status != null ? status.name() : null)
                .param("filtered", only != null)
                .param("only", only == null ? new String[0] : only.stream().map(UUID::toString).toArray(String[]::new))
                .param("pattern", pattern)
                .param("before", before)
                .param("limit", limit)
                .query(this::tenant)
                .list();
    }

    public void update(UUID id, String name, Map<String, Object> settings, Instant now) {
        db.sql("UPDATE tenants SET name = :name, settings = :settings::jsonb, updated_at = :now WHERE id = :id")
                .param("id", id)
                .param("name", name)
                .param("settings", JSON.writeValueAsString(settings))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Changes the status; a deletion sets the purge date, the grace period in force now. */
    public void changeStatus(UUID id, TenantStatus status, Instant now) {
        db.sql("""
                        UPDATE tenants
                        SET status = :status, updated_at = :now,
                            suspended_at = CASE WHEN :status = 'SUSPENDED' THEN CAST(:now AS timestamptz) END,
                            deleted_at = CASE WHEN :status = 'DELETED' THEN CAST(:now AS timestamptz) END,
                            purge_at = CASE WHEN :status = 'DELETED' THEN CAST(:purgeAt AS timestamptz) END
                        WHERE id = :id
                        """)
                .param("id", id)
                .param("status", status.name())
                .param("now", Timestamp.from(now))
                .param("purgeAt", Timestamp.from(now.plus(purge.purgeAfter())))
                .update();
    }

    /** Which of these hosts already belong to a tenant other than {@code tenant}. */
    public List<String> hostsTakenByOthers(Collection<String> hosts, UUID tenant) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        return db.sql("SELECT host FROM tenant_domains WHERE host IN (:hosts) AND tenant_id <> :tenant ORDER BY host")
                .param("hosts", hosts)
                .param("tenant", tenant)
                .query(String.class)
                .list();
    }

    /**
     * Gives the tenant exactly these widget hosts; a host another tenant has is a 409 naming it (a domain belongs
     * to one tenant at most), and nothing changes.
     */
    public void assignDomains(UUID tenant, List<String> hosts, Instant now) {
        List<String> taken = hostsTakenByOthers(hosts, tenant);
        if (!taken.isEmpty()) {
            throw new dev.parley.shared.ParleyException(org.springframework.http.HttpStatus.CONFLICT, "DOMAIN_TAKEN",
                    "These domains already belong to another tenant: " + String.join(", ", taken) + ".",
                    Map.of("domains", taken));
        }
        replaceDomains(tenant, hosts, now);
    }

    public void replaceDomains(UUID tenant, Collection<String> hosts, Instant now) {
        db.sql("DELETE FROM tenant_domains WHERE tenant_id = :tenant AND NOT (host = ANY(:hosts))")
                .param("tenant", tenant)
                .param("hosts", hosts.toArray(String[]::new))
                .update();
        for (String host : hosts) {
            db.sql("""
                            INSERT INTO tenant_domains (id, tenant_id, host, created_at)
                            SELECT :id, :tenant, :host, :now
                            WHERE NOT EXISTS (SELECT 1 FROM tenant_domains WHERE tenant_id = :tenant AND host = :host)
                            """)
                    .param("id", Ids.newId())
                    .param("tenant", tenant)
                    .param("host", host)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    private static final String SELECT = """
            SELECT t.id, t.slug, t.name, t.status, t.settings::text AS settings, t.created_at, t.updated_at,
                   t.widget_key,
                   t.suspended_at, t.deleted_at, t.purge_at, t.purged_at,
                   coalesce((SELECT array_agg(d.host ORDER BY d.host) FROM tenant_domains d WHERE d.tenant_id = t.id),
                            '{}') AS domains
            FROM tenants t
            """;

    private Tenant tenant(ResultSet rs, int row) throws SQLException {
        String[] domains = (String[]) rs.getArray("domains").getArray();
        Map<String, Object> settings = new LinkedHashMap<>(JSON.readValue(rs.getString("settings"), MAP));
        return new Tenant(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                TenantStatus.valueOf(rs.getString("status")), settings, new ArrayList<>(List.of(domains)),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "suspended_at"),
                instant(rs, "deleted_at"), rs.getString("widget_key"), instant(rs, "purge_at"),
                instant(rs, "purged_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts != null ? ts.toInstant() : null;
    }
}
