package dev.parley.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.parley.shared.Ids;
import dev.parley.shared.TenantId;
import dev.parley.shared.security.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records who did what to which object: per tenant for tenant actions, and on the platform log for
 * super-admin actions. Entries are append-only (the database refuses updates and deletes).
 */
@Service
public class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient db;
    private final Clock clock;

    AuditLog(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records a tenant action by the current caller (or the system when there is none). */
    public void record(TenantId tenant, String action, String targetType, Object targetId,
                       Map<String, ?> details) {
        insert("audit_log", tenant, action, targetType, targetId, details);
    }

    /** Records a platform action (tenant provisioning, suspension, key rotation) by the current caller. */
    public void recordPlatform(String action, TenantId tenant, String targetType, Object targetId,
                               Map<String, ?> details) {
        insert("platform_audit_log", tenant, action, targetType, targetId, details);
    }

    /**
     * Erases a purged tenant's own audit trail (its data; the platform trail stays) and answers how many entries
     * went. The database refuses unless the tenant is deleted; runs on the platform path.
     */
    public int eraseTenantTrail(TenantId tenant) {
        return db.sql("SELECT parley_purge_tenant_audit(:tenant)").param("tenant", tenant.value())
                .query(Long.class).single().intValue();
    }

    private void insert(String table, TenantId tenant, String action, String targetType, Object targetId,
                        Map<String, ?> details) {
        Caller caller = Caller.current().orElse(null);
        db.sql("INSERT INTO " + table + """
                         (tenant_id, id, occurred_at, actor_user_id, action, target_type, target_id, details, ip)
                        VALUES (:tenant, :id, :at, :actor, :action, :targetType, :targetId, :details::jsonb, :ip)
                        """)
                .param("tenant", tenant != null ? tenant.value() : null)
                .param("id", Ids.newId())
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .param("actor", caller != null ? caller.user().value() : null)
                .param("action", action)
                .param("targetType", targetType)
                .param("targetId", targetId != null ? targetId.toString() : null)
                .param("details", JSON.writeValueAsString(details))
                .param("ip", caller != null ? caller.address() : null)
                .update();
    }

    /** One audit entry as the audit views show it. */
    public record Entry(UUID id, Instant occurredAt, UUID actorUserId, String actorEmail, String action,
                        UUID tenantId, String tenantName, String targetType, String targetId, Map<String, Object> details,
                        String ip) {
    }
}
