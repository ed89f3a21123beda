package dev.parley.integrations.internal;

import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.parley.shared.TenantId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable {@code webhook-delivery} job: one execution per delivery, run once per cluster, rescheduled to the next
 * attempt's time while the receiver fails (see {@link DeliveryAttempts}).
 */
@Configuration(proxyBeanMethods = false)
class WebhookDeliveryJob {

    @Bean
    CustomTask<Void> webhookDeliveryTask(DeliveryAttempts attempts) {
        return Tasks.custom(WebhookEvents.TASK)
                // Something other than the receiver failed (the database, say): try again later.
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    String[] ids = instance.getId().split(":", 2);
                    return attempts.attempt(TenantId.of(UUID.fromString(ids[0])), UUID.fromString(ids[1]))
                            .<CompletionHandler<Void>>map(next -> (complete, operations) ->
                                    operations.reschedule(complete, next))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }
}
