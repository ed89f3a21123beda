package dev.parley.tasks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

import dev.parley.notify.ReminderPolicy;
import dev.parley.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A task's reminders: one durable execution ({@code task-reminder}) per reminder the tenant's
 * {@link ReminderPolicy} asks for before the due time, and one at the due time for the overdue notice. They are
 * written in the transaction that creates or changes the task, moved when its due time changes, and cancelled when
 * it is finished or deleted.
 *
 * <p>An execution's instance id is {@code <tenant>/<task>/<reminder>}, the reminder being an ISO-8601 duration
 * before the due time ({@code PT24H}) or {@code OVERDUE}: each reminder of a task exists once, and a later due time
 * moves it. {@link TaskReminderDelivery} runs them.
 */
@Component
public class TaskReminders {

    static final TaskDescriptor<Void> TASK = TaskDescriptor.of("task-reminder");
    static final String OVERDUE = "OVERDUE";

    private static final Logger log = LoggerFactory.getLogger(TaskReminders.class);

    private final SchedulerClient scheduler;
    private final ReminderPolicy policy;
    private final Clock clock;

    TaskReminders(SchedulerClient scheduler, ReminderPolicy policy, Clock clock) {
        this.scheduler = scheduler;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Plans the task's reminders as it now is, in the caller's transaction: those still ahead are (re)scheduled,
     * the others cancelled. Nothing for a finished task or one without a due time.
     */
    public void plan(TenantId tenant, TaskRow task) {
        Instant now = clock.instant();
        for (String reminder : reminders(tenant)) {
            Instant at = task.dueAt() == null ? null : task.dueAt().minus(before(reminder));
            if (task.status().isOpen() && at != null && at.isAfter(now)) {
                schedule(instance(tenant, task.id(), reminder), at);
            } else {
                cancel(instance(tenant, task.id(), reminder));
            }
        }
    }

    /** Plans the reminders of a task just made: it has none to cancel. */
    public void planNew(TenantId tenant, TaskRow task) {
        if (task.dueAt() == null || !task.status().isOpen()) {
            return;
        }
        Instant now = clock.instant();
        for (String reminder : reminders(tenant)) {
            Instant at = task.dueAt().minus(before(reminder));
            if (at.isAfter(now)) {
                schedule(instance(tenant, task.id(), reminder), at);
            }
        }
    }

    /** The task is gone: none of its reminders goes out. */
    public void cancelAll(TenantId tenant, UUID task) {
        for (String reminder : reminders(tenant)) {
            cancel(instance(tenant, task, reminder));
        }
    }

    private List<String> reminders(TenantId tenant) {
        return reminders(policy, tenant);
    }

    /** The tenant's reminders: its policy's durations before the due time, then the overdue notice. */
    static List<String> reminders(ReminderPolicy policy, TenantId tenant) {
        List<String> reminders = new ArrayList<>();
        for (Duration before : policy.remindBefore(tenant)) {
            if (before.isPositive()) {
                reminders.add(before.toString());
            }
        }
        reminders.add(OVERDUE);
        return reminders;
    }

    static Duration before(String reminder) {
        return reminder.equals(OVERDUE) ? Duration.ZERO : Duration.parse(reminder);
    }

    static String instance(TenantId tenant, UUID task, String reminder) {
        return tenant.value() + "/" + task + "/" + reminder;
    }

    private void schedule(String instance, Instant at) {
        try {
            scheduler.schedule(TASK.instance(instance).build(), at, ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } catch (TaskInstanceCurrentlyExecutingException running) {
            // It waits for our lock on the task, then finds the new due time and moves itself there.
            log.info("Reminder {} is running; it will move itself to the new due time", instance);
        }
    }

    private void cancel(String instance) {
        var id = TASK.instanceId(instance);
        if (scheduler.getScheduledExecution(id).isEmpty()) {
            return;
        }
        try {
            scheduler.cancel(id);
        } catch (TaskInstanceCurrentlyExecutingException running) {
            // It waits for our lock on the task, then finds it finished (or gone) and does nothing.
            log.info("Reminder {} is running; it will find the task finished", instance);
        }
    }
}
