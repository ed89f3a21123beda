package dev.parley.notify.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.notify.Mail;
import dev.parley.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mail_outbox} table: every mail a tenant sends, newest first, and how its delivery went. */
@Repository
class MailOutboxRepository {

    /** The mail's columns and the names of its attachments, in order. */
    private static final String COLUMNS = "m.*, ARRAY(SELECT a.filename FROM mail_attachments a "
            + "WHERE a.tenant_id = m.tenant_id AND a.mail_id = m.id ORDER BY a.position) AS attachment_names";

    private final JdbcClient db;

    MailOutboxRepository(JdbcClient db) {
        this.db = db;
    }

    void insert(TenantId tenant, OutboxMail mail, UUID notificationId) {
        db.sql("""
                        INSERT INTO mail_outbox (tenant_id, id, kind, to_address, subject, body, status, created_at,
                                                 next_attempt_at, notification_id)
                        VALUES (:tenant, :id, :kind, :to, :subject, :body, :status, :createdAt, :next, :notification)
                        """)
                .param("tenant", tenant.value()).param("id", mail.id()).param("kind", mail.kind())
                .param("to", mail.to()).param("subject", mail.subject()).param("body", mail.body())
                .param("status", mail.status().name()).param("createdAt", Timestamp.from(mail.createdAt()))
                .param("next", mail.nextAttemptAt() == null ? null : Timestamp.from(mail.nextAttemptAt()))
                .param("notification", notificationId)
                .update();
    }

    /** Stores the files attached to a mail, in order. */
    void attach(TenantId tenant, UUID mail, List<Mail.Attachment> attachments) {
        for (int i = 0; i < attachments.size(); i++) {
            Mail.Attachment file = attachments.get(i);
            db.sql("""
                            INSERT INTO mail_attachments (tenant_id, mail_id, position, filename, content_type, content)
                            VALUES (:tenant, :mail, :position, :filename, :type, :content)
                            """)
                    .param("tenant", tenant.value()).param("mail", mail).param("position", i)
                    .param("filename", file.filename()).param("type", file.contentType())
                    .param("content", file.content()).update();
        }
    }

    /** The files attached to a mail, in order. */
    List<Mail.Attachment> attachments(TenantId tenant, UUID mail) {
        return db.sql("""
                        SELECT filename, content_type, content FROM mail_attachments
                        WHERE tenant_id = :tenant AND mail_id = :mail ORDER BY position
                        """)
                .param("tenant", tenant.value()).param("mail", mail)
                .query((rs, n) -> new Mail.Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3))).list();
    }

    Optional<OutboxMail> find(TenantId tenant, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM mail_outbox m WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value()).param("id", id)
                .query(MailOutboxRepository::mail).optional();
    }

    List<OutboxMail> list(TenantId tenant, OutboxMail.Status status, UUID before, int limit) {
        return db.sql("""
                        SELECT %s FROM mail_outbox m
                        WHERE tenant_id = :tenant
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                          AND (CAST(:before AS uuid) IS NULL OR id < :before)
                        ORDER BY id DESC
                        LIMIT :limit
                        """.formatted(COLUMNS))
                .param("tenant", tenant.value()).param("status", status == null ? null : status.name())
                .param("before", before).param("limit", limit)
                .query(MailOutboxRepository::mail).list();
    }

    void sent(TenantId tenant, UUID id, int attempts, Instant at) {
        db.sql("""
                        UPDATE mail_outbox SET status = 'SENT', attempts = :attempts, sent_at = :at, next_attempt_at = NULL
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value()).param("id", id).param("attempts", attempts)
                .param("at", Timestamp.from(at)).update();
    }

    /** A failed attempt: tried again at {@code next}, or, when {@code next} is null, given up (FAILED). */
    void failed(TenantId tenant, UUID id, int attempts, String error, Instant next) {
        db.sql("""
                        UPDATE mail_outbox SET status = :status, attempts = :attempts, last_error = :error,
                               next_attempt_at = :next
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value()).param("id", id)
                .param("status", next == null ? "FAILED" : "PENDING").param("attempts", attempts)
                .param("error", error).param("next", next == null ? null : Timestamp.from(next)).update();
    }

    void held(TenantId tenant, UUID id) {
        db.sql("UPDATE mail_outbox SET status = 'HELD', next_attempt_at = NULL WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value()).param("id", id).update();
    }

    private static OutboxMail mail(ResultSet rs, int row) throws SQLException {
        return new OutboxMail(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("to_address"),
                rs.getString("subject"), rs.getString("body"), OutboxMail.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "next_attempt_at"),
                rs.getTimestamp("created_at").toInstant(), instant(rs, "sent_at"),
                List.of((String[]) rs.getArray("attachment_names").getArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
