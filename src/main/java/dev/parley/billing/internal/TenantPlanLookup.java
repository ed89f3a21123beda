package dev.parley.billing.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.parley.shared.db.PlatformTransactions;
import dev.parley.tenancy.TenantPlans;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tenancy's question "which plan is each tenant on", answered for a page of tenants in one query. */
@Component
class TenantPlanLookup implements TenantPlans {

    private final JdbcClient db;
    private final PlatformTransactions platform;

    TenantPlanLookup(JdbcClient db, PlatformTransactions platform) {
        this.db = db;
        this.platform = platform;
    }

    @Override
    public Map<UUID, PlanLabel> plans(Set<UUID> tenants) {
        if (tenants.isEmpty()) {
            return Map.of();
        }
        String[] ids = tenants.stream().map(UUID::toString).toArray(String[]::new);
        return platform.call(() -> {
            Map<UUID, PlanLabel> plans = new HashMap<>();
            db.sql("""
                            SELECT tp.tenant_id, p.id, p.name FROM tenant_plan tp JOIN plans p ON p.id = tp.plan_id
                            WHERE tp.tenant_id = ANY(CAST(:ids AS uuid[]))
                            """)
                    .param("ids", ids)
                    .query(rs -> {
                        plans.put(rs.getObject("tenant_id", UUID.class),
                                new PlanLabel(rs.getString("id"), rs.getString("name")));
                    });
            return plans;
        });
    }

    @Override
    public Set<UUID> tenantsOn(String planId) {
        return platform.call(() -> new HashSet<>(db.sql("SELECT tenant_id FROM tenant_plan WHERE plan_id = :plan")
                .param("plan", planId).query(UUID.class).list()));
    }
}
