package dev.parley.billing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.parley.billing.internal.BillingProperties;
import dev.parley.billing.internal.AddOnRepository;
import dev.parley.billing.internal.PlanRepository;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;
import dev.parley.shared.db.PlatformTransactions;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The one answer to "may this tenant do X, how much of Y is left", from the tenant's plan. Every gated server action
 * asks it; the console only hides. A tenant's plan is cached per node for 60 seconds and evicted on every node when
 * its plan, or the plan itself, changes (topic {@value #EVICTIONS}).
 */
@Service
public class Entitlements {

    /** Payload: a tenant id whose plan every node forgets, or {@code *} for all of them (a plan was edited). */
    public static final String EVICTIONS = "billing.plan-changed";
    static final String ALL = "*";

    private final PlanRepository plans;
    private final AddOnRepository addOns;
    private final PlatformTransactions platform;
    private final BillingProperties properties;
    private final Cache<UUID, Plan> cache = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(60))
            .build();

    Entitlements(PlanRepository plans, AddOnRepository addOns, PlatformTransactions platform,
                 BillingProperties properties, ClusterBus bus) {
        this.plans = plans;
        this.addOns = addOns;
        this.platform = platform;
        this.properties = properties;
        bus.subscribe(EVICTIONS, this::evictHere, cache::invalidateAll);
    }

    /** The tenant's plan (the configured default plan for a tenant that was never given one). */
    public Plan plan(TenantId tenant) {
        // Inside the tenant's own transaction (an invitation, a reactivation) its plan row is visible: read there.
        return cache.get(tenant.value(), id -> platform.callFor(tenant, () -> load(id)));
    }

    /**
     * The tenant's plan read now, past the cache (and put in it): for measurements whose thresholds must not use a
     * plan changed on another node within the cache's minute (the usage jobs run on any node).
     */
    public Plan fresh(TenantId tenant) {
        Plan plan = platform.callFor(tenant, () -> load(tenant.value()));
        cache.put(tenant.value(), plan);
        return plan;
    }

    private Plan load(UUID tenant) {
        String planId = plans.planOf(tenant).orElse(properties.defaultPlan());
        Plan plan = plans.find(planId).orElseThrow(() -> new IllegalStateException("No plan '" + planId + "'"));
        return withAddOns(plan, addOns.heldBy(tenant));
    }

    /**
     * The plan as the tenant may use it: the features its add-ons grant added, and their storage on top of the
     * plan's (unlimited stays unlimited).
     */
    static Plan withAddOns(Plan plan, List<AddOnRepository.Held> held) {
        if (held.isEmpty()) {
            return plan;
        }
        java.util.SortedSet<String> features = new java.util.TreeSet<>(plan.features());
        long storage = plan.storageMb() == null ? 0 : plan.storageMb();
        for (AddOnRepository.Held h : held) {
            if (h.addOn().feature() != null) {
                features.add(h.addOn().feature());
            }
            if (h.addOn().storageMb() != null) {
                storage += (long) h.addOn().storageMb() * h.quantity();
            }
        }
        Integer storageMb = plan.storageMb() == null ? null : (int) Math.min(Integer.MAX_VALUE, storage);
        return new Plan(plan.id(), plan.name(), plan.currency(), plan.monthlyPrice(), plan.yearlyPrice(),
                plan.includedOperators(), plan.includedConversations(), storageMb, plan.apiRatePerMinute(),
                List.copyOf(features), plan.trialDays(), plan.overageTiers(), plan.createdAt(), plan.updatedAt(),
                plan.widgetRatePerMinute(), plan.selfServe());
    }

    public boolean may(TenantId tenant, Feature feature) {
        return plan(tenant).includes(feature);
    }

    /** Throws 402 {@code PLAN_UPGRADE_REQUIRED} naming the feature when the tenant's plan lacks it. */
    public void require(TenantId tenant, Feature feature) {
        Plan plan = plan(tenant);
        if (!plan.includes(feature)) {
            throw upgradeRequired(feature.key(), plan, "The " + plan.name() + " plan does not include "
                    + feature.key() + "; upgrade to a plan that does to use it.");
        }
    }

    /** The plan's allowance; empty when unlimited. */
    public OptionalLong limit(TenantId tenant, Limit limit) {
        Integer allowance = plan(tenant).allowance(limit);
        return allowance == null ? OptionalLong.empty() : OptionalLong.of(allowance);
    }

    /** What is left of the allowance when {@code used} is taken (never negative); empty when unlimited. */
    public OptionalLong remaining(TenantId tenant, Limit limit, long used) {
        OptionalLong allowance = limit(tenant, limit);
        return allowance.isEmpty() ? allowance : OptionalLong.of(Math.max(0, allowance.getAsLong() - used));
    }

    /** Throws 402 {@code PLAN_UPGRADE_REQUIRED} naming the limit when {@code used} already fills the allowance. */
    public void requireRoom(TenantId tenant, Limit limit, long used) {
        Plan plan = plan(tenant);
        Integer allowance = plan.allowance(limit);
        if (allowance != null && used >= allowance) {
            String message = limit == Limit.OPERATORS
                    ? "The " + plan.name() + " plan includes " + (allowance == 1 ? "1 seat and it is" : allowance
                    + " seats and all are") + " taken (an open invitation holds a seat); upgrade the plan to add people."
                    : "The " + plan.name() + " plan's " + limit.key() + " allowance (" + allowance + ") is used up; "
                    + "upgrade the plan for more.";
            throw upgradeRequired(limit.key(), plan, message);
        }
    }

    private void evictHere(String payload) {
        if (ALL.equals(payload)) {
            cache.invalidateAll();
        } else {
            cache.invalidate(UUID.fromString(payload));
        }
    }

    private static ParleyException upgradeRequired(String feature, Plan plan, String message) {
        return new ParleyException(HttpStatus.PAYMENT_REQUIRED, "PLAN_UPGRADE_REQUIRED", message,
                Map.of("feature", feature, "plan", plan.id()));
    }
}
