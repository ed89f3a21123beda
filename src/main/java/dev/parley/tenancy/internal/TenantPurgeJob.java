package dev.parley.tenancy.internal;

import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The durable {@code tenant-purge} job: run once per cluster when a deleted tenant's grace period ends. */
@Configuration(proxyBeanMethods = false)
class TenantPurgeJob {

    @Bean
    CustomTask<Void> tenantPurgeTask(TenantPurge purge) {
        return Tasks.custom(TenantPurgeSchedule.TASK)
                // A failed purge rolled back whole: try again later, less and less often.
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofMinutes(5)))
                .execute((instance, context) -> purge.purgeIfDue(UUID.fromString(instance.getId()))
                        .<CompletionHandler<Void>>map(later -> (complete, operations) ->
                                operations.reschedule(complete, later))
                        .orElseGet(CompletionHandler.OnCompleteRemove::new));
    }
}
