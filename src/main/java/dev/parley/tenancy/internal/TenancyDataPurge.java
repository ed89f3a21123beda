package dev.parley.tenancy.internal;

import java.util.List;
import java.util.Map;

import dev.parley.audit.AuditLog;
import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDataPurge;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tenancy's own tenant tables, released domains included, and the tenant's own audit trail (its data; the platform
 * trail stays). Last, after every module whose rows could still be referenced.
 */
@Component
@Order(TenantDataPurge.TENANCY)
class TenancyDataPurge implements TenantDataPurge {

    private static final List<String> OWN_TABLES = List.of("tenant_counters", "tenant_logos", "tenant_domains");

    private final JdbcClient db;
    private final AuditLog audit;

    TenancyDataPurge(JdbcClient db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    @Override
    public List<String> tables() {
        return List.of("tenant_counters", "tenant_logos", "tenant_domains", "audit_log");
    }

    @Override
    public Map<String, Integer> purge(TenantId tenant) {
        Map<String, Integer> rows = TenantDataPurge.deleteRows(db, tenant, OWN_TABLES);
        rows.put("audit_log", audit.eraseTenantTrail(tenant));
        return rows;
    }
}
