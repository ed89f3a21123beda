package dev.parley.shared.db;

import java.util.function.Supplier;

import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The explicit platform path: work that spans tenants (super-admin actions, login lookups, provisioning)
 * runs in a transaction whose role bypasses row-level security. Everything else runs on the tenant path.
 */
@Component
public class PlatformTransactions {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private final TransactionTemplate joining;
    private final TransactionTemplate fresh;

    PlatformTransactions(PlatformTransactionManager transactions) {
        this.joining = new TransactionTemplate(transactions);
        this.fresh = new TransactionTemplate(transactions);
        this.fresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** True while the current thread is inside a platform transaction. */
    public static boolean active() {
        return Boolean.TRUE.equals(ACTIVE.get());
    }

    public <T> T call(Supplier<T> work) {
        if (active()) {
            return joining.execute(status -> work.get());
        }
        ACTIVE.set(Boolean.TRUE);
        try {
            // A new transaction: a platform transaction never joins a tenant-bound one.
            return fresh.execute(status -> work.get());
        } finally {
            ACTIVE.remove();
        }
    }

    /**
     * Reads a tenant's rows from anywhere: in the caller's transaction when that one can see them (a platform
     * transaction, or the tenant's own), else in a platform transaction of its own. A lookup inside the tenant's
     * transaction so never holds a second connection while the first waits.
     */
    public <T> T callFor(TenantId tenant, Supplier<T> work) {
        boolean ownTransaction = TransactionSynchronizationManager.isActualTransactionActive()
                && tenant.equals(TenantContext.current().orElse(null));
        return ownTransaction || active() ? work.get() : call(work);
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
