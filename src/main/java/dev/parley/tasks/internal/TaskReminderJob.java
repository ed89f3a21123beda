package dev.parley.tasks.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable {@code task-reminder} job: one execution per reminder of a task, run once per cluster at its time
 * (see {@link TaskReminders} and {@link TaskReminderDelivery}); a failed run is retried later.
 */
@Configuration(proxyBeanMethods = false)
class TaskReminderJob {

    @Bean
    CustomTask<Void> taskReminderTask(TaskReminderDelivery reminders) {
        return Tasks.custom(TaskReminders.TASK)
                .execute((instance, context) -> reminders.fire(instance.getId(),
                                context.getExecution().getExecutionTime())
                        .<CompletionHandler<Void>>map(later -> (complete, operations) ->
                                operations.reschedule(complete, later))
                        .orElseGet(CompletionHandler.OnCompleteRemove::new));
    }
}
