package dev.parley.tasks.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.parley.shared.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant-owned {@code task_activity} and {@code task_comments} tables: what happened to a task. */
@Repository
public class TaskHistory {

    /** A row of {@code task_activity}. */
    public record Entry(UUID id, UUID actor, String action, String from, String to, Instant at) {
    }

    /** A row of {@code task_comments}. */
    public record Comment(UUID id, UUID author, String body, Instant at) {
    }

    /** Values longer than the column allows are cut: history records what changed, not whole texts. */
    private static final int VALUE_LIMIT = 200;

    private final JdbcClient db;

    TaskHistory(JdbcClient db) {
        this.db = db;
    }

    public void record(UUID tenant, UUID task, UUID actor, String action, String from, String to, Instant at) {
        db.sql("""
                        INSERT INTO task_activity (tenant_id, id, task_id, actor_id, action, from_value, to_value,
                                                   occurred_at)
                        VALUES (:tenant, :id, :task, :actor, :action, :from, :to, :at)
                        """)
                .param("tenant", tenant).param("id", Ids.newId()).param("task", task).param("actor", actor)
                .param("action", action).param("from", cut(from)).param("to", cut(to))
                .param("at", TaskRepository.timestamp(at))
                .update();
    }

    /**
     * Records that this reminder for this due time went out, unless it already had: answers whether it is the first
     * time, i.e. whether to send it.
     */
    public boolean recordReminderOnce(UUID tenant, UUID task, String reminder, Instant due, Instant at) {
        return db.sql("""
                        INSERT INTO task_activity (tenant_id, id, task_id, actor_id, action, from_value, to_value,
                                                   occurred_at)
                        VALUES (:tenant, :id, :task, NULL, 'REMINDED', :reminder, :due, :at)
                        ON CONFLICT (tenant_id, task_id, from_value, to_value) WHERE action = 'REMINDED' DO NOTHING
                        """)
                .param("tenant", tenant).param("id", Ids.newId()).param("task", task).param("reminder", reminder)
                .param("due", due.toString()).param("at", TaskRepository.timestamp(at))
                .update() == 1;
    }

    public List<Entry> entries(UUID tenant, UUID task) {
        return db.sql("""
                        SELECT id, actor_id, action, from_value, to_value, occurred_at FROM task_activity
                        WHERE tenant_id = :tenant AND task_id = :task ORDER BY occurred_at, seq
                        """)
                .param("tenant", tenant).param("task", task)
                .query((rs, n) -> new Entry(rs.getObject("id", UUID.class), rs.getObject("actor_id", UUID.class),
                        rs.getString("action"), rs.getString("from_value"), rs.getString("to_value"),
                        TaskRepository.instant(rs, "occurred_at")))
                .list();
    }

    public Comment comment(UUID tenant, UUID task, UUID author, String body, Instant at) {
        UUID id = Ids.newId();
        db.sql("""
                        INSERT INTO task_comments (tenant_id, id, task_id, author_id, body, created_at)
                        VALUES (:tenant, :id, :task, :author, :body, :at)
                        """)
                .param("tenant", tenant).param("id", id).param("task", task).param("author", author)
                .param("body", body).param("at", TaskRepository.timestamp(at))
                .update();
        return new Comment(id, author, body, at);
    }

    public List<Comment> comments(UUID tenant, UUID task) {
        return db.sql("""
                        SELECT id, author_id, body, created_at FROM task_comments
                        WHERE tenant_id = :tenant AND task_id = :task ORDER BY created_at, id
                        """)
                .param("tenant", tenant).param("task", task)
                .query((rs, n) -> new Comment(rs.getObject("id", UUID.class), rs.getObject("author_id", UUID.class),
                        rs.getString("body"), TaskRepository.instant(rs, "created_at")))
                .list();
    }

    private static String cut(String value) {
        return value == null || value.length() <= VALUE_LIMIT ? value : value.substring(0, VALUE_LIMIT - 1) + "…";
    }
}
