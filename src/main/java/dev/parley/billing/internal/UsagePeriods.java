package dev.parley.billing.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.billing.BillingCycle;
import dev.parley.billing.Entitlements;
import dev.parley.billing.Subscription;
import dev.parley.billing.invoice.BillingPeriod;
import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;

import org.springframework.stereotype.Component;

/**
 * The billing period usage is counted in: the tenant's subscription's current period, or the period after it when
 * the current one is over and its roll-over has not run yet (periods follow the anchor, as the roll-over computes
 * them). Kept per node for a minute, so a visitor message does not read the subscription; dropped on a plan change.
 * Call inside the tenant's transaction or a platform one.
 */
@Component
public class UsagePeriods {

    private final SubscriptionRepository subscriptions;
    private final Cache<UUID, BillingPeriod> current = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(60))
            .build();

    UsagePeriods(SubscriptionRepository subscriptions, ClusterBus bus) {
        this.subscriptions = subscriptions;
        bus.subscribe(Entitlements.EVICTIONS, this::evict, current::invalidateAll);
    }

    /** The period containing {@code at}. */
    public BillingPeriod containing(TenantId tenant, Instant at) {
        BillingPeriod cached = current.getIfPresent(tenant.value());
        if (cached != null && !at.isBefore(cached.start()) && at.isBefore(cached.end())) {
            return cached;
        }
        BillingPeriod period = load(tenant.value(), at);
        current.put(tenant.value(), period);
        return period;
    }

    private BillingPeriod load(UUID tenant, Instant at) {
        Subscription s = subscriptions.find(tenant).orElse(null);
        if (s == null) {
            // Not expected (every tenant gets a subscription when provisioned): count by calendar month in UTC.
            YearMonth month = YearMonth.from(at.atZone(ZoneOffset.UTC));
            return new BillingPeriod(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                    month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        BillingPeriod period = s.currentPeriod();
        if (at.isBefore(period.end())) {
            return period;
        }
        Instant anchor = subscriptions.anchor(tenant).orElse(s.currentPeriodStart());
        Instant start = period.end();
        Instant end = BillingCycle.nextPeriodEnd(anchor, start, s.interval());
        while (!at.isBefore(end)) {
            start = end;
            end = BillingCycle.nextPeriodEnd(anchor, start, s.interval());
        }
        return new BillingPeriod(start, end);
    }

    private void evict(String payload) {
        if ("*".equals(payload)) {
            current.invalidateAll();
            return;
        }
        try {
            current.invalidate(UUID.fromString(payload));
        } catch (IllegalArgumentException ignored) {
            current.invalidateAll();
        }
    }
}
