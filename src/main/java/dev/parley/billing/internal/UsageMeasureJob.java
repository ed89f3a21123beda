package dev.parley.billing.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.parley.billing.Usage;
import dev.parley.shared.Ids;
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
 * job written in the changing transaction (so it exists only if the change committed); instance
 * {@code <tenant>/<id>}.
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
        // One execution per seat taken (seats are taken seldom): a measure already running when this transaction
        // commits might not see the new seat, so none is merged with another.
        scheduler.schedule(TASK.instance(tenant.value() + "/" + Ids.newId()).build(), clock.instant());
    }

    @Configuration(proxyBeanMethods = false)
    static class Task {

        @Bean
        OneTimeTask<Void> usageMeasureTask(ObjectProvider<Usage> usage) {
            return Tasks.oneTime(TASK)
                    .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(3,
                            new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(1))))
                    .execute((instance, context) -> {
                        String id = instance.getId();
                        TenantId tenant = TenantId.of(UUID.fromString(id.substring(0, id.indexOf('/'))));
                        TenantContext.runAs(tenant, () -> usage.getObject().measure(tenant));
                    });
        }
    }
}
