package dev.parley.tasks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.parley.notify.ReminderPolicy;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a task's reminder when its execution runs, after checking the task as it is then: still open, due when
 * the reminder was meant for, and assigned to someone who still works on tasks. The reminder is recorded in the
 * task's history in the same transaction as the notification, so it goes out once even if the execution runs twice.
 */
@Component
class TaskReminderDelivery {

    private static final Logger log = LoggerFactory.getLogger(TaskReminderDelivery.class);

    private final ReminderPolicy policy;
    private final TaskRepository tasks;
    private final TaskHistory history;
    private final TaskTeam team;
    private final TaskNotifications notifications;
    private final TenantDirectory tenants;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TaskReminderDelivery(ReminderPolicy policy, TaskRepository tasks, TaskHistory history, TaskTeam team,
                         TaskNotifications notifications, TenantDirectory tenants,
                         PlatformTransactionManager transactions, Clock clock) {
        this.policy = policy;
        this.tasks = tasks;
        this.history = history;
        this.team = team;
        this.notifications = notifications;
        this.tenants = tenants;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Runs one reminder (the job calls it); {@code scheduledFor} is when the execution was due. Answers when to run
     * it again: only when the task's due time moved while this execution was running, so it could not be moved.
     */
    Optional<Instant> fire(String instance, Instant scheduledFor) {
        String[] parts = instance.split("/");
        if (parts.length != 3) {
            log.warn("Ignoring a task reminder with an unexpected instance id {}", instance);
            return Optional.empty();
        }
        TenantId tenant = TenantId.of(UUID.fromString(parts[0]));
        UUID task = UUID.fromString(parts[1]);
        String reminder = parts[2];
        boolean active = tenants.find(tenant).map(t -> t.status() == TenantStatus.ACTIVE).orElse(false);
        if (!active) {
            return Optional.empty();
        }
        return TenantContext.callAs(tenant, () -> transactions.execute(status ->
                tasks.lock(tenant.value(), task).flatMap(row -> remind(tenant, row, reminder, scheduledFor))));
    }

    private Optional<Instant> remind(TenantId tenant, TaskRow task, String reminder, Instant scheduledFor) {
        Duration before = TaskReminders.before(reminder);
        if (!task.status().isOpen() || task.dueAt() == null || !TaskReminders.reminders(policy, tenant).contains(reminder)) {
            return Optional.empty(); // finished since, no longer due, or the tenant no longer wants this reminder
        }
        if (!task.dueAt().equals(scheduledFor.plus(before))) {
            // The due time moved while this ran, so the change could not move this execution: it moves itself.
            Instant at = task.dueAt().minus(before);
            return at.isAfter(clock.instant()) ? Optional.of(at) : Optional.empty();
        }
        if (team.stillOnTasks(tenant, task.assigneeId()).isEmpty()) {
            log.info("Task {}: its assignee no longer works on tasks; no {} reminder", task.id(), reminder);
            return Optional.empty();
        }
        if (!history.recordReminderOnce(tenant.value(), task.id(), reminder, task.dueAt(), clock.instant())) {
            return Optional.empty(); // sent already: this execution ran twice
        }
        if (reminder.equals(TaskReminders.OVERDUE)) {
            notifications.overdue(tenant, task);
        } else {
            notifications.reminder(tenant, task, before);
        }
        return Optional.empty();
    }

}
