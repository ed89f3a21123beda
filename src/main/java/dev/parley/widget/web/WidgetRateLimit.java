package dev.parley.widget.web;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.parley.billing.Entitlements;
import dev.parley.billing.Limit;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The plan's widget rate limit: every call of the widget's public API ({@code /api/v1/widget/**}) takes a token from
 * the tenant's bucket, all its visitors together (capacity = the plan's {@code widgetRatePerMinute}, refilled greedily
 * over the minute; null means no limit, 0 refuses every call). An empty bucket answers 429 {@code RATE_LIMITED} with
 * {@code Retry-After}. It sits beside the per-visitor limit of chat, which keeps one visitor from flooding a
 * conversation; this one caps what a whole site (or someone replaying its public widget key) may cost.
 * <p>
 * Like the API's limit ({@code billing.web.ApiRateLimit}), buckets are per node (with N nodes a tenant gets up to N
 * times its limit), kept in a Caffeine cache (forgotten 10 minutes after the last call) and dropped on every node
 * when the tenant's plan, or a plan, changes; a bucket whose limit no longer matches the plan is rebuilt as well.
 */
@Component
class WidgetRateLimit {

    private final Entitlements entitlements;
    private final Cache<UUID, Limiter> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    WidgetRateLimit(Entitlements entitlements, ClusterBus bus) {
        this.entitlements = entitlements;
        bus.subscribe(Entitlements.EVICTIONS, this::evict, buckets::invalidateAll);
    }

    /** Takes one call from the tenant's bucket; 429 when it is empty. */
    void take(TenantId tenant) {
        Integer limit = entitlements.plan(tenant).allowance(Limit.WIDGET_RATE_PER_MINUTE);
        if (limit == null) {
            return;
        }
        if (limit == 0) {
            throw limited(limit, 60);
        }
        Limiter limiter = buckets.asMap().compute(tenant.value(),
                (id, current) -> current != null && current.limit() == limit ? current : Limiter.of(limit));
        var probe = limiter.bucket().tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw limited(limit, seconds);
        }
    }

    private static ParleyException limited(int limit, long seconds) {
        return new ParleyException(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "This site's chat is very busy right now; try again in " + seconds + " s.",
                Map.of("limit", limit, "retryAfterSeconds", seconds));
    }

    private void evict(String payload) {
        if ("*".equals(payload)) {
            buckets.invalidateAll();
        } else {
            buckets.invalidate(UUID.fromString(payload));
        }
    }

    private record Limiter(int limit, Bucket bucket) {

        static Limiter of(int perMinute) {
            return new Limiter(perMinute, Bucket.builder().addLimit(Bandwidth.builder()
                    .capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
        }
    }
}
