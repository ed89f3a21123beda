package dev.parley.shared.ratelimit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.RedisProperties;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

/**
 * Buckets shared by all nodes, in Redis (Bucket4j's compare-and-swap proxy manager over Lettuce), one key per tenant,
 * kind and limit: {@code <prefix>:ratelimit:<kind>:<tenant>:<limit>}. The limit is part of the key, so a plan change
 * that changes the limit starts a fresh, full bucket on every node at once, with no eviction message to miss; a key
 * vanishes once its bucket would be full again (plus 10 s), so the old plan's bucket is gone a minute later.
 * <p>
 * Redis unreachable — at start, or at a call — lets the call through (fail open): a rate limit guards the service
 * against abuse, and refusing every tenant's every call while Redis is down would be the worse outage. A warning is
 * logged at most once a minute while it lasts; a node that started without Redis tries again every
 * {@code parley.redis.connect-retry}, and Lettuce reconnects a lost connection by itself.
 */
final class RedisTenantBuckets implements TenantBuckets, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisTenantBuckets.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** How long a Redis round trip may take before the call goes through unlimited. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final String prefix;
    private final String where;
    private final Duration connectRetry;
    private final RedisClient client;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-ratelimit-connect").daemon().factory());
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private volatile ProxyManager<String> buckets;
    private volatile boolean closed;

    private RedisTenantBuckets(RedisProperties properties) {
        RedisURI uri = RedisURI.create(properties.url());
        uri.setClientName("parley-ratelimit");
        uri.setTimeout(TIMEOUT);
        this.prefix = properties.channelPrefix() + ":ratelimit:";
        this.where = uri.getHost() + ":" + uri.getPort();
        this.connectRetry = properties.connectRetry();
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                // While disconnected a call fails at once (and goes through) instead of waiting for Redis.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    /** Connects, or, when Redis is unreachable, warns and keeps trying in the background. */
    static RedisTenantBuckets start(RedisProperties properties) {
        RedisTenantBuckets redis = new RedisTenantBuckets(properties);
        if (!redis.connect(true)) {
            long every = redis.connectRetry.toMillis();
            redis.connector.scheduleWithFixedDelay(() -> {
                if (redis.buckets == null && !redis.closed && redis.connect(false)) {
                    redis.connector.shutdown();
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
        return redis;
    }

    private synchronized boolean connect(boolean first) {
        if (closed) {
            return false;
        }
        try {
            StatefulRedisConnection<String, byte[]> opened =
                    client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            buckets = Bucket4jLettuce.casBasedBuilder(opened)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy
                            .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .requestTimeout(TIMEOUT)
                    .build();
            log.info("Rate limits: shared by the nodes in Redis at {} (keys {}*)", where, prefix);
            return true;
        } catch (RuntimeException e) {
            if (first) {
                log.warn("Rate limits: Redis at {} is unreachable ({}); calls go through unlimited until it answers, "
                        + "trying again every {} ms.", where, rootMessage(e), connectRetry.toMillis());
                lastWarning.set(System.nanoTime());
            } else {
                warn(e);
            }
            return false;
        }
    }

    @Override
    public long tryConsume(String kind, TenantId tenant, int limitPerMinute) {
        ProxyManager<String> manager = buckets;
        if (manager == null) {
            warn(null);
            return 0;
        }
        try {
            var probe = manager.builder()
                    .build(key(kind, tenant, limitPerMinute), () -> configuration(limitPerMinute))
                    .tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? 0 : TenantBuckets.seconds(probe.getNanosToWaitForRefill());
        } catch (RuntimeException e) {
            warn(e);
            return 0;
        }
    }

    /** Nothing to do: the limit is part of the key, so a changed limit finds a fresh bucket by itself. */
    @Override
    public void forget(String kind, TenantId tenant) {
    }

    @Override
    public void forgetAll(String kind) {
    }

    String key(String kind, TenantId tenant, int limitPerMinute) {
        return prefix + kind + ":" + tenant.value() + ":" + limitPerMinute;
    }

    private static BucketConfiguration configuration(int limitPerMinute) {
        return BucketConfiguration.builder().addLimit(TenantBucketsConfiguration.perMinute(limitPerMinute)).build();
    }

    private void warn(RuntimeException e) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limits: Redis at {} did not answer ({}); letting calls through unlimited until it does "
                    + "(said at most once a minute).", where, e == null ? "not connected" : rootMessage(e));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        connector.shutdownNow();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
