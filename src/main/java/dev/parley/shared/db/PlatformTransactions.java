package dev.parley.shared.db;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
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

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
