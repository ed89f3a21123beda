package dev.parley.followups.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.parley.followups.FollowUpChannel;
import dev.parley.followups.FollowUpFilter;
import dev.parley.followups.FollowUpStatus;
import dev.parley.followups.FollowUpType;
import dev.parley.followups.OutcomeCode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code followups} table. */
@Repository
public class FollowUpRepository {

    /** A follow-up as stored, contact snapshot included. */
    public record Row(UUID id, UUID conversationId, UUID contactId, UUID parentId, FollowUpType type,
                      FollowUpChannel channel, Instant scheduledAt, String notes, UUID assigneeId, UUID createdBy,
                      FollowUpStatus status, OutcomeCode outcomeCode, String outcome, Instant completedAt,
                      Instant closedAt, String contactName, String contactEmail, String contactPhone,
                      Instant contactErasedAt, Instant createdAt, Instant updatedAt) {

        public Row with(Instant scheduledAt, FollowUpType type, FollowUpChannel channel, String notes, UUID assigneeId) {
            return new Row(id, conversationId, contactId, parentId, type, channel, scheduledAt, notes, assigneeId,
                    createdBy, status, outcomeCode, outcome, completedAt, closedAt, contactName, contactEmail,
                    contactPhone, contactErasedAt, createdAt, updatedAt);
        }

        public Row withContact(UUID contactId, String name, String email, String phone) {
            return new Row(id, conversationId, contactId, parentId, type, channel, scheduledAt, notes, assigneeId,
                    createdBy, status, outcomeCode, outcome, completedAt, closedAt, name, email, phone,
                    contactErasedAt, createdAt, updatedAt);
        }

        public Row closed(FollowUpStatus status, OutcomeCode code, String outcome, Instant completedAt, Instant at) {
            return new Row(id, conversationId, contactId, parentId, type, channel, scheduledAt, notes, assigneeId,
                    createdBy, status, code, outcome, completedAt, at, contactName, contactEmail, contactPhone,
                    contactErasedAt, createdAt, updatedAt);
        }
    }

    /** What the report needs of one follow-up. */
    public record ReportRow(UUID id, UUID conversationId, FollowUpType type, FollowUpChannel channel, UUID assigneeId,
                            FollowUpStatus status, OutcomeCode outcomeCode, Instant completedAt) {
    }

    private static final String COLUMNS = """
            id, conversation_id, contact_id, parent_id, type, channel, scheduled_at, notes, assignee_id, created_by,
            status, outcome_code, outcome, completed_at, closed_at, contact_name, contact_email, contact_phone,
            contact_erased_at, created_at, updated_at""";

    private final JdbcClient db;

    FollowUpRepository(JdbcClient db) {
        this.db = db;
    }

    public void insert(UUID tenant, Row row) {
        db.sql("INSERT INTO followups (tenant_id, " + COLUMNS + """
                        ) VALUES (:tenant, :id, :conversation, :contact, :parent, :type, :channel, :scheduledAt, :notes,
                                  :assignee, :createdBy, :status, :outcomeCode, :outcome, :completedAt, :closedAt,
                                  :contactName, :contactEmail, :contactPhone, :erasedAt, :createdAt, :updatedAt)
                        """)
                .param("tenant", tenant).param("id", row.id()).param("conversation", row.conversationId())
                .param("contact", row.contactId()).param("parent", row.parentId()).param("type", row.type().name())
                .param("channel", row.channel().name()).param("scheduledAt", ts(row.scheduledAt()))
                .param("notes", row.notes()).param("assignee", row.assigneeId()).param("createdBy", row.createdBy())
                .param("status", row.status().name()).param("outcomeCode", name(row.outcomeCode()))
                .param("outcome", row.outcome()).param("completedAt", ts(row.completedAt()))
                .param("closedAt", ts(row.closedAt())).param("contactName", row.contactName())
                .param("contactEmail", row.contactEmail()).param("contactPhone", row.contactPhone())
                .param("erasedAt", ts(row.contactErasedAt())).param("createdAt", ts(row.createdAt()))
                .param("updatedAt", ts(row.updatedAt()))
                .update();
    }

    /** Writes every field that can change. */
    public void save(UUID tenant, Row row, Instant now) {
        db.sql("""
                        UPDATE followups SET contact_id = :contact, type = :type, channel = :channel,
                               scheduled_at = :scheduledAt, notes = :notes, assignee_id = :assignee, status = :status,
                               outcome_code = :outcomeCode, outcome = :outcome, completed_at = :completedAt,
                               closed_at = :closedAt, contact_name = :contactName, contact_email = :contactEmail,
                               contact_phone = :contactPhone, updated_at = :now
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant).param("id", row.id()).param("contact", row.contactId())
                .param("type", row.type().name()).param("channel", row.channel().name())
                .param("scheduledAt", ts(row.scheduledAt())).param("notes", row.notes())
                .param("assignee", row.assigneeId()).param("status", row.status().name())
                .param("outcomeCode", name(row.outcomeCode())).param("outcome", row.outcome())
                .param("completedAt", ts(row.completedAt())).param("closedAt", ts(row.closedAt()))
                .param("contactName", row.contactName()).param("contactEmail", row.contactEmail())
                .param("contactPhone", row.contactPhone()).param("now", ts(now))
                .update();
    }

    public Optional<Row> find(UUID tenant, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM followups WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant).param("id", id).query(FollowUpRepository::row).optional();
    }

    /** The follow-up, its row locked until the transaction ends: changes to one follow-up take turns. */
    public Optional<Row> lock(UUID tenant, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM followups WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", tenant).param("id", id).query(FollowUpRepository::row).optional();
    }

    /** A page in time order (then id), after the follow-up {@code after} when given. */
    public List<Row> list(UUID tenant, FollowUpFilter filter, UUID after, int limit) {
        return db.sql("SELECT " + COLUMNS + """
                         FROM followups f
                        WHERE f.tenant_id = :tenant
                          AND (CAST(:from AS timestamptz) IS NULL OR f.scheduled_at >= :from)
                          AND (CAST(:to AS timestamptz) IS NULL OR f.scheduled_at < :to)
                          AND (CAST(:status AS text) IS NULL OR f.status = :status)
                          AND (CAST(:type AS text) IS NULL OR f.type = :type)
                          AND (CAST(:assignee AS uuid) IS NULL OR f.assignee_id = :assignee)
                          AND (CAST(:conversation AS uuid) IS NULL OR f.conversation_id = :conversation)
                          AND (CAST(:after AS uuid) IS NULL OR (f.scheduled_at, f.id) > (
                                SELECT a.scheduled_at, a.id FROM followups a WHERE a.tenant_id = :tenant AND a.id = :after))
                        ORDER BY f.scheduled_at, f.id
                        LIMIT :limit
                        """)
                .param("tenant", tenant).param("from", ts(filter.from())).param("to", ts(filter.to()))
                .param("status", name(filter.status())).param("type", name(filter.type()))
                .param("assignee", filter.assigneeId()).param("conversation", filter.conversationId())
                .param("after", after).param("limit", limit)
                .query(FollowUpRepository::row).list();
    }

    /** The follow-ups this one was scheduled from, oldest first. */
    public List<Row> ancestors(UUID tenant, UUID id) {
        return db.sql("""
                        WITH RECURSIVE chain (id, parent_id, depth) AS (
                            SELECT id, parent_id, 0 FROM followups WHERE tenant_id = :tenant AND id = :id
                            UNION ALL
                            SELECT p.id, p.parent_id, c.depth + 1 FROM followups p
                            JOIN chain c ON p.tenant_id = :tenant AND p.id = c.parent_id
                            WHERE c.depth < 100
                        )
                        SELECT\s""" + prefixed("f") + """
                         FROM chain c JOIN followups f ON f.tenant_id = :tenant AND f.id = c.id
                        WHERE c.depth > 0 ORDER BY c.depth DESC
                        """)
                .param("tenant", tenant).param("id", id).query(FollowUpRepository::row).list();
    }

    /** The follow-ups scheduled from this one, in time order. */
    public List<Row> children(UUID tenant, UUID id) {
        return db.sql("SELECT " + COLUMNS + """
                         FROM followups WHERE tenant_id = :tenant AND parent_id = :id ORDER BY scheduled_at, id
                        """)
                .param("tenant", tenant).param("id", id).query(FollowUpRepository::row).list();
    }

    public void delete(UUID tenant, UUID id) {
        db.sql("DELETE FROM followups WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant).param("id", id).update();
    }

    /** How many scheduled follow-ups each person has. */
    public Map<UUID, Long> scheduledCounts(UUID tenant) {
        Map<UUID, Long> counts = new HashMap<>();
        db.sql("""
                        SELECT assignee_id, count(*) AS n FROM followups
                        WHERE tenant_id = :tenant AND status = 'SCHEDULED' GROUP BY assignee_id
                        """)
                .param("tenant", tenant)
                .query(rs -> {
                    counts.put(rs.getObject("assignee_id", UUID.class), rs.getLong("n"));
                });
        return counts;
    }

    /** Erases the contact details copied into the conversation's follow-ups; answers how many follow-ups. */
    public int eraseContact(UUID tenant, UUID conversation, Instant now) {
        return db.sql("""
                        UPDATE followups SET contact_name = NULL, contact_email = NULL, contact_phone = NULL,
                               contact_erased_at = coalesce(contact_erased_at, :now), updated_at = :now
                        WHERE tenant_id = :tenant AND conversation_id = :conversation
                        """)
                .param("tenant", tenant).param("conversation", conversation).param("now", ts(now)).update();
    }

    /** The follow-ups scheduled within [from, to), for the report. */
    public List<ReportRow> scheduledWithin(UUID tenant, Instant from, Instant to) {
        return db.sql("""
                        SELECT id, conversation_id, type, channel, assignee_id, status, outcome_code, completed_at
                        FROM followups
                        WHERE tenant_id = :tenant AND scheduled_at >= :from AND scheduled_at < :to
                        """)
                .param("tenant", tenant).param("from", ts(from)).param("to", ts(to))
                .query((rs, n) -> new ReportRow(rs.getObject("id", UUID.class),
                        rs.getObject("conversation_id", UUID.class), FollowUpType.valueOf(rs.getString("type")),
                        FollowUpChannel.valueOf(rs.getString("channel")), rs.getObject("assignee_id", UUID.class),
                        FollowUpStatus.valueOf(rs.getString("status")), outcome(rs.getString("outcome_code")),
                        instant(rs, "completed_at")))
                .list();
    }

    private static String prefixed(String alias) {
        return java.util.Arrays.stream(COLUMNS.split(","))
                .map(c -> alias + "." + c.strip()).collect(java.util.stream.Collectors.joining(", "));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getObject("contact_id", UUID.class), rs.getObject("parent_id", UUID.class),
                FollowUpType.valueOf(rs.getString("type")), FollowUpChannel.valueOf(rs.getString("channel")),
                instant(rs, "scheduled_at"), rs.getString("notes"), rs.getObject("assignee_id", UUID.class),
                rs.getObject("created_by", UUID.class), FollowUpStatus.valueOf(rs.getString("status")),
                outcome(rs.getString("outcome_code")), rs.getString("outcome"), instant(rs, "completed_at"),
                instant(rs, "closed_at"), rs.getString("contact_name"), rs.getString("contact_email"),
                rs.getString("contact_phone"), instant(rs, "contact_erased_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static OutcomeCode outcome(String code) {
        return code == null ? null : OutcomeCode.valueOf(code);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
