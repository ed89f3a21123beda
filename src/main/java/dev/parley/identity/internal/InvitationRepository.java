package dev.parley.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.identity.Role;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code invitations} table. */
@Repository
class InvitationRepository {

    record StoredInvitation(UUID tenantId, UUID id, String email, Role role, UUID invitedBy, Instant createdAt,
                            Instant expiresAt, Instant acceptedAt, Instant revokedAt) {

        boolean pending(Instant now) {
            return acceptedAt == null && revokedAt == null && expiresAt.isAfter(now);
        }
    }

    private static final String SELECT = """
            SELECT tenant_id, id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at
            FROM invitations
            """;

    private final JdbcClient db;

    InvitationRepository(JdbcClient db) {
        this.db = db;
    }

    void insert(UUID tenant, UUID id, String email, Role role, byte[] hash, UUID invitedBy, Instant now,
                Instant expiresAt) {
        db.sql("""
                        INSERT INTO invitations (tenant_id, id, email, role, token_hash, invited_by, created_at, expires_at)
                        VALUES (:tenant, :id, :email, :role, :hash, :invitedBy, :now, :expiresAt)
                        """)
                .param("tenant", tenant).param("id", id).param("email", email).param("role", role.name())
                .param("hash", hash).param("invitedBy", invitedBy).param("now", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(expiresAt))
                .update();
    }

    /** Revokes the open invitation of this email in this tenant, if any (a new one replaces it). */
    void revokePending(UUID tenant, String email, Instant now) {
        db.sql("""
                        UPDATE invitations SET revoked_at = :now
                        WHERE tenant_id = :tenant AND email = :email AND accepted_at IS NULL AND revoked_at IS NULL
                        """)
                .param("tenant", tenant).param("email", email).param("now", Timestamp.from(now)).update();
    }

    boolean revoke(UUID tenant, UUID id, Instant now) {
        return db.sql("""
                        UPDATE invitations SET revoked_at = :now
                        WHERE tenant_id = :tenant AND id = :id AND accepted_at IS NULL AND revoked_at IS NULL
                        """)
                .param("tenant", tenant).param("id", id).param("now", Timestamp.from(now)).update() == 1;
    }

    /** By token hash, in whichever tenant: platform path only. */
    Optional<StoredInvitation> findByHash(byte[] hash) {
        return db.sql(SELECT + " WHERE token_hash = :hash").param("hash", hash)
                .query(InvitationRepository::invitation).optional();
    }

    Optional<StoredInvitation> find(UUID tenant, UUID id) {
        return db.sql(SELECT + " WHERE tenant_id = :tenant AND id = :id").param("tenant", tenant).param("id", id)
                .query(InvitationRepository::invitation).optional();
    }

    List<StoredInvitation> pending(UUID tenant, Instant now) {
        return db.sql(SELECT + """
                         WHERE tenant_id = :tenant AND accepted_at IS NULL AND revoked_at IS NULL
                           AND expires_at > :now
                         ORDER BY created_at DESC
                        """)
                .param("tenant", tenant).param("now", Timestamp.from(now))
                .query(InvitationRepository::invitation).list();
    }

    /** Marks accepted; false when it was accepted or revoked meanwhile. */
    boolean accept(UUID tenant, UUID id, UUID user, Instant now) {
        return db.sql("""
                        UPDATE invitations SET accepted_at = :now, accepted_user_id = :user
                        WHERE tenant_id = :tenant AND id = :id AND accepted_at IS NULL AND revoked_at IS NULL
                        """)
                .param("tenant", tenant).param("id", id).param("user", user).param("now", Timestamp.from(now))
                .update() == 1;
    }

    private static StoredInvitation invitation(ResultSet rs, int row) throws SQLException {
        Timestamp accepted = rs.getTimestamp("accepted_at");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new StoredInvitation(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getString("email"), Role.valueOf(rs.getString("role")), rs.getObject("invited_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                accepted != null ? accepted.toInstant() : null, revoked != null ? revoked.toInstant() : null);
    }
}
