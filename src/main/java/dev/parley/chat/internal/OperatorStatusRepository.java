package dev.parley.chat.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import dev.parley.chat.Presence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code operator_status} table: presence, chat limit and round-robin position. */
@Repository
public class OperatorStatusRepository {

    private final JdbcClient db;

    OperatorStatusRepository(JdbcClient db) {
        this.db = db;
    }

    public void setPresence(UUID tenant, UUID user, Presence presence, Instant now) {
        db.sql("""
                        INSERT INTO operator_status (tenant_id, user_id, presence, updated_at)
                        VALUES (:tenant, :user, :presence, :now)
                        ON CONFLICT (tenant_id, user_id) DO UPDATE SET presence = excluded.presence,
                                                                       updated_at = excluded.updated_at
                        """)
                .param("tenant", tenant).param("user", user).param("presence", presence.name())
                .param("now", Timestamp.from(now)).update();
    }

    public void setMaxChats(UUID tenant, UUID user, Integer maxChats, Instant now) {
        db.sql("""
                        INSERT INTO operator_status (tenant_id, user_id, max_chats, updated_at)
                        VALUES (:tenant, :user, :max, :now)
                        ON CONFLICT (tenant_id, user_id) DO UPDATE SET max_chats = excluded.max_chats,
                                                                       updated_at = excluded.updated_at
                        """)
                .param("tenant", tenant).param("user", user).param("max", maxChats)
                .param("now", Timestamp.from(now)).update();
    }

    public Presence presence(UUID tenant, UUID user) {
        return db.sql("SELECT presence FROM operator_status WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenant).param("user", user).query(String.class).optional()
                .map(Presence::valueOf).orElse(Presence.OFFLINE);
    }

    public Optional<Integer> maxChats(UUID tenant, UUID user) {
        return db.sql("SELECT max_chats FROM operator_status WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenant).param("user", user).query(Integer.class).optional();
    }

    public boolean anyOnline(UUID tenant, Collection<UUID> connected) {
        if (connected.isEmpty()) {
            return false;
        }
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM operator_status WHERE tenant_id = :tenant AND presence = 'ONLINE'
                                         AND user_id IN (:connected))
                        """)
                .param("tenant", tenant).param("connected", connected).query(Boolean.class).single();
    }

    /**
     * The online, connected operator with the fewest open chats under their limit; ties go to whoever was
     * assigned least recently (round-robin). Locks their status row so two assignments cannot both take the
     * last free place; rows being assigned by another transaction are skipped, so routings run in parallel.
     */
    public Optional<UUID> leastLoaded(UUID tenant, Collection<UUID> connected, int defaultMax) {
        if (connected.isEmpty()) {
            return Optional.empty();
        }
        return db.sql("""
                        SELECT os.user_id FROM operator_status os
                        JOIN memberships m ON m.tenant_id = os.tenant_id AND m.user_id = os.user_id AND m.status = 'ACTIVE'
                        WHERE os.tenant_id = :tenant AND os.presence = 'ONLINE' AND os.user_id IN (:connected)
                          AND (SELECT count(*) FROM conversations c WHERE c.tenant_id = os.tenant_id
                                 AND c.assignee_id = os.user_id AND c.status = 'ASSIGNED')
                              < coalesce(os.max_chats, :defaultMax)
                        ORDER BY (SELECT count(*) FROM conversations c WHERE c.tenant_id = os.tenant_id
                                    AND c.assignee_id = os.user_id AND c.status = 'ASSIGNED'),
                                 os.last_assigned_at NULLS FIRST, os.user_id
                        LIMIT 1
                        FOR UPDATE OF os SKIP LOCKED
                        """)
                .param("tenant", tenant).param("connected", connected).param("defaultMax", defaultMax)
                .query(UUID.class).optional();
    }

    public void markAssigned(UUID tenant, UUID user, Instant now) {
        db.sql("UPDATE operator_status SET last_assigned_at = :now WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenant).param("user", user).param("now", Timestamp.from(now)).update();
    }
}
