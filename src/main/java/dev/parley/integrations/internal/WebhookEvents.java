package dev.parley.integrations.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

import dev.parley.billing.Entitlements;
import dev.parley.billing.Feature;
import dev.parley.integrations.WebhookDelivery.Status;
import dev.parley.integrations.WebhookEventType;
import dev.parley.shared.Ids;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns an event into deliveries: one {@code webhook_deliveries} row per enabled endpoint that receives its type, and
 * one durable {@code webhook-delivery} execution per row, both written in the caller's transaction, so an event is
 * delivered if and only if what caused it committed, and none is lost to a crash. The nodes' schedulers then send them
 * ({@link DeliveryAttempts}).
 */
@Component
public class WebhookEvents {

    /** One execution per delivery; instance id {@code <tenant id>:<delivery id>}, no data. */
    static final TaskDescriptor<Void> TASK = TaskDescriptor.of("webhook-delivery");

    private static final Logger log = LoggerFactory.getLogger(WebhookEvents.class);

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final Entitlements entitlements;
    private final SchedulerClient scheduler;
    private final ObjectProvider<Scheduler> poller;
    private final Clock clock;

    WebhookEvents(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries, Entitlements entitlements,
                  SchedulerClient scheduler, ObjectProvider<Scheduler> poller, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.entitlements = entitlements;
        this.scheduler = scheduler;
        this.poller = poller;
        this.clock = clock;
    }

    /**
     * Records the event for each of the tenant's enabled endpoints that receive its type, in the caller's transaction;
     * nothing when the tenant's plan does not include webhooks. Answers the event's id.
     */
    public UUID publish(TenantId tenant, WebhookEventType type, Map<String, Object> data) {
        UUID event = Ids.newId();
        if (!entitlements.may(tenant, Feature.WEBHOOKS)) {
            return event;
        }
        List<EndpointRow> receiving = endpoints.receiving(tenant, type.key());
        Instant now = clock.instant();
        for (EndpointRow endpoint : receiving) {
            enqueue(tenant, endpoint.id(), event, type, data, now);
        }
        if (!receiving.isEmpty()) {
            log.debug("Event {} {} of tenant {}: {} deliveries", type.key(), event, tenant, receiving.size());
        }
        return event;
    }

    /** Sends an event to one endpoint only (a ping on request), enabled or not; answers the delivery. */
    public DeliveryRow sendTo(TenantId tenant, EndpointRow endpoint, WebhookEventType type, Map<String, Object> data) {
        return enqueue(tenant, endpoint.id(), Ids.newId(), type, data, clock.instant());
    }

    /** Sends a delivery again now, whatever its status (receivers drop duplicates by the event id). */
    public void retry(TenantId tenant, DeliveryRow delivery) {
        Instant now = clock.instant();
        try {
            scheduler.schedule(TASK.instance(instance(tenant, delivery.id())).build(), now,
                    ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } catch (TaskInstanceCurrentlyExecutingException running) {
            throw ParleyException.conflict("WEBHOOK_DELIVERY_IN_PROGRESS",
                    "This delivery is being attempted right now; look again in a few seconds.");
        }
        deliveries.retry(tenant, delivery.id(), now);
        deliverSoonAfterCommit();
    }

    private DeliveryRow enqueue(TenantId tenant, UUID endpoint, UUID event, WebhookEventType type,
                                Map<String, Object> data, Instant now) {
        DeliveryRow row = new DeliveryRow(tenant, Ids.newId(), endpoint, event, type.key(),
                DeliveryRow.JSON.writeValueAsString(data), Status.PENDING, 0, now, null, null, now, null);
        deliveries.insert(row);
        scheduler.schedule(TASK.instance(instance(tenant, row.id())).build(), now);
        deliverSoonAfterCommit();
        return row;
    }

    static String instance(TenantId tenant, UUID delivery) {
        return tenant.value() + ":" + delivery;
    }

    /** The nodes poll for due executions every few seconds; this one looks at once when the event is committed. */
    private void deliverSoonAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Scheduler running = poller.getIfAvailable();
                if (running != null) {
                    running.triggerCheckForDueExecutions();
                }
            }
        });
    }
}
