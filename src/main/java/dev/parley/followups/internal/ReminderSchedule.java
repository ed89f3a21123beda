package dev.parley.followups.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;

import dev.parley.notify.ReminderPolicy;
import dev.parley.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The durable executions of a follow-up, written in the transaction that schedules, moves or closes it: one
 * {@code followup-reminder} per offset of the tenant's {@link ReminderPolicy} before its time (instance
 * {@code <tenant>/<follow-up>/<offset>}), and one {@code followup-missed} check its missed-after period after its
 * time (instance {@code <tenant>/<follow-up>}). Each execution checks the follow-up again when it runs, so one left
 * behind (the policy changed, say) does nothing.
 */
@Component
public class ReminderSchedule {

    static final TaskDescriptor<Void> REMINDER = TaskDescriptor.of("followup-reminder");
    static final TaskDescriptor<Void> MISSED = TaskDescriptor.of("followup-missed");

    private static final Logger log = LoggerFactory.getLogger(ReminderSchedule.class);

    private final SchedulerClient scheduler;
    private final ReminderPolicy policy;
    private final Clock clock;

    ReminderSchedule(SchedulerClient scheduler, ReminderPolicy policy, Clock clock) {
        this.scheduler = scheduler;
        this.policy = policy;
        this.clock = clock;
    }

    /** Reminders before {@code at} (those still ahead) and the missed check after it, replacing earlier ones. */
    public void plan(TenantId tenant, UUID followUp, Instant at) {
        Instant now = clock.instant();
        for (Duration before : policy.remindBefore(tenant)) {
            String instance = reminderInstance(tenant, followUp, before);
            Instant when = at.minus(before);
            if (when.isAfter(now)) {
                schedule(REMINDER, instance, when);
            } else {
                cancel(REMINDER.instanceId(instance));
            }
        }
        schedule(MISSED, missedInstance(tenant, followUp), at.plus(policy.missedAfter(tenant)));
    }

    /** The follow-up is closed or gone: nothing more to remind of. */
    public void cancelAll(TenantId tenant, UUID followUp) {
        for (Duration before : policy.remindBefore(tenant)) {
            cancel(REMINDER.instanceId(reminderInstance(tenant, followUp, before)));
        }
        cancel(MISSED.instanceId(missedInstance(tenant, followUp)));
    }

    private void schedule(TaskDescriptor<Void> task, String instance, Instant when) {
        try {
            scheduler.schedule(task.instance(instance).build(), when, ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } catch (TaskInstanceCurrentlyExecutingException running) {
            // It is running now and re-reads the follow-up under its row lock, after this transaction.
            log.debug("{} {} is running; it finds the change itself", task.getTaskName(), instance);
        }
    }

    private void cancel(TaskInstanceId id) {
        if (scheduler.getScheduledExecution(id).isEmpty()) {
            return;
        }
        try {
            scheduler.cancel(id);
        } catch (TaskInstanceCurrentlyExecutingException running) {
            log.debug("{} {} is running; it finds the follow-up closed", id.getTaskName(), id.getId());
        }
    }

    static String reminderInstance(TenantId tenant, UUID followUp, Duration before) {
        return tenant.value() + "/" + followUp + "/" + before;
    }

    static String missedInstance(TenantId tenant, UUID followUp) {
        return tenant.value() + "/" + followUp;
    }

    /** The parts of an instance id: tenant, follow-up and, for a reminder, the offset. */
    record Instance(TenantId tenant, UUID followUp, Duration before) {

        static Instance parse(String id) {
            String[] parts = id.split("/");
            return new Instance(TenantId.of(UUID.fromString(parts[0])), UUID.fromString(parts[1]),
                    parts.length > 2 ? Duration.parse(parts[2]) : null);
        }
    }
}
