package dev.parley.followups.internal;

import java.util.List;
import java.util.Map;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDataPurge;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A purged tenant's follow-ups and follow-up settings; before chat's conversations and identity's memberships, which
 * follow-ups reference. Executions of the follow-up jobs left for them find nothing and end.
 */
@Component
@Order(40)
class FollowUpDataPurge implements TenantDataPurge {

    private static final List<String> TABLES = List.of("followups", "followup_settings");

    private final JdbcClient db;

    FollowUpDataPurge(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, Integer> purge(TenantId tenant) {
        Map<String, Integer> rows = TenantDataPurge.deleteRows(db, tenant, TABLES);
        return rows;
    }
}
