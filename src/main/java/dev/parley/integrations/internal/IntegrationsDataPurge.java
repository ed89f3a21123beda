package dev.parley.integrations.internal;

import java.util.List;
import java.util.Map;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDataPurge;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Integrations' tenant tables: deliveries before the endpoints they belong to. Nothing else references them. A
 * delivery execution still waiting in {@code scheduled_tasks} finds its row gone and ends.
 */
@Component
@Order(25)
class IntegrationsDataPurge implements TenantDataPurge {

    private static final List<String> TABLES = List.of("webhook_deliveries", "webhook_endpoints");

    private final JdbcClient db;

    IntegrationsDataPurge(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, Integer> purge(TenantId tenant) {
        return TenantDataPurge.deleteRows(db, tenant, TABLES);
    }
}
