package dev.parley.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.audit.AuditLog.Entry;
import dev.parley.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit trails, newest first, with keyset pagination on the UUIDv7 id. Entries carry the actor's email
 * and the tenant's name, joined read-only from the platform tables {@code users} and {@code tenants}.
 */
@Repository
public class AuditQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient db;

    AuditQueries(JdbcClient db) {
        this.db = db;
    }

    public List<Entry> tenantEntries(TenantId tenant, String action, UUID before, int limit) {
        return db.sql("""
                        SELECT a.id, a.occurred_at, a.actor_user_id, u.email AS actor_email, a.action, a.tenant_id,
                               t.name AS tenant_name, a.target_type, a.target_id, a.details::text AS details, a.ip
                        FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
                             LEFT JOIN tenants t ON t.id = a.tenant_id
                        WHERE a.tenant_id = :tenant
                          AND (CAST(:action AS text) IS NULL OR a.action = :action)
                          AND (CAST(:before AS uuid) IS NULL OR a.id < :before)
                        ORDER BY a.id DESC
                        LIMIT :limit
                        """)
                .param("tenant", tenant.value())
                .param("action", action)
                .param("before", before)
                .param("limit", limit)
                .query(AuditQueries::entry)
                .list();
    }

    public List<Entry> platformEntries(UUID tenant, String action, UUID before, int limit) {
        return db.sql("""
                        SELECT a.id, a.occurred_at, a.actor_user_id, u.email AS actor_email, a.action, a.tenant_id,
                               t.name AS tenant_name, a.target_type, a.target_id, a.details::text AS details, a.ip
                        FROM platform_audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
                             LEFT JOIN tenants t ON t.id = a.tenant_id
                        WHERE (CAST(:tenant AS uuid) IS NULL OR a.tenant_id = :tenant)
                          AND (CAST(:action AS text) IS NULL OR a.action = :action)
                          AND (CAST(:before AS uuid) IS NULL OR a.id < :before)
                        ORDER BY a.id DESC
                        LIMIT :limit
                        """)
                .param("tenant", tenant)
                .param("action", action)
                .param("before", before)
                .param("limit", limit)
                .query(AuditQueries::entry)
                .list();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getObject("id", UUID.class), rs.getTimestamp("occurred_at").toInstant(),
                rs.getObject("actor_user_id", UUID.class), rs.getString("actor_email"), rs.getString("action"),
                rs.getObject("tenant_id", UUID.class), rs.getString("tenant_name"), rs.getString("target_type"), rs.getString("target_id"),
                JSON.readValue(rs.getString("details"), MAP), rs.getString("ip"));
    }
}
