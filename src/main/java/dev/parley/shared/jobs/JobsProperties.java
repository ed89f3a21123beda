package dev.parley.shared.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Durable jobs (db-scheduler): how each node runs the executions stored in {@code scheduled_tasks}, and how often
 * the recurring jobs run. Every setting can come from the environment ({@code PARLEY_JOBS_POLLING_INTERVAL} …).
 *
 * @param pollingInterval  how often a node looks for due executions; a job runs at most this late
 * @param threads          executions one node runs at once
 * @param shutdownMaxWait  how long a stopping node waits for its running executions before it gives up on them
 *                         (another node, or this one after a restart, runs them again)
 * @param autoResolveEvery how often open conversations are checked against their tenant's {@code autoResolveHours}
 */
@ConfigurationProperties("parley.jobs")
public record JobsProperties(
        @DefaultValue("10s") Duration pollingInterval,
        @DefaultValue("4") int threads,
        @DefaultValue("10s") Duration shutdownMaxWait,
        @DefaultValue("5m") Duration autoResolveEvery) {
}
