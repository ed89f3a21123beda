package dev.parley.tenancy.internal;

import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When each deleted tenant is purged: one durable execution per tenant ({@code tenant-purge}, instance = the
 * tenant's id) in {@code scheduled_tasks}, written in the transaction that deletes or restores the tenant.
 */
@Component
public class TenantPurgeSchedule {

    /** The purge job; its instance id is the tenant's id, it carries no data. */
    static final TaskDescriptor<Void> TASK = TaskDescriptor.of("tenant-purge");

    private static final Logger log = LoggerFactory.getLogger(TenantPurgeSchedule.class);

    private final SchedulerClient scheduler;
    private final TenantRepository tenants;

    TenantPurgeSchedule(SchedulerClient scheduler, TenantRepository tenants) {
        this.scheduler = scheduler;
        this.tenants = tenants;
    }

    /** Purges the tenant at this time (replacing an earlier date, if the tenant was deleted before). */
    public void schedule(UUID tenant, Instant at) {
        try {
            scheduler.schedule(TASK.instance(tenant.toString()).build(), at, ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } catch (TaskInstanceCurrentlyExecutingException running) {
            // The running purge takes the tenant's row lock after us and finds it deleted anew: it reschedules itself.
            log.info("The purge of {} is running; it will find the new deletion date itself", tenant);
        }
    }

    /** The tenant was restored: no purge. */
    public void cancel(UUID tenant) {
        var id = TASK.instanceId(tenant.toString());
        if (scheduler.getScheduledExecution(id).isEmpty()) {
            return;
        }
        try {
            scheduler.cancel(id);
        } catch (TaskInstanceCurrentlyExecutingException running) {
            // It waits for our lock on the tenant's row, then finds the tenant active and does nothing.
            log.info("The purge of {} is running; it will find the tenant restored", tenant);
        }
    }

    /**
     * Every deleted tenant has its purge scheduled, also those deleted before purges existed or whose execution was
     * removed by hand: checked once at start-up.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void scheduleMissing() {
        tenants.awaitingPurge().forEach((tenant, purgeAt) -> {
            if (scheduler.scheduleIfNotExists(TASK.instance(tenant.toString()).build(), purgeAt)) {
                log.info("Scheduled the missing purge of deleted tenant {} at {}", tenant, purgeAt);
            }
        });
    }
}
