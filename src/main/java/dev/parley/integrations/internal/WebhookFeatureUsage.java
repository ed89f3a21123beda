package dev.parley.integrations.internal;

import java.util.List;

import dev.parley.shared.TenantId;
import dev.parley.shared.usage.FeatureUsage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The tenant's enabled webhook endpoints use the plan's {@code webhooks} feature. */
@Component
class WebhookFeatureUsage implements FeatureUsage {

    private final JdbcClient db;

    WebhookFeatureUsage(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<InUse> inUse(TenantId tenant) {
        long enabled = db.sql("SELECT count(*) FROM webhook_endpoints WHERE tenant_id = :tenant AND enabled")
                .param("tenant", tenant.value()).query(Long.class).single();
        return enabled == 0 ? List.of() : List.of(new InUse("webhooks", enabled,
                enabled + (enabled == 1 ? " webhook endpoint" : " webhook endpoints")));
    }
}
