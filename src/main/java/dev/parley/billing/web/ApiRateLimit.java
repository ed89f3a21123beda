package dev.parley.billing.web;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.parley.billing.Entitlements;
import dev.parley.billing.Limit;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;
import dev.parley.shared.ratelimit.TenantBuckets;
import dev.parley.shared.security.Caller;

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
 * An interceptor runs inside the dispatcher, so after the security filters have authenticated the caller. The
 * buckets are {@link TenantBuckets} of kind {@value #KIND}: shared by all nodes in Redis when it is configured, per
 * node in memory otherwise. In-memory buckets are dropped on every node when the tenant's plan, or a plan, changes
 * (topic {@value Entitlements#EVICTIONS}); a bucket whose limit no longer matches the plan is rebuilt as well.
 */
@Configuration(proxyBeanMethods = false)
class ApiRateLimit implements WebMvcConfigurer {

    static final String KIND = "api";

    private final Entitlements entitlements;
    private final TenantBuckets buckets;

    ApiRateLimit(Entitlements entitlements, TenantBuckets buckets, ClusterBus bus) {
        this.entitlements = entitlements;
        this.buckets = buckets;
        bus.subscribe(Entitlements.EVICTIONS, this::evict, () -> buckets.forgetAll(KIND));
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
        long retryAfter = buckets.tryConsume(KIND, tenant, limit);
        if (retryAfter > 0) {
            throw limited(limit, retryAfter);
        }
    }

    private static ParleyException limited(int limit, long seconds) {
        return new ParleyException(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "Your plan allows " + limit + " API calls a minute; try again in " + seconds + " s.",
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
