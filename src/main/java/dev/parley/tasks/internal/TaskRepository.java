package dev.parley.tasks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.parley.tasks.TaskPriority;
import dev.parley.tasks.TaskStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code tasks} table; every query names its tenant. */
@Repository
public class TaskRepository {

    private static final String COLUMNS = """
            t.id, t.title, t.description, t.due_at, t.priority, t.status, t.assignee_id, t.creator_id,
            t.conversation_id, t.conversation_no, t.contact_id, t.contact_name, t.contact_email, t.contact_phone,
            t.contact_erased_at, t.created_at, t.updated_at, t.completed_at,
            (SELECT count(*) FROM task_comments c WHERE c.tenant_id = t.tenant_id AND c.task_id = t.id) AS comments
            """;

    /** What a list shows; null members do not filter. {@code text} is a prefix query over title and description. */
    public record Filter(List<TaskStatus> statuses, UUID assignee, List<TaskPriority> priorities, Instant dueFrom,
                         Instant dueTo, Boolean overdue, UUID conversation, String text) {
    }

    /** One page of a list and the cursor to the next, or null on the last. */
    public record Page(List<TaskRow> rows, String nextCursor) {
    }

    private final JdbcClient db;

    TaskRepository(JdbcClient db) {
        this.db = db;
    }

    public void insert(UUID tenant, TaskRow t) {
        db.sql("""
                        INSERT INTO tasks (tenant_id, id, title, description, due_at, priority, status, assignee_id,
                                           creator_id, conversation_id, conversation_no, contact_id, contact_name,
                                           contact_email, contact_phone, created_at, updated_at, completed_at)
                        VALUES (:tenant, :id, :title, :description, :due, :priority, :status, :assignee, :creator,
                                :conversation, :conversationNo, :contact, :contactName, :contactEmail,
                                :contactPhone, :createdAt, :updatedAt, :completedAt)
                        """)
                .param("tenant", tenant).param("id", t.id()).param("title", t.title())
                .param("description", t.description()).param("due", timestamp(t.dueAt()))
                .param("priority", t.priority().name()).param("status", t.status().name())
                .param("assignee", t.assigneeId()).param("creator", t.creatorId())
                .param("conversation", t.conversationId()).param("conversationNo", t.conversationNo())
                .param("contact", t.contactId()).param("contactName", t.contactName())
                .param("contactEmail", t.contactEmail()).param("contactPhone", t.contactPhone())
                .param("createdAt", timestamp(t.createdAt())).param("updatedAt", timestamp(t.updatedAt()))
                .param("completedAt", timestamp(t.completedAt()))
                .update();
    }

    public Optional<TaskRow> find(UUID tenant, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM tasks t WHERE t.tenant_id = :tenant AND t.id = :id")
                .param("tenant", tenant).param("id", id).query(TaskRepository::row).optional();
    }

    /** The task, locked until the transaction ends: changes to one task happen one at a time. */
    public Optional<TaskRow> lock(UUID tenant, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM tasks t WHERE t.tenant_id = :tenant AND t.id = :id FOR UPDATE OF t")
                .param("tenant", tenant).param("id", id).query(TaskRepository::row).optional();
    }

    /** Writes what a person may change: title, description, due time, priority, status, assignee. */
    public void update(UUID tenant, TaskRow t) {
        db.sql("""
                        UPDATE tasks SET title = :title, description = :description, due_at = :due,
                                         priority = :priority, status = :status, assignee_id = :assignee,
                                         updated_at = :updatedAt, completed_at = :completedAt
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant).param("id", t.id()).param("title", t.title())
                .param("description", t.description()).param("due", timestamp(t.dueAt()))
                .param("priority", t.priority().name()).param("status", t.status().name())
                .param("assignee", t.assigneeId()).param("updatedAt", timestamp(t.updatedAt()))
                .param("completedAt", timestamp(t.completedAt()))
                .update();
    }

    /** Deletes the task with its comments and history (foreign keys cascade). */
    public boolean delete(UUID tenant, UUID id) {
        return db.sql("DELETE FROM tasks WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant).param("id", id).update() == 1;
    }

    /**
     * Erases the copy of the contact's details of every task about this conversation (or, when it has none left,
     * this contact); answers the tasks that held any.
     */
    public List<UUID> eraseContact(UUID tenant, UUID conversation, UUID contact, Instant now) {
        return db.sql("""
                        UPDATE tasks SET contact_name = NULL, contact_email = NULL, contact_phone = NULL,
                                         contact_erased_at = :now
                        WHERE tenant_id = :tenant
                          AND (conversation_id = :conversation
                               OR (conversation_id IS NULL AND CAST(:contact AS uuid) IS NOT NULL
                                   AND contact_id = :contact))
                          AND contact_erased_at IS NULL
                        RETURNING id
                        """)
                .param("tenant", tenant).param("conversation", conversation).param("contact", contact)
                .param("now", timestamp(now))
                .query(UUID.class).list();
    }

    public Page list(UUID tenant, Filter filter, TaskSort sort, String cursor, Instant now, int limit) {
        TaskCursor after = TaskCursor.decode(cursor, sort);
        List<String> where = new ArrayList<>(List.of("t.tenant_id = :tenant"));
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant);
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.add("t.status IN (:statuses)");
            params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (filter.assignee() != null) {
            where.add("t.assignee_id = :assignee");
            params.put("assignee", filter.assignee());
        }
        if (filter.priorities() != null && !filter.priorities().isEmpty()) {
            where.add("t.priority IN (:priorities)");
            params.put("priorities", filter.priorities().stream().map(Enum::name).toList());
        }
        if (filter.dueFrom() != null) {
            where.add("t.due_at >= :dueFrom");
            params.put("dueFrom", timestamp(filter.dueFrom()));
        }
        if (filter.dueTo() != null) {
            where.add("t.due_at < :dueTo");
            params.put("dueTo", timestamp(filter.dueTo()));
        }
        if (filter.overdue() != null) {
            String overdue = "(t.status IN ('OPEN', 'IN_PROGRESS') AND t.due_at < :now)";
            where.add(filter.overdue() ? overdue : "NOT coalesce(" + overdue + ", false)");
            params.put("now", timestamp(now));
        }
        if (filter.conversation() != null) {
            where.add("t.conversation_id = :conversation");
            params.put("conversation", filter.conversation());
        }
        if (filter.text() != null) {
            where.add("t.search @@ to_tsquery('simple', :text)");
            params.put("text", filter.text());
        }
        if (after != null) {
            where.add(sort.after(after.value() == null));
            params.put("cursorValue", sort.key().parameter(after.value()));
            params.put("cursorId", after.id());
        }
        params.put("limit", limit + 1);
        List<TaskRow> rows = db.sql("SELECT " + COLUMNS + " FROM tasks t WHERE " + String.join(" AND ", where)
                        + " ORDER BY " + sort.orderBy() + " LIMIT :limit")
                .params(params).query(TaskRepository::row).list();
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<TaskRow> page = rows.subList(0, limit);
        return new Page(List.copyOf(page), TaskCursor.after(sort, page.get(limit - 1)).encode());
    }

    /** Open work now: open, in progress, overdue, and due within {@code [dayStart, dayEnd)}. */
    public Map<String, Long> counts(UUID tenant, Instant now, Instant dayStart, Instant dayEnd) {
        return db.sql("""
                        SELECT count(*) AS open,
                               count(*) FILTER (WHERE status = 'IN_PROGRESS') AS in_progress,
                               count(*) FILTER (WHERE due_at < :now) AS overdue,
                               count(*) FILTER (WHERE due_at >= :dayStart AND due_at < :dayEnd) AS due_today
                        FROM tasks WHERE tenant_id = :tenant AND status IN ('OPEN', 'IN_PROGRESS')
                        """)
                .param("tenant", tenant).param("now", timestamp(now)).param("dayStart", timestamp(dayStart))
                .param("dayEnd", timestamp(dayEnd))
                .query((rs, n) -> Map.of("open", rs.getLong("open"), "inProgress", rs.getLong("in_progress"),
                        "overdue", rs.getLong("overdue"), "dueToday", rs.getLong("due_today")))
                .single();
    }

    /** Figures of one assignee for the report. */
    public record ReportRow(UUID assignee, long assigned, long completed, long completedOnTime, long overdue,
                            long open, long cancelled, Double averageCompletionSeconds) {
    }

    /** The tasks created in {@code [from, to)}, by current assignee. */
    public List<ReportRow> report(UUID tenant, Instant from, Instant to, Instant now) {
        return db.sql("""
                        SELECT assignee_id,
                               count(*) AS assigned,
                               count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                               count(*) FILTER (WHERE status = 'COMPLETED'
                                                  AND (due_at IS NULL OR completed_at <= due_at)) AS on_time,
                               count(*) FILTER (WHERE status IN ('OPEN', 'IN_PROGRESS') AND due_at < :now) AS overdue,
                               count(*) FILTER (WHERE status IN ('OPEN', 'IN_PROGRESS')) AS open,
                               count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
                               avg(extract(epoch FROM completed_at - created_at))
                                   FILTER (WHERE status = 'COMPLETED') AS average_seconds
                        FROM tasks
                        WHERE tenant_id = :tenant AND created_at >= :from AND created_at < :to
                        GROUP BY assignee_id
                        """)
                .param("tenant", tenant).param("from", timestamp(from)).param("to", timestamp(to))
                .param("now", timestamp(now))
                .query((rs, n) -> new ReportRow(rs.getObject("assignee_id", UUID.class), rs.getLong("assigned"),
                        rs.getLong("completed"), rs.getLong("on_time"), rs.getLong("overdue"), rs.getLong("open"),
                        rs.getLong("cancelled"), average(rs.getBigDecimal("average_seconds"))))
                .list();
    }

    private static Double average(java.math.BigDecimal seconds) {
        return seconds == null ? null : seconds.doubleValue();
    }

    static TaskRow row(ResultSet rs, int n) throws SQLException {
        return new TaskRow(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("description"),
                instant(rs, "due_at"), TaskPriority.valueOf(rs.getString("priority")),
                TaskStatus.valueOf(rs.getString("status")), rs.getObject("assignee_id", UUID.class),
                rs.getObject("creator_id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getObject("conversation_no", Integer.class), rs.getObject("contact_id", UUID.class),
                rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("contact_phone"),
                instant(rs, "contact_erased_at"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "completed_at"), rs.getLong("comments"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
