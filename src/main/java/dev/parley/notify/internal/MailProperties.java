package dev.parley.notify.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How mail delivery retries ({@code parley.mail.*}): the first retry after {@code firstRetry}, each later one twice
 * as late up to {@code maxRetryDelay}, and after {@code maxAttempts} attempts the mail is marked failed.
 */
@ConfigurationProperties("parley.mail")
public record MailProperties(@DefaultValue("1m") Duration firstRetry, @DefaultValue("1h") Duration maxRetryDelay,
                             @DefaultValue("10") int maxAttempts) {

    /** How long to wait after the given number of failed attempts (1 = the first failed). */
    public Duration retryDelay(int failedAttempts) {
        long factor = 1L << Math.min(20, Math.max(0, failedAttempts - 1));
        Duration delay = firstRetry.multipliedBy(factor);
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
