package dev.parley.notify.internal;

import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.parley.shared.TenantId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable {@code mail-delivery} job: one execution per queued mail, run once per cluster, rescheduled to retry.
 * Only a node with a mail server runs it; on a node without one it does not exist, so the node leaves those
 * executions to the nodes that can send (db-scheduler skips executions of tasks it does not know). Without any mail
 * server, mail is held in the outbox and no execution is made.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${parley.smtp.host:}'.isBlank()")
class MailDeliveryJob {

    @Bean
    CustomTask<Void> mailDeliveryTask(MailDelivery delivery) {
        return Tasks.custom(MailQueue.TASK)
                // Something other than the mail server failed (the database, say): try again later.
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    String[] ids = instance.getId().split(":", 2);
                    return delivery.deliver(TenantId.of(UUID.fromString(ids[0])), UUID.fromString(ids[1]))
                            .<CompletionHandler<Void>>map(next -> (complete, operations) ->
                                    operations.reschedule(complete, next))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }
}
