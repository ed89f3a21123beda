package dev.parley.billing.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.parley.billing.Usage;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@code usage-measure}: measures one tenant's operators and storage soon after something changed them (a seat
 * taken), so their thresholds are announced then rather than at the next read or daily snapshot. A durable one-time
 * job written in the changing transaction (so it exists only if the change committed), one per tenant at a time.
 */
@Component
class UsageMeasureJob {

    static final TaskDescriptor<Void> TASK = TaskDescriptor.of("usage-measure");

    private final SchedulerClient scheduler;
    private final Clock clock;

    UsageMeasureJob(@Lazy SchedulerClient scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    void schedule(TenantId tenant) {
        scheduler.schedule(TASK.instance(tenant.value().toString()).build(), clock.instant(),
                ScheduleOptions.WHEN_EXISTS_DO_NOTHING);
    }

    @Configuration(proxyBeanMethods = false)
    static class Task {

        @Bean
        OneTimeTask<Void> usageMeasureTask(ObjectProvider<Usage> usage) {
            return Tasks.oneTime(TASK)
                    .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(3,
                            new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(1))))
                    .execute((instance, context) -> {
                        TenantId tenant = TenantId.of(UUID.fromString(instance.getId()));
                        TenantContext.runAs(tenant, () -> usage.getObject().measure(tenant));
                    });
        }
    }
}
