package dev.parley.widget.web;

import java.util.Map;
import java.util.UUID;

import dev.parley.billing.Entitlements;
import dev.parley.billing.Limit;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;
import dev.parley.shared.ratelimit.TenantBuckets;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The plan's widget rate limit: every call of the widget's public API ({@code /api/v1/widget/**}) takes a token from
 * the tenant's bucket, all its visitors together (capacity = the plan's {@code widgetRatePerMinute}, refilled greedily
 * over the minute; null means no limit, 0 refuses every call). An empty bucket answers 429 {@code RATE_LIMITED} with
 * {@code Retry-After}. It sits beside the per-visitor limit of chat, which keeps one visitor from flooding a
 * conversation; this one caps what a whole site (or someone replaying its public widget key) may cost.
 * <p>
 * Like the API's limit ({@code billing.web.ApiRateLimit}), the buckets are {@link TenantBuckets} (kind
 * {@value #KIND}): shared by all nodes in Redis when it is configured, per node in memory otherwise, where they are
 * dropped on every node when the tenant's plan, or a plan, changes; a bucket whose limit no longer matches the plan
 * is rebuilt as well.
 */
@Component
class WidgetRateLimit {

    static final String KIND = "widget";

    private final Entitlements entitlements;
    private final TenantBuckets buckets;

    WidgetRateLimit(Entitlements entitlements, TenantBuckets buckets, ClusterBus bus) {
        this.entitlements = entitlements;
        this.buckets = buckets;
        bus.subscribe(Entitlements.EVICTIONS, this::evict, () -> buckets.forgetAll(KIND));
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
        long retryAfter = buckets.tryConsume(KIND, tenant, limit);
        if (retryAfter > 0) {
            throw limited(limit, retryAfter);
        }
    }

    private static ParleyException limited(int limit, long seconds) {
        return new ParleyException(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "This site's chat is very busy right now; try again in " + seconds + " s.",
                Map.of("limit", limit, "retryAfterSeconds", seconds));
    }

    private void evict(String payload) {
        if ("*".equals(payload)) {
            buckets.forgetAll(KIND);
        } else {
            buckets.forget(KIND, new TenantId(UUID.fromString(payload)));
        }
    }
}
