package dev.parley.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code refresh_tokens} table. A token family is one login session. */
@Repository
class RefreshTokenRepository {

    record StoredToken(UUID tenantId, UUID id, UUID userId, UUID familyId, Instant expiresAt, Instant usedAt,
                       Instant revokedAt) {
    }

    private final JdbcClient db;

    RefreshTokenRepository(JdbcClient db) {
        this.db = db;
    }

    void insert(UUID tenant, UUID id, UUID user, UUID family, byte[] hash, Instant issuedAt, Instant expiresAt,
                String userAgent, String ip) {
        db.sql("""
                        INSERT INTO refresh_tokens (tenant_id, id, user_id, family_id, token_hash, issued_at, expires_at,
                                                    user_agent, ip)
                        VALUES (:tenant, :id, :user, :family, :hash, :issuedAt, :expiresAt, :userAgent, :ip)
                        """)
                .param("tenant", tenant).param("id", id).param("user", user).param("family", family)
                .param("hash", hash).param("issuedAt", Timestamp.from(issuedAt))
                .param("expiresAt", Timestamp.from(expiresAt))
                .param("userAgent", userAgent != null && userAgent.length() > 500 ? userAgent.substring(0, 500) : userAgent)
                .param("ip", ip)
                .update();
    }

    /** Looks a token up by its hash, in whichever tenant it lives: platform path only. */
    Optional<StoredToken> findByHash(byte[] hash) {
        return db.sql("""
                        SELECT tenant_id, id, user_id, family_id, expires_at, used_at, revoked_at
                        FROM refresh_tokens WHERE token_hash = :hash
                        """)
                .param("hash", hash).query(RefreshTokenRepository::token).optional();
    }

    /** Marks a token used; false when another request used it first (a reuse). */
    boolean markUsed(UUID tenant, UUID id, UUID replacedBy, Instant now) {
        return db.sql("""
                        UPDATE refresh_tokens SET used_at = :now, replaced_by = :replacedBy
                        WHERE tenant_id = :tenant AND id = :id AND used_at IS NULL AND revoked_at IS NULL
                        """)
                .param("tenant", tenant).param("id", id).param("replacedBy", replacedBy)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    void setReplacedBy(UUID tenant, UUID id, UUID successor) {
        db.sql("UPDATE refresh_tokens SET replaced_by = :successor WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant).param("id", id).param("successor", successor).update();
    }

    int revokeFamily(UUID tenant, UUID family, Instant now) {
        return db.sql("""
                        UPDATE refresh_tokens SET revoked_at = :now
                        WHERE tenant_id = :tenant AND family_id = :family AND revoked_at IS NULL
                        """)
                .param("tenant", tenant).param("family", family).param("now", Timestamp.from(now)).update();
    }

    int revokeAllOfUser(UUID tenant, UUID user, Instant now) {
        return db.sql("""
                        UPDATE refresh_tokens SET revoked_at = :now
                        WHERE tenant_id = :tenant AND user_id = :user AND revoked_at IS NULL
                        """)
                .param("tenant", tenant).param("user", user).param("now", Timestamp.from(now)).update();
    }

    private static StoredToken token(ResultSet rs, int row) throws SQLException {
        return new StoredToken(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class), rs.getObject("family_id", UUID.class),
                rs.getTimestamp("expires_at").toInstant(), instant(rs.getTimestamp("used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts != null ? ts.toInstant() : null;
    }
}
