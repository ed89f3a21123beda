package dev.parley.billing.web;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.parley.billing.Entitlements;
import dev.parley.billing.Limit;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;
import dev.parley.shared.security.Caller;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The plan's API rate limit: every authenticated {@code /api/v1} call of a tenant's member takes a token from the
 * tenant's bucket (capacity = the plan's calls per minute, refilled greedily over the minute; a plan without a limit
 * has no bucket). An empty bucket answers 429 {@code RATE_LIMITED} with {@code Retry-After}. Sign-in, the platform
 * API, the notification and usage streams and the widget (which has its own per-visitor limit) are not counted.
 * <p>
 * An interceptor runs inside the dispatcher, so after the security filters have authenticated the caller. Buckets
 * are per node (with N nodes a tenant gets up to N times its limit) and are dropped on every node when the tenant's
 * plan, or a plan, changes (topic {@value Entitlements#EVICTIONS}); a bucket whose limit no longer matches the plan
 * is rebuilt as well.
 */
@Configuration(proxyBeanMethods = false)
class ApiRateLimit implements WebMvcConfigurer {

    private final Entitlements entitlements;
    private final Cache<UUID, Limiter> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    ApiRateLimit(Entitlements entitlements, ClusterBus bus) {
        this.entitlements = entitlements;
        bus.subscribe(Entitlements.EVICTIONS, this::evict, buckets::invalidateAll);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (request.getDispatcherType() == DispatcherType.REQUEST) { // an async re-dispatch was counted
                    Caller.current().ifPresent(caller -> take(caller.tenant()));
                }
                return true;
            }
        }).addPathPatterns("/api/v1/**")
                .excludePathPatterns("/api/v1/auth/**", "/api/v1/platform/**", "/api/v1/widget/**",
                        "/api/v1/notifications/stream", "/api/v1/billing/usage/stream");
    }

    void take(TenantId tenant) {
        Integer limit = entitlements.plan(tenant).allowance(Limit.API_RATE_PER_MINUTE);
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
                "Your plan allows " + limit + " API calls a minute; try again in " + seconds + " s.",
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
