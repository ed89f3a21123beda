package dev.parley.tasks.internal;

import java.time.Duration;
import java.util.UUID;

import dev.parley.notify.NotificationRequested;
import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells people about their tasks by publishing {@link NotificationRequested} in the current transaction: the
 * notify module delivers it (in the console and by mail) only if that transaction commits.
 */
@Component
public class TaskNotifications {

    private final ApplicationEventPublisher events;
    private final TenantZone zone;

    TaskNotifications(ApplicationEventPublisher events, TenantZone zone) {
        this.events = events;
        this.zone = zone;
    }

    /** {@code task.assigned}, by mail too: someone gave the assignee this task. */
    public void assigned(TenantId tenant, TaskRow task, String byName) {
        String body = byName + " assigned you the task \"" + task.title() + "\"" + (task.dueAt() != null
                ? ", due " + zone.format(tenant, task.dueAt()) + "." : ", with no due date.")
                + " Priority: " + task.priority().name().toLowerCase(java.util.Locale.ROOT) + ".";
        send(tenant, task.assigneeId(), "task.assigned", "New task: " + task.title(), body, task.id(), true);
    }

    /** {@code task.reminder}, by mail too: the task is due in {@code before}. */
    public void reminder(TenantId tenant, TaskRow task, Duration before) {
        String body = "\"" + task.title() + "\" is due " + zone.format(tenant, task.dueAt()) + " and is still "
                + status(task) + ".";
        send(tenant, task.assigneeId(), "task.reminder", "Due in " + describe(before) + ": " + task.title(), body,
                task.id(), true);
    }

    /** {@code task.overdue}, by mail too: the due time has passed and the task is not done. */
    public void overdue(TenantId tenant, TaskRow task) {
        String body = "\"" + task.title() + "\" was due " + zone.format(tenant, task.dueAt()) + " and is still "
                + status(task) + ".";
        send(tenant, task.assigneeId(), "task.overdue", "Overdue: " + task.title(), body, task.id(), true);
    }

    /** {@code task.commented}, in the console only: someone else commented on the assignee's task. */
    public void commented(TenantId tenant, TaskRow task, UUID recipient, String byName, String comment) {
        String excerpt = comment.length() > 300 ? comment.substring(0, 299) + "…" : comment;
        send(tenant, recipient, "task.commented", byName + " commented on " + task.title(), excerpt, task.id(), false);
    }

    /** {@code task.completed}, in the console only: the creator's task was completed by someone else. */
    public void completed(TenantId tenant, TaskRow task, String byName) {
        send(tenant, task.creatorId(), "task.completed", "Completed: " + task.title(),
                byName + " completed the task \"" + task.title() + "\".", task.id(), false);
    }

    /** "24 hours", "1 hour", "30 minutes", "2 days". */
    static String describe(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes % (24 * 60) == 0 && minutes >= 48 * 60) {
            return minutes / (24 * 60) + " days";
        }
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours + (hours == 1 ? " hour" : " hours");
        }
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    private static String status(TaskRow task) {
        return task.status() == dev.parley.tasks.TaskStatus.IN_PROGRESS ? "in progress" : "open";
    }

    private void send(TenantId tenant, UUID recipient, String kind, String title, String body, UUID task,
                      boolean email) {
        events.publishEvent(new NotificationRequested(tenant, UserId.of(recipient), kind, title, body,
                "#/tasks/" + task, email));
    }
}
