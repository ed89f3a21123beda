package dev.parley.chat.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.parley.shared.jobs.JobsProperties;
import dev.parley.tenancy.TenantSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recurring {@code conversation-auto-resolve} job (every {@code parley.jobs.auto-resolve-every}, once per
 * cluster): for each active tenant with {@code chat.autoResolveHours} set, resolves its idle conversations.
 */
@Configuration(proxyBeanMethods = false)
class AutoResolveJob {

    static final String NAME = "conversation-auto-resolve";

    private static final Logger log = LoggerFactory.getLogger(AutoResolveJob.class);

    @Bean
    RecurringTask<Void> autoResolveTask(TenantSettings settings, AutoResolution resolution, JobsProperties jobs) {
        return Tasks.recurring(NAME, FixedDelay.of(jobs.autoResolveEvery()))
                .execute((instance, context) -> {
                    for (TenantSettings.AutoResolve tenant : settings.autoResolving()) {
                        try {
                            int resolved = resolution.resolveIdle(tenant.tenant(), tenant.hours());
                            if (resolved > 0) {
                                log.info("Resolved {} conversations of tenant {} idle for {} hours", resolved,
                                        tenant.tenant().value(), tenant.hours());
                            }
                        } catch (RuntimeException e) {
                            // One tenant's trouble does not hold up the others; the next run tries again.
                            log.warn("Resolving idle conversations of tenant {} failed", tenant.tenant().value(), e);
                        }
                    }
                });
    }
}
