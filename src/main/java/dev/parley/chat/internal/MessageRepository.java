package dev.parley.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.chat.MessageView;
import dev.parley.chat.SenderKind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code messages} and {@code conversation_reads} tables. */
@Repository
public class MessageRepository {

    private static final String SELECT = """
            SELECT m.id, m.conversation_id, m.seq, m.sender_kind, m.sender_user_id, m.body, m.private, m.client_id,
                   m.created_at,
                   CASE m.sender_kind WHEN 'OPERATOR' THEN coalesce(nullif(u.name, ''), u.email)
                                      WHEN 'VISITOR' THEN %s ELSE NULL END AS sender_name
            FROM messages m
            LEFT JOIN users u ON u.id = m.sender_user_id
            JOIN conversations cv ON cv.tenant_id = m.tenant_id AND cv.id = m.conversation_id
            JOIN contacts c ON c.tenant_id = cv.tenant_id AND c.id = cv.contact_id
            """.formatted(ContactRepository.DISPLAY_NAME);

    private final JdbcClient db;

    MessageRepository(JdbcClient db) {
        this.db = db;
    }

    public void insert(UUID tenant, UUID id, UUID conversation, long seq, SenderKind kind, UUID user, String body,
                       boolean isPrivate, String clientId, Instant now) {
        db.sql("""
                        INSERT INTO messages (tenant_id, id, conversation_id, seq, sender_kind, sender_user_id, body,
                                              private, client_id, created_at)
                        VALUES (:tenant, :id, :conversation, :seq, :kind, :user, :body, :private, :clientId, :now)
                        """)
                .param("tenant", tenant).param("id", id).param("conversation", conversation).param("seq", seq)
                .param("kind", kind.name()).param("user", user).param("body", body).param("private", isPrivate)
                .param("clientId", clientId).param("now", Timestamp.from(now)).update();
    }

    public Optional<MessageView> find(UUID tenant, UUID id) {
        return db.sql(SELECT + " WHERE m.tenant_id = :tenant AND m.id = :id")
                .param("tenant", tenant).param("id", id).query(MessageRepository::message).optional();
    }

    public Optional<MessageView> findByClientId(UUID tenant, UUID conversation, String clientId) {
        return db.sql(SELECT + " WHERE m.tenant_id = :tenant AND m.conversation_id = :conversation AND m.client_id = :clientId")
                .param("tenant", tenant).param("conversation", conversation).param("clientId", clientId)
                .query(MessageRepository::message).optional();
    }

    /** Messages after a sequence number, in order; private notes only for operators. */
    public List<MessageView> after(UUID tenant, UUID conversation, long afterSeq, boolean includePrivate, int limit) {
        return db.sql(SELECT + """
                         WHERE m.tenant_id = :tenant AND m.conversation_id = :conversation AND m.seq > :after
                           AND (:includePrivate OR NOT m.private)
                         ORDER BY m.seq LIMIT :limit
                        """)
                .param("tenant", tenant).param("conversation", conversation).param("after", afterSeq)
                .param("includePrivate", includePrivate).param("limit", limit)
                .query(MessageRepository::message).list();
    }

    /** The newest messages, oldest first, before a sequence number (for scrolling back). */
    public List<MessageView> before(UUID tenant, UUID conversation, long beforeSeq, boolean includePrivate,
                                    int limit) {
        List<MessageView> newestFirst = db.sql(SELECT + """
                         WHERE m.tenant_id = :tenant AND m.conversation_id = :conversation AND m.seq < :before
                           AND (:includePrivate OR NOT m.private)
                         ORDER BY m.seq DESC LIMIT :limit
                        """)
                .param("tenant", tenant).param("conversation", conversation).param("before", beforeSeq)
                .param("includePrivate", includePrivate).param("limit", limit)
                .query(MessageRepository::message).list();
        return newestFirst.reversed();
    }

    public void markRead(UUID tenant, UUID conversation, UUID reader, long seq, Instant now) {
        db.sql("""
                        INSERT INTO conversation_reads (tenant_id, conversation_id, reader_id, last_read_seq, updated_at)
                        VALUES (:tenant, :conversation, :reader, :seq, :now)
                        ON CONFLICT (tenant_id, conversation_id, reader_id) DO UPDATE
                        SET last_read_seq = greatest(conversation_reads.last_read_seq, excluded.last_read_seq),
                            updated_at = excluded.updated_at
                        """)
                .param("tenant", tenant).param("conversation", conversation).param("reader", reader)
                .param("seq", seq).param("now", Timestamp.from(now)).update();
    }

    private static MessageView message(ResultSet rs, int n) throws SQLException {
        return new MessageView(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getLong("seq"), SenderKind.valueOf(rs.getString("sender_kind")),
                rs.getObject("sender_user_id", UUID.class), rs.getString("sender_name"), rs.getString("body"),
                rs.getBoolean("private"), rs.getString("client_id"), rs.getTimestamp("created_at").toInstant());
    }
}
