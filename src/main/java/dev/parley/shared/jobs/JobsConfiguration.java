package dev.parley.shared.jobs;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Configures db-scheduler's Spring Boot starter from {@code parley.jobs.*} and gives it the application's clock,
 * so every node agrees with the rest of Parley on what time it is (and tests can move it).
 *
 * <p>The starter builds the scheduler from every {@code Task} bean, polls {@code scheduled_tasks} through the
 * application's pool (role {@code parley_app}) and joins the caller's transaction when a module schedules an
 * execution, so an execution is stored, or not, with the change that asked for it.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    static final String TABLE = "scheduled_tasks";

    @Bean("dbSchedulerClock")
    com.github.kagkarlsson.scheduler.Clock dbSchedulerClock(Clock clock) {
        return clock::instant;
    }

    /** Wins over the starter's own {@code db-scheduler.*} properties: Parley is configured under one prefix. */
    @Bean
    @Primary
    DbSchedulerProperties parleyDbSchedulerProperties(JobsProperties jobs) {
        DbSchedulerProperties properties = new DbSchedulerProperties();
        properties.setTableName(TABLE);
        properties.setPollingInterval(jobs.pollingInterval());
        properties.setThreads(jobs.threads());
        properties.setShutdownMaxWait(jobs.shutdownMaxWait());
        // Jobs use other beans: start polling once the whole application is up.
        properties.setDelayStartupUntilContextReady(true);
        properties.setImmediateExecutionEnabled(true);
        return properties;
    }
}
