package dev.parley.billing.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.parley.billing.AddOn;
import dev.parley.billing.BillingInterval;
import dev.parley.billing.CouponOffer;
import dev.parley.billing.Plan;
import dev.parley.billing.Plans;
import dev.parley.billing.Subscription;
import dev.parley.billing.SubscriptionStatus;
import dev.parley.billing.Subscriptions;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;

import org.springframework.stereotype.Component;

/** The subscription as the tenant admin's and the super-admin's screens show it, with what it could change to. */
@Component
class SubscriptionOverviews {

    record PlanOption(String id, String name, String currency, long monthlyPrice, long yearlyPrice,
                      Integer includedOperators, Integer includedConversations, Integer storageMb,
                      List<String> features, int trialDays, boolean current) {
    }

    record AddOnOption(String id, String name, String description, String currency, long monthlyPrice,
                       long yearlyPrice, String feature, Integer storageMb, int maxQuantity, int quantity) {
    }

    record CouponView(String code, String name, Integer percentOffBasisPoints, Long amountOff, String currency,
                      CouponOffer.Duration duration, Integer durationPeriods, Instant redeemedAt,
                      Instant firstPeriodStart) {
    }

    record PendingView(String planId, String planName, BillingInterval interval, Instant effectiveAt) {
    }

    /** Prices in minor units of {@code currency}; {@code price} is the plan's price per {@code interval}. */
    record Overview(String tenantId, String planId, String planName, String currency, long price,
                    BillingInterval interval, SubscriptionStatus status, Instant trialEnd,
                    Instant currentPeriodStart, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
                    Instant canceledAt, PendingView pendingChange, List<Subscriptions.ActiveAddOn> addOns,
                    CouponView coupon, List<PlanOption> plans, List<AddOnOption> availableAddOns) {
    }

    private final Subscriptions subscriptions;
    private final Plans plans;
    private final PlatformTransactions platform;

    SubscriptionOverviews(Subscriptions subscriptions, Plans plans, PlatformTransactions platform) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.platform = platform;
    }

    /** Read in one platform transaction (the parts join it), so the parts agree with each other. */
    Overview of(TenantId tenant) {
        return platform.call(() -> read(tenant));
    }

    private Overview read(TenantId tenant) {
        Subscription s = subscriptions.current(tenant);
        List<Plan> all = plans.list();
        Map<String, Plan> byId = all.stream().collect(Collectors.toMap(Plan::id, Function.identity()));
        Plan plan = byId.containsKey(s.planId()) ? byId.get(s.planId()) : plans.get(s.planId());
        List<Subscriptions.ActiveAddOn> held = subscriptions.addOns(tenant);
        Map<String, Integer> quantities = held.stream()
                .collect(Collectors.toMap(Subscriptions.ActiveAddOn::addOnId, Subscriptions.ActiveAddOn::quantity));
        PendingView pending = subscriptions.pendingChange(tenant)
                .map(p -> new PendingView(p.planId(), byId.containsKey(p.planId()) ? byId.get(p.planId()).name()
                        : p.planId(), p.interval(), p.effectiveAt()))
                .orElse(null);
        CouponView coupon = subscriptions.coupon(tenant)
                .map(c -> new CouponView(c.offer().code(), c.offer().name(), c.offer().percentOffBasisPoints(),
                        c.offer().amountOff(), c.offer().currency(), c.offer().duration(),
                        c.offer().durationPeriods(), c.redeemedAt(), c.firstPeriodStart()))
                .orElse(null);
        List<PlanOption> options = all.stream()
                .filter(p -> p.currency().equals(plan.currency()))
                .filter(p -> p.selfServe() || p.id().equals(s.planId()))
                .map(p -> new PlanOption(p.id(), p.name(), p.currency(), p.monthlyPrice(), p.yearlyPrice(),
                        p.includedOperators(), p.includedConversations(), p.storageMb(), p.features(),
                        p.trialDays(), p.id().equals(s.planId())))
                .toList();
        List<AddOnOption> addOns = subscriptions.catalogue().stream()
                .filter(a -> a.currency().equals(plan.currency()))
                .map(a -> option(a, quantities.getOrDefault(a.id(), 0)))
                .toList();
        return new Overview(tenant.value().toString(), s.planId(), plan.name(), plan.currency(),
                plan.price(s.interval()), s.interval(), s.status(), s.trialEnd(), s.currentPeriodStart(),
                s.currentPeriodEnd(), s.cancelAtPeriodEnd(), s.canceledAt(), pending, held, coupon, options, addOns);
    }

    private static AddOnOption option(AddOn a, int quantity) {
        return new AddOnOption(a.id(), a.name(), a.description(), a.currency(), a.monthlyPrice(), a.yearlyPrice(),
                a.feature(), a.storageMb(), a.maxQuantity(), quantity);
    }
}
