package dev.parley.notify.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.notify.Notification;
import dev.parley.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notifications} table: a member's notifications, newest first (UUIDv7 ids are time-ordered). */
@Repository
class NotificationRepository {

    private final JdbcClient db;

    NotificationRepository(JdbcClient db) {
        this.db = db;
    }

    void insert(TenantId tenant, UUID recipient, Notification n) {
        db.sql("""
                        INSERT INTO notifications (tenant_id, id, recipient_id, kind, title, body, link, created_at)
                        VALUES (:tenant, :id, :recipient, :kind, :title, :body, :link, :createdAt)
                        """)
                .param("tenant", tenant.value()).param("id", n.id()).param("recipient", recipient)
                .param("kind", n.kind()).param("title", n.title()).param("body", n.body()).param("link", n.link())
                .param("createdAt", Timestamp.from(n.createdAt()))
                .update();
    }

    List<Notification> list(TenantId tenant, UUID recipient, boolean unreadOnly, UUID before, int limit) {
        return db.sql("""
                        SELECT id, kind, title, body, link, created_at, read_at FROM notifications
                        WHERE tenant_id = :tenant AND recipient_id = :recipient
                          AND (NOT :unreadOnly OR read_at IS NULL)
                          AND (CAST(:before AS uuid) IS NULL OR id < :before)
                        ORDER BY id DESC
                        LIMIT :limit
                        """)
                .param("tenant", tenant.value()).param("recipient", recipient).param("unreadOnly", unreadOnly)
                .param("before", before).param("limit", limit)
                .query(NotificationRepository::notification)
                .list();
    }

    Optional<Notification> find(TenantId tenant, UUID recipient, UUID id) {
        return db.sql("""
                        SELECT id, kind, title, body, link, created_at, read_at FROM notifications
                        WHERE tenant_id = :tenant AND recipient_id = :recipient AND id = :id
                        """)
                .param("tenant", tenant.value()).param("recipient", recipient).param("id", id)
                .query(NotificationRepository::notification)
                .optional();
    }

    int unread(TenantId tenant, UUID recipient) {
        return db.sql("""
                        SELECT count(*) FROM notifications
                        WHERE tenant_id = :tenant AND recipient_id = :recipient AND read_at IS NULL
                        """)
                .param("tenant", tenant.value()).param("recipient", recipient)
                .query(Integer.class).single();
    }

    boolean markRead(TenantId tenant, UUID recipient, UUID id, Instant at) {
        return db.sql("""
                        UPDATE notifications SET read_at = :at
                        WHERE tenant_id = :tenant AND recipient_id = :recipient AND id = :id AND read_at IS NULL
                        """)
                .param("tenant", tenant.value()).param("recipient", recipient).param("id", id)
                .param("at", Timestamp.from(at))
                .update() > 0;
    }

    int markAllRead(TenantId tenant, UUID recipient, Instant at) {
        return db.sql("""
                        UPDATE notifications SET read_at = :at
                        WHERE tenant_id = :tenant AND recipient_id = :recipient AND read_at IS NULL
                        """)
                .param("tenant", tenant.value()).param("recipient", recipient).param("at", Timestamp.from(at))
                .update();
    }

    private static Notification notification(ResultSet rs, int row) throws SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        return new Notification(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("title"),
                rs.getString("body"), rs.getString("link"), rs.getTimestamp("created_at").toInstant(),
                read == null ? null : read.toInstant());
    }
}
