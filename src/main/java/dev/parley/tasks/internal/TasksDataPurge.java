package dev.parley.tasks.internal;

import java.util.List;
import java.util.Map;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDataPurge;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A purged tenant's tasks, comments and task history, and its reminders still waiting; before chat (tasks reference
 * conversations and contacts) and identity (they reference memberships).
 */
@Component
@Order(50)
class TasksDataPurge implements TenantDataPurge {

    /** In foreign-key order: what references a row goes before it. */
    private static final List<String> TABLES = List.of("task_activity", "task_comments", "tasks");

    private final JdbcClient db;

    TasksDataPurge(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, Integer> purge(TenantId tenant) {
        Map<String, Integer> rows = TenantDataPurge.deleteRows(db, tenant, TABLES);
        // Their reminders would find no task and do nothing; they go too rather than linger. A running one finishes.
        db.sql("""
                        DELETE FROM scheduled_tasks
                        WHERE task_name = :name AND task_instance LIKE :prefix AND NOT picked
                        """)
                .param("name", TaskReminders.TASK.getTaskName()).param("prefix", tenant.value() + "/%")
                .update();
        return rows;
    }
}
