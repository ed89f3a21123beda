package dev.parley.chat.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per-tenant display numbers. Taken before the work that needs them, in a short transaction of their own, so
 * creating conversations does not hold the tenant's counter for a whole transaction (a rollback leaves a harmless
 * gap). Inside a running transaction the counter joins it: never a nested transaction, which would need a
 * second connection while holding one.
 */
@Component
public class TenantCounters {

    private final JdbcClient db;
    private final TransactionTemplate own;

    TenantCounters(JdbcClient db, PlatformTransactionManager transactions) {
        this.db = db;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    public long next(UUID tenant, String name) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            return increment(tenant, name);
        }
        return own.execute(status -> increment(tenant, name));
    }

    private long increment(UUID tenant, String name) {
        return db.sql("""
                        INSERT INTO tenant_counters (tenant_id, name, value) VALUES (:tenant, :name, 1)
                        ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value + 1
                        RETURNING value
                        """)
                .param("tenant", tenant).param("name", name).query(Long.class).single();
    }
}
