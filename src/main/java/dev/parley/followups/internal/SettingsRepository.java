package dev.parley.followups.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import dev.parley.followups.AssignmentStrategy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code followup_settings} row: the assignment strategy and where round robin stopped. */
@Repository
public class SettingsRepository {

    /** The tenant's row as automatic assignment reads it. */
    public record Assignment(AssignmentStrategy strategy, UUID lastRoundRobinUser) {
    }

    private final JdbcClient db;

    SettingsRepository(JdbcClient db) {
        this.db = db;
    }

    public AssignmentStrategy strategy(UUID tenant) {
        return db.sql("SELECT assignment FROM followup_settings WHERE tenant_id = :tenant")
                .param("tenant", tenant).query(String.class).optional()
                .map(AssignmentStrategy::of).orElse(AssignmentStrategy.CONVERSATION);
    }

    public void setStrategy(UUID tenant, AssignmentStrategy strategy, Instant now) {
        db.sql("""
                        INSERT INTO followup_settings (tenant_id, assignment, updated_at) VALUES (:tenant, :strategy, :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET assignment = :strategy, updated_at = :now
                        """)
                .param("tenant", tenant).param("strategy", strategy.key()).param("now", Timestamp.from(now)).update();
    }

    /**
     * The tenant's row, locked until the transaction ends (created first if missing): automatic assignments of a
     * tenant take turns, so two at once never pick from the same state.
     */
    public Assignment lock(UUID tenant, Instant now) {
        db.sql("""
                        INSERT INTO followup_settings (tenant_id, updated_at) VALUES (:tenant, :now)
                        ON CONFLICT (tenant_id) DO NOTHING
                        """)
                .param("tenant", tenant).param("now", Timestamp.from(now)).update();
        return db.sql("""
                        SELECT assignment, last_round_robin_user FROM followup_settings
                        WHERE tenant_id = :tenant FOR UPDATE
                        """)
                .param("tenant", tenant)
                .query((rs, n) -> new Assignment(AssignmentStrategy.of(rs.getString("assignment")),
                        rs.getObject("last_round_robin_user", UUID.class)))
                .single();
    }

    public void roundRobinReached(UUID tenant, UUID user) {
        db.sql("UPDATE followup_settings SET last_round_robin_user = :user WHERE tenant_id = :tenant")
                .param("tenant", tenant).param("user", user).update();
    }
}
