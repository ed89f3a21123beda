package dev.parley.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.identity.Role;
import dev.parley.shared.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code memberships} table; every query names its tenant. */
@Repository
public class MembershipRepository {

    private static final String SELECT = """
            SELECT m.tenant_id, m.id, m.user_id, m.role, m.status, m.created_at, u.email, u.name, u.last_login_at
            FROM memberships m JOIN users u ON u.id = m.user_id
            """;

    private final JdbcClient db;

    MembershipRepository(JdbcClient db) {
        this.db = db;
    }

    public Optional<Membership> find(UUID tenant, UUID user) {
        return db.sql(SELECT + " WHERE m.tenant_id = :tenant AND m.user_id = :user")
                .param("tenant", tenant).param("user", user)
                .query(MembershipRepository::membership).optional();
    }

    /** Every membership of a person, across tenants: only on the platform path (login, tenant switching). */
    public List<Membership> findAllOfUser(UUID user) {
        return db.sql(SELECT + " WHERE m.user_id = :user ORDER BY m.created_at, m.tenant_id")
                .param("user", user)
                .query(MembershipRepository::membership).list();
    }

    public List<Membership> list(UUID tenant, String status, String text, UUID after, int limit) {
        String pattern = dev.parley.shared.db.SqlText.containsPattern(text);
        return db.sql(SELECT + """
                         WHERE m.tenant_id = :tenant
                           AND (CAST(:status AS text) IS NULL OR m.status = :status)
                           AND (CAST(:pattern AS text) IS NULL OR u.email LIKE :pattern
                                OR lower(coalesce(u.name, '')) LIKE :pattern)
                           AND (CAST(:after AS uuid) IS NULL OR m.id > :after)
                         ORDER BY m.id
                         LIMIT :limit
                        """)
                .param("tenant", tenant).param("status", status).param("pattern", pattern)
                .param("after", after).param("limit", limit)
                .query(MembershipRepository::membership).list();
    }

    /** Adds a membership, or reactivates and re-roles an existing one. */
    public void upsert(UUID tenant, UUID user, Role role, Instant now) {
        db.sql("""
                        INSERT INTO memberships (tenant_id, id, user_id, role, status, created_at, updated_at)
                        VALUES (:tenant, :id, :user, :role, 'ACTIVE', :now, :now)
                        ON CONFLICT (tenant_id, user_id)
                        DO UPDATE SET role = excluded.role, status = 'ACTIVE', updated_at = excluded.updated_at
                        """)
                .param("tenant", tenant).param("id", Ids.newId()).param("user", user)
                .param("role", role.name()).param("now", Timestamp.from(now))
                .update();
    }

    public void changeRole(UUID tenant, UUID user, Role role, Instant now) {
        db.sql("UPDATE memberships SET role = :role, updated_at = :now WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenant).param("user", user).param("role", role.name())
                .param("now", Timestamp.from(now)).update();
    }

    public void changeStatus(UUID tenant, UUID user, String status, Instant now) {
        db.sql("""
                        UPDATE memberships SET status = :status, updated_at = :now
                        WHERE tenant_id = :tenant AND user_id = :user
                        """)
                .param("tenant", tenant).param("user", user).param("status", status)
                .param("now", Timestamp.from(now)).update();
    }

    /** Active tenant admins, locked so two concurrent demotions cannot both pass the last-admin check. */
    /**
     * Takes the tenant's seat lock for the rest of the transaction, so two invitations or reactivations at once
     * cannot both take the last seat, and answers how many members are active.
     */
    public long lockSeatsAndCountActive(UUID tenant) {
        db.sql("SELECT pg_advisory_xact_lock(hashtextextended('seats:' || :tenant, 0))")
                .param("tenant", tenant.toString()).query((rs, n) -> 1).list();
        return db.sql("SELECT count(*) FROM memberships WHERE tenant_id = :tenant AND status = 'ACTIVE'")
                .param("tenant", tenant).query(Long.class).single();
    }

    /**
     * Seats the tenant holds: active members plus open (unexpired, unanswered) invitations, the same count the seat
     * gate uses when inviting; without the seat lock (a read for a plan change).
     */
    public long countSeatsTaken(UUID tenant, Instant now) {
        return db.sql("""
                        SELECT (SELECT count(*) FROM memberships WHERE tenant_id = :tenant AND status = 'ACTIVE')
                             + (SELECT count(*) FROM invitations WHERE tenant_id = :tenant AND accepted_at IS NULL
                                  AND revoked_at IS NULL AND expires_at > :now)
                        """)
                .param("tenant", tenant).param("now", java.sql.Timestamp.from(now)).query(Long.class).single();
    }

    public int countActiveAdminsForUpdate(UUID tenant) {
        return db.sql("""
                        SELECT id FROM memberships
                        WHERE tenant_id = :tenant AND role = 'TENANT_ADMIN' AND status = 'ACTIVE'
                        FOR UPDATE
                        """)
                .param("tenant", tenant).query(UUID.class).list().size();
    }

    static Membership membership(ResultSet rs, int row) throws SQLException {
        Timestamp lastLogin = rs.getTimestamp("last_login_at");
        return new Membership(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class), Role.valueOf(rs.getString("role")), rs.getString("status"),
                rs.getString("email"), rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
                lastLogin != null ? lastLogin.toInstant() : null);
    }
}
