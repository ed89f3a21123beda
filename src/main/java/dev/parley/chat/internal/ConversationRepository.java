package dev.parley.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.chat.ConversationStatus;
import dev.parley.chat.ConversationView;
import dev.parley.shared.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code conversations} table, with list views joined to contacts and assignees. */
@Repository
public class ConversationRepository {

    /** A conversation's row, for decisions. */
    public record Row(UUID id, UUID contactId, ConversationStatus status, UUID assigneeId, long nextSeq,
                      boolean offline) {
    }

    /** Which conversations a list shows. */
    public record Filter(String view, ConversationStatus status, UUID assignee, String text, UUID contact) {
    }

    private static final String VIEW = """
            SELECT v.*, %s AS unread,
                   coalesce((SELECT array_agg(DISTINCT coalesce(nullif(pu.name, ''), pu.email))
                             FROM messages pm JOIN users pu ON pu.id = pm.sender_user_id
                             WHERE pm.tenant_id = v.tenant_id AND pm.conversation_id = v.id
                               AND pm.sender_kind = 'OPERATOR'), '{}') AS participants
            FROM (SELECT cv.id, cv.number, cv.status, cv.channel, cv.offline, cv.contact_id, cv.assignee_id,
                         cv.created_at, cv.updated_at, cv.waiting_since, cv.last_message_at, cv.last_message_preview,
                         cv.last_message_sender, cv.next_seq, cv.tenant_id,
                         %s AS visitor_name, c.email AS visitor_email, c.current_url, c.country,
                         coalesce(nullif(u.name, ''), u.email) AS assignee_name
                  FROM conversations cv
                  JOIN contacts c ON c.tenant_id = cv.tenant_id AND c.id = cv.contact_id
                  LEFT JOIN users u ON u.id = cv.assignee_id
                  WHERE cv.tenant_id = :tenant %s) v
            """;
    private static final String UNREAD = """
            (SELECT count(*) FROM messages m WHERE m.tenant_id = v.tenant_id AND m.conversation_id = v.id
               AND m.sender_kind = 'VISITOR'
               AND m.seq > coalesce((SELECT r.last_read_seq FROM conversation_reads r WHERE r.tenant_id = v.tenant_id
                                       AND r.conversation_id = v.id AND r.reader_id = :reader), 0))""";

    private final JdbcClient db;
    private final TenantCounters counters;

    ConversationRepository(JdbcClient db, TenantCounters counters) {
        this.db = db;
        this.counters = counters;
    }

    /** A new queued conversation; {@code number} taken beforehand, or null to take one now. */
    public UUID create(UUID tenant, UUID contact, boolean offline, Instant now, Long preassigned) {
        long number = preassigned != null ? preassigned : counters.next(tenant, "conversation");
        UUID id = Ids.newId();
        db.sql("""
                        INSERT INTO conversations (tenant_id, id, number, contact_id, status, channel, offline,
                                                   created_at, updated_at, waiting_since)
                        VALUES (:tenant, :id, :number, :contact, 'QUEUED', :channel, :offline, :now, :now, :now)
                        """)
                .param("tenant", tenant).param("id", id).param("number", number).param("contact", contact)
                .param("channel", offline ? "OFFLINE_FORM" : "WEB").param("offline", offline)
                .param("now", Timestamp.from(now)).update();
        return id;
    }

    /** Locks the conversation row: messages of one conversation are numbered one at a time. */
    public Optional<Row> lock(UUID tenant, UUID id) {
        return db.sql("""
                        SELECT id, contact_id, status, assignee_id, next_seq, offline FROM conversations
                        WHERE tenant_id = :tenant AND id = :id FOR UPDATE
                        """)
                .param("tenant", tenant).param("id", id).query(ConversationRepository::row).optional();
    }

    /**
     * Open live conversations (offline-form messages wait for a reply by mail, so they are left alone) with no
     * message since {@code cutoff}, least recently active first; served by {@code conversations_idle_idx}.
     */
    public List<UUID> idle(UUID tenant, Instant cutoff, int limit) {
        return db.sql("""
                        SELECT id FROM conversations
                        WHERE tenant_id = :tenant AND status IN ('QUEUED', 'ASSIGNED') AND NOT offline
                          AND coalesce(last_message_at, created_at) < :cutoff
                        ORDER BY coalesce(last_message_at, created_at) LIMIT :limit
                        """)
                .param("tenant", tenant).param("cutoff", Timestamp.from(cutoff)).param("limit", limit)
                .query(UUID.class).list();
    }

    /** Locks the conversation if it is still open and idle since {@code cutoff} (a visitor may just have written). */
    public Optional<Row> lockIfIdle(UUID tenant, UUID id, Instant cutoff) {
        return db.sql("""
                        SELECT id, contact_id, status, assignee_id, next_seq, offline FROM conversations
                        WHERE tenant_id = :tenant AND id = :id AND status IN ('QUEUED', 'ASSIGNED') AND NOT offline
                          AND coalesce(last_message_at, created_at) < :cutoff
                        FOR UPDATE
                        """)
                .param("tenant", tenant).param("id", id).param("cutoff", Timestamp.from(cutoff))
                .query(ConversationRepository::row).optional();
    }

    /** The visitor's newest conversation, locked. */
    public Optional<Row> lockLatestOfContact(UUID tenant, UUID contact) {
        return db.sql("""
                        SELECT id, contact_id, status, assignee_id, next_seq, offline FROM conversations
                        WHERE tenant_id = :tenant AND contact_id = :contact ORDER BY id DESC LIMIT 1 FOR UPDATE
                        """)
                .param("tenant", tenant).param("contact", contact).query(ConversationRepository::row).optional();
    }

    public long nextSeq(UUID tenant, UUID id) {
        return db.sql("""
                        UPDATE conversations SET next_seq = next_seq + 1
                        WHERE tenant_id = :tenant AND id = :id RETURNING next_seq
                        """)
                .param("tenant", tenant).param("id", id).query(Long.class).single();
    }

    public void touchAfterMessage(UUID tenant, UUID id, String preview, String sender, boolean visitor,
                                  Instant now) {
        db.sql("""
                        UPDATE conversations SET last_message_at = :now, last_message_preview = :preview,
                               last_message_sender = :sender, updated_at = :now,
                               waiting_since = CASE WHEN :visitor THEN coalesce(waiting_since, CAST(:now AS timestamptz))
                                                    ELSE NULL END
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant).param("id", id).param("preview", preview).param("sender", sender)
                .param("visitor", visitor).param("now", Timestamp.from(now)).update();
    }

    public void assign(UUID tenant, UUID id, UUID assignee, Instant now) {
        db.sql("""
                        UPDATE conversations SET status = 'ASSIGNED', assignee_id = :assignee, assigned_at = :now,
                               resolved_at = NULL, updated_at = :now
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant).param("id", id).param("assignee", assignee)
                .param("now", Timestamp.from(now)).update();
    }

    public void queue(UUID tenant, UUID id, Instant now) {
        db.sql("""
                        UPDATE conversations SET status = 'QUEUED', assignee_id = NULL, resolved_at = NULL,
                               updated_at = :now, waiting_since = coalesce(waiting_since, CAST(:now AS timestamptz))
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant).param("id", id).param("now", Timestamp.from(now)).update();
    }

    public void resolve(UUID tenant, UUID id, Instant now) {
        db.sql("""
                        UPDATE conversations SET status = 'RESOLVED', resolved_at = :now, updated_at = :now,
                               waiting_since = NULL
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant).param("id", id).param("now", Timestamp.from(now)).update();
    }

    /** When each of these conversations was resolved, for those resolved now. */
    public java.util.Map<UUID, Instant> resolvedAt(UUID tenant, java.util.Collection<UUID> ids) {
        java.util.Map<UUID, Instant> resolved = new java.util.HashMap<>();
        db.sql("""
                        SELECT id, resolved_at FROM conversations
                        WHERE tenant_id = :tenant AND id = ANY(:ids) AND status = 'RESOLVED' AND resolved_at IS NOT NULL
                        """)
                .param("tenant", tenant).param("ids", ids.toArray(UUID[]::new))
                .query(rs -> {
                    resolved.put(rs.getObject("id", UUID.class), rs.getTimestamp("resolved_at").toInstant());
                });
        return resolved;
    }

    public void moveContact(UUID tenant, UUID from, UUID to) {
        db.sql("UPDATE conversations SET contact_id = :to WHERE tenant_id = :tenant AND contact_id = :from")
                .param("tenant", tenant).param("from", from).param("to", to).update();
    }

    public Optional<ConversationView> view(UUID tenant, UUID id, UUID reader) {
        return db.sql(VIEW.formatted(UNREAD, ContactRepository.DISPLAY_NAME, "AND cv.id = :id"))
                .param("tenant", tenant).param("id", id).param("reader", reader)
                .query(ConversationRepository::view).optional();
    }

    public List<ConversationView> list(UUID tenant, Filter filter, UUID reader, UUID before, int limit) {
        StringBuilder where = new StringBuilder();
        switch (filter.view() == null ? "all" : filter.view()) {
            case "queue" -> where.append(" AND cv.status = 'QUEUED'");
            case "mine" -> where.append(" AND cv.status = 'ASSIGNED' AND cv.assignee_id = :reader");
            case "resolved" -> where.append(" AND cv.status = 'RESOLVED'");
            case "resolved-or-open" -> where.append(" AND NOT cv.offline");
            default -> where.append(" AND cv.status <> 'RESOLVED'");
        }
        if (filter.status() != null) {
            where.append(" AND cv.status = :status");
        }
        if (filter.assignee() != null) {
            where.append(" AND cv.assignee_id = :assignee");
        }
        if (filter.contact() != null) {
            where.append(" AND cv.contact_id = :contact");
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.append("""
                     AND (EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = cv.tenant_id
                                    AND m.conversation_id = cv.id AND m.search @@ plainto_tsquery('simple', :text))
                          OR lower(coalesce(c.name, '') || ' ' || coalesce(c.email, '') || ' '
                                   || coalesce(c.prechat_name, '')) LIKE :pattern)""");
        }
        if (before != null) {
            where.append(" AND cv.id < :before");
        }
        var spec = db.sql(VIEW.formatted(UNREAD, ContactRepository.DISPLAY_NAME, where) + " ORDER BY v.id DESC LIMIT :limit")
                .param("tenant", tenant).param("reader", reader).param("limit", limit);
        if (filter.status() != null) {
            spec = spec.param("status", filter.status().name());
        }
        if (filter.assignee() != null) {
            spec = spec.param("assignee", filter.assignee());
        }
        if (filter.contact() != null) {
            spec = spec.param("contact", filter.contact());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            spec = spec.param("text", filter.text()).param("pattern",
                    dev.parley.shared.db.SqlText.containsPattern(filter.text()));
        }
        if (before != null) {
            spec = spec.param("before", before);
        }
        return spec.query(ConversationRepository::view).list();
    }

    /** Queued conversations, oldest first. */
    public List<UUID> queued(UUID tenant, int limit) {
        return db.sql("""
                        SELECT id FROM conversations WHERE tenant_id = :tenant AND status = 'QUEUED' AND NOT offline
                        ORDER BY id LIMIT :limit
                        """)
                .param("tenant", tenant).param("limit", limit).query(UUID.class).list();
    }

    /** Queued conversations with their contacts, oldest first: a visitor's place is its index + 1. */
    public List<UUID[]> queueWithContacts(UUID tenant) {
        return db.sql("""
                        SELECT id, contact_id FROM conversations
                        WHERE tenant_id = :tenant AND status = 'QUEUED' AND NOT offline ORDER BY id
                        """)
                .param("tenant", tenant)
                .query((rs, n) -> new UUID[] {rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class)})
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class),
                ConversationStatus.valueOf(rs.getString("status")), rs.getObject("assignee_id", UUID.class),
                rs.getLong("next_seq"), rs.getBoolean("offline"));
    }

    private static ConversationView view(ResultSet rs, int n) throws SQLException {
        return new ConversationView(rs.getObject("id", UUID.class), rs.getInt("number"),
                ConversationStatus.valueOf(rs.getString("status")), rs.getString("channel"), rs.getBoolean("offline"),
                rs.getObject("contact_id", UUID.class), rs.getString("visitor_name"), rs.getString("visitor_email"),
                rs.getString("current_url"), rs.getString("country"), rs.getObject("assignee_id", UUID.class),
                rs.getString("assignee_name"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "waiting_since"), instant(rs, "last_message_at"), rs.getString("last_message_preview"),
                rs.getString("last_message_sender"), rs.getLong("next_seq"), rs.getLong("unread"),
                List.of((String[]) rs.getArray("participants").getArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts != null ? ts.toInstant() : null;
    }
}
