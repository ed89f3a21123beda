package dev.parley.integrations.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.parley.shared.db.PlatformTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The recurring {@code webhook-delivery-cleanup} job (every {@code parley.webhooks.cleanup-every}, once per cluster):
 * deletes every tenant's finished deliveries older than {@code parley.webhooks.keep-deliveries}, in batches, each in
 * its own platform transaction, so the log does not grow without end. Waiting deliveries are never deleted.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryLogCleanup {

    static final String NAME = "webhook-delivery-cleanup";
    static final int BATCH = 5_000;

    private static final Logger log = LoggerFactory.getLogger(DeliveryLogCleanup.class);

    @Bean
    RecurringTask<Void> webhookDeliveryCleanupTask(JdbcClient db, PlatformTransactions platform,
                                                   WebhookProperties properties, Clock clock) {
        return Tasks.recurring(NAME, FixedDelay.of(properties.cleanupEvery()))
                .execute((instance, context) -> {
                    Instant before = clock.instant().minus(properties.keepDeliveries());
                    int total = 0;
                    int deleted;
                    do {
                        deleted = platform.call(() -> deleteBatch(db, before));
                        total += deleted;
                    } while (deleted == BATCH);
                    if (total > 0) {
                        log.info("Deleted {} webhook deliveries finished before {}", total, before);
                    }
                });
    }

    private static int deleteBatch(JdbcClient db, Instant before) {
        return db.sql("""
                        DELETE FROM webhook_deliveries
                        WHERE (tenant_id, id) IN (SELECT tenant_id, id FROM webhook_deliveries
                                                  WHERE status <> 'PENDING' AND created_at < :before
                                                  LIMIT :batch)
                        """)
                .param("before", Timestamp.from(before)).param("batch", BATCH).update();
    }
}
