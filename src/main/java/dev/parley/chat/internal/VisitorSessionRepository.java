package dev.parley.chat.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.parley.chat.VisitorIdentity;
import dev.parley.shared.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code visitor_sessions} table: a browser's opaque token, stored as a hash. */
@Repository
public class VisitorSessionRepository {

    private final JdbcClient db;

    VisitorSessionRepository(JdbcClient db) {
        this.db = db;
    }

    public UUID create(UUID tenant, UUID contact, byte[] hash, Instant now) {
        UUID id = Ids.newId();
        db.sql("""
                        INSERT INTO visitor_sessions (tenant_id, id, contact_id, token_hash, created_at, last_seen_at)
                        VALUES (:tenant, :id, :contact, :hash, :now, :now)
                        """)
                .param("tenant", tenant).param("id", id).param("contact", contact).param("hash", hash)
                .param("now", Timestamp.from(now)).update();
        return id;
    }

    /** By token hash, in whichever tenant: platform path only. */
    public Optional<VisitorIdentity> findByHash(byte[] hash) {
        return db.sql("SELECT tenant_id, id, contact_id FROM visitor_sessions WHERE token_hash = :hash")
                .param("hash", hash)
                .query((rs, n) -> new VisitorIdentity(rs.getObject("tenant_id", UUID.class),
                        rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class)))
                .optional();
    }

    public void moveToContact(UUID tenant, UUID session, UUID contact) {
        db.sql("UPDATE visitor_sessions SET contact_id = :contact WHERE tenant_id = :tenant AND id = :session")
                .param("tenant", tenant).param("session", session).param("contact", contact).update();
    }
}
