package dev.parley.shared.ratelimit;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.parley.shared.TenantId;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * The buckets of a single node: Bucket4j buckets in a Caffeine cache, forgotten 10 minutes after the last call.
 * With several nodes and no Redis each node limits on its own (a tenant gets up to N times its limit).
 * A bucket whose limit no longer matches the one asked for is rebuilt, full.
 */
final class InMemoryTenantBuckets implements TenantBuckets {

    private final Cache<Key, Limiter> buckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    @Override
    public long tryConsume(String kind, TenantId tenant, int limitPerMinute) {
        Limiter limiter = buckets.asMap().compute(new Key(kind, tenant.value()),
                (key, current) -> current != null && current.limit() == limitPerMinute
                        ? current : Limiter.of(limitPerMinute));
        var probe = limiter.bucket().tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : TenantBuckets.seconds(probe.getNanosToWaitForRefill());
    }

    @Override
    public void forget(String kind, TenantId tenant) {
        buckets.invalidate(new Key(kind, tenant.value()));
    }

    @Override
    public void forgetAll(String kind) {
        buckets.asMap().keySet().removeIf(key -> key.kind().equals(kind));
    }

    private record Key(String kind, UUID tenant) {
    }

    private record Limiter(int limit, Bucket bucket) {

        static Limiter of(int perMinute) {
            return new Limiter(perMinute, Bucket.builder().addLimit(TenantBucketsConfiguration.perMinute(perMinute)).build());
        }
    }
}
