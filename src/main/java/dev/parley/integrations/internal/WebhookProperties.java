package dev.parley.integrations.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing webhooks ({@code parley.webhooks.*}, or {@code PARLEY_WEBHOOKS_...}).
 *
 * @param allowInsecureLocalhost accept {@code http://localhost} and {@code http://127.0.0.1} endpoints (development and
 *                               tests); otherwise every endpoint is {@code https} to a public address
 * @param connectTimeout         how long a delivery waits to connect to the receiver
 * @param readTimeout            how long a delivery waits for the receiver's answer
 * @param retryDelays            the waits after the 1st, 2nd… failed attempt; after one more failure than there are
 *                               delays the delivery is FAILED
 * @param maxEndpoints           endpoints a tenant may have
 * @param keepDeliveries         how long finished deliveries (succeeded or failed) stay in the log
 * @param cleanupEvery           how often the cluster deletes the deliveries older than that
 */
@ConfigurationProperties("parley.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowInsecureLocalhost,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue({"1m", "5m", "30m", "2h", "6h"}) List<Duration> retryDelays,
        @DefaultValue("20") int maxEndpoints,
        @DefaultValue("30d") Duration keepDeliveries,
        @DefaultValue("1h") Duration cleanupEvery) {

    /** Attempts a delivery gets before it is FAILED. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /** The wait after {@code failedAttempts} failures (1 = the first), or null when that was the last attempt. */
    public Duration retryDelay(int failedAttempts) {
        return failedAttempts >= 1 && failedAttempts <= retryDelays.size() ? retryDelays.get(failedAttempts - 1) : null;
    }
}
