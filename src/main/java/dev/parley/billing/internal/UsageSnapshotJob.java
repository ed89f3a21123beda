package dev.parley.billing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.parley.billing.Usage;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recurring {@code usage-snapshot} job (daily, once per cluster): measures every subscribed tenant's operators
 * and storage for its current period, so the history has them and their thresholds are announced even when nobody
 * opens the Billing page.
 */
@Configuration(proxyBeanMethods = false)
class UsageSnapshotJob {

    static final String NAME = "usage-snapshot";

    private static final Logger log = LoggerFactory.getLogger(UsageSnapshotJob.class);

    @Bean
    RecurringTask<Void> usageSnapshotTask(UsageRepository repository, Usage usage, PlatformTransactions platform,
                                          Clock clock) {
        return Tasks.recurring(NAME, FixedDelay.of(Duration.ofDays(1)))
                .execute((instance, context) -> {
                    // Tenants measured in the last 20 hours (their page was read, or a run just went by) are skipped.
                    Instant since = clock.instant().minus(Duration.ofHours(20));
                    List<UUID> tenants = platform.call(() -> repository.unmeasuredSince(since));
                    for (UUID id : tenants) {
                        TenantId tenant = TenantId.of(id);
                        try {
                            TenantContext.runAs(tenant, () -> usage.measure(tenant));
                        } catch (RuntimeException e) {
                            // One tenant's trouble does not hold up the others; tomorrow's run tries again.
                            log.warn("Measuring the usage of tenant {} failed", id, e);
                        }
                    }
                });
    }
}
