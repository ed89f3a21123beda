package dev.parley.shared.ratelimit;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.shared.cluster.RedisProperties;

import io.github.bucket4j.Bandwidth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tenants' rate-limit buckets: in Redis, shared by the nodes, when {@code parley.redis.url} is set; in memory otherwise. */
@Configuration(proxyBeanMethods = false)
class TenantBucketsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TenantBucketsConfiguration.class);

    @Bean
    TenantBuckets tenantBuckets(RedisProperties properties) {
        if (!properties.configured()) {
            log.info("Rate limits: per node, in memory (set PARLEY_REDIS_URL to share them between nodes)");
            return new InMemoryTenantBuckets();
        }
        return RedisTenantBuckets.start(properties);
    }

    /** Capacity = the limit, refilled greedily over the minute (a limit of 60 gives one call back a second). */
    static Bandwidth perMinute(int limit) {
        return Bandwidth.builder().capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)).build();
    }
}
