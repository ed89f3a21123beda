package dev.parley.followups.internal;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable follow-up jobs (db-scheduler: stored in {@code scheduled_tasks}, run once per cluster, survive
 * restarts): {@code followup-reminder} before a follow-up's time and {@code followup-missed} after it.
 */
@Configuration(proxyBeanMethods = false)
class FollowUpJobs {

    @Bean
    OneTimeTask<Void> followUpReminderTask(DueFollowUps due) {
        return Tasks.oneTime(ReminderSchedule.REMINDER)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(3,
                        new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(1))))
                .execute((instance, context) -> due.remind(instance.getId(), context.getExecution().executionTime));
    }

    @Bean
    CustomTask<Void> followUpMissedTask(DueFollowUps due) {
        return Tasks.custom(ReminderSchedule.MISSED)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofMinutes(1)))
                .execute((instance, context) -> due.markMissed(instance.getId())
                        .<CompletionHandler<Void>>map(later -> (complete, operations) ->
                                operations.reschedule(complete, later))
                        .orElseGet(CompletionHandler.OnCompleteRemove::new));
    }
}
