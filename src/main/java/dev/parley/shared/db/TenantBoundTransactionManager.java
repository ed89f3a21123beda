package dev.parley.shared.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;

import javax.sql.DataSource;

import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Binds every transaction to its tenant in PostgreSQL ({@code set_config('app.tenant_id', ?, true)}), or to
 * the platform role on the explicit platform path. Without either, row-level security hides every tenant row.
 */
class TenantBoundTransactionManager extends JdbcTransactionManager {

    static final String PLATFORM_ROLE = "parley_platform";

    /**
     * Transactions wait their turn for a connection first come, first served: the pool alone hands connections
     * to whichever waiting thread comes first, which under load starves some requests for seconds.
     */
    private final Semaphore turns;

    TenantBoundTransactionManager(DataSource dataSource, int connections) {
        super(dataSource);
        setEnforceReadOnly(true);
        this.turns = new Semaphore(Math.max(1, connections), true);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        turns.acquireUninterruptibly();
        try {
            super.doBegin(transaction, definition);
        } catch (RuntimeException | Error e) {
            turns.release();
            throw e;
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        try {
            super.doCleanupAfterCompletion(transaction);
        } finally {
            turns.release();
        }
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        if (PlatformTransactions.active()) {
            try (Statement statement = con.createStatement()) {
                statement.execute("SET LOCAL ROLE " + PLATFORM_ROLE);
            }
            return;
        }
        TenantId tenant = TenantContext.current().orElse(null);
        if (tenant != null) {
            try (PreparedStatement statement = con.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                statement.setString(1, tenant.value().toString());
                statement.execute();
            }
        }
    }
}
