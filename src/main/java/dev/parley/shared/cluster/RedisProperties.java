package dev.parley.shared.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis for running several nodes ({@code parley.redis.*}): when {@code url} is set ({@code PARLEY_REDIS_URL},
 * e.g. {@code redis://redis.internal:6379} or {@code rediss://:password@host:6380/0}) the nodes tell each other
 * about changes over Redis pub/sub; empty means one node and an in-process bus.
 *
 * @param url            the Redis server; empty for a single node
 * @param channelPrefix  the start of every channel name, so several installations can share one Redis
 * @param connectRetry   how often a node that started while Redis was unreachable tries again
 */
@ConfigurationProperties("parley.redis")
public record RedisProperties(
        String url,
        @DefaultValue("parley") String channelPrefix,
        @DefaultValue("5s") Duration connectRetry) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
