package dev.parley.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.parley.audit.AuditLog;
import dev.parley.billing.internal.AddOnRepository;
import dev.parley.billing.internal.CouponRepository;
import dev.parley.billing.internal.PendingInvoiceItems;
import dev.parley.billing.internal.PlanRepository;
import dev.parley.billing.internal.RevenueLedger;
import dev.parley.billing.internal.SubscriptionRepository;
import dev.parley.billing.invoice.BillingPeriod;
import dev.parley.billing.invoice.Coupon;
import dev.parley.billing.invoice.InvoiceLine;
import dev.parley.billing.invoice.LineKind;
import dev.parley.billing.invoice.Money;
import dev.parley.billing.invoice.Proration;
import dev.parley.identity.People;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.shared.usage.FeatureUsage;
import dev.parley.shared.usage.StoredBytes;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Each tenant's subscription: its plan, interval, status and current billing period, its add-ons and coupon. A
 * tenant gets one when it is provisioned (a trial of its plan's trial length, or active at once for a plan without a
 * trial). Every change locks the subscription row, records the MRR movement in the revenue ledger, publishes
 * {@link SubscriptionChanged} and writes the audit trail, all in one (platform) transaction.
 */
@Service
public class Subscriptions {

    private static final long MB = 1024L * 1024L;

    /** An add-on on the subscription: its price per the subscription's interval, per unit. */
    public record ActiveAddOn(String addOnId, String name, int quantity, long unitPrice, String currency) {
    }

    /** A period's end: the period that ended and the one that follows (CANCELED when the subscription ended). */
    public record RollOver(Subscription ended, Subscription next) {
    }

    /** A line a change puts on the next invoice, in minor units of {@code currency} (credits are negative). */
    public record ChangeLine(LineKind kind, String description, long amount, String currency) {
    }

    /** Why a downgrade is refused: the tenant uses more of {@code limit} than the lower plan allows. */
    public record Violation(String limit, long used, long allowed, String message) {
    }

    /**
     * What stops working after a downgrade without blocking it: a {@code feature} the lower plan lacks that the
     * tenant uses ({@code used} things, such as webhook endpoints).
     */
    public record Warning(String feature, long used, String message) {
    }

    /** When a plan change takes effect. */
    public enum Timing {
        /** At once: an upgrade (prorated), or any change during a trial (nothing to prorate). */
        NOW,
        /** At the current period's end: a downgrade. */
        AT_PERIOD_END
    }

    /**
     * What changing to {@code planId} at {@code interval} would do: when ({@code effectiveAt}), the invoice lines it
     * adds now and their sum {@code amountDue} (credits make it smaller, possibly negative), what blocks it (the
     * same violations a refused change answers) and what it warns of.
     */
    public record Preview(String planId, String planName, BillingInterval interval, boolean upgrade, Timing timing,
                          Instant effectiveAt, List<ChangeLine> lines, long amountDue, String currency,
                          List<Violation> blockers, List<Warning> warnings) {
    }

    /** A scheduled change: the plan and interval the subscription moves to at {@code effectiveAt}. */
    public record PendingChange(String planId, BillingInterval interval, Instant effectiveAt) {
    }

    /** The coupon on the subscription and the start of the period it first applies to. */
    public record AppliedCoupon(CouponOffer offer, Instant redeemedAt, Instant firstPeriodStart) {
    }

    private final SubscriptionRepository subscriptions;
    private final PlanRepository plans;
    private final RevenueLedger ledger;
    private final PendingInvoiceItems items;
    private final AddOnRepository addOns;
    private final CouponRepository coupons;
    private final People people;
    private final List<StoredBytes> stores;
    private final List<FeatureUsage> featureUsage;
    private final AuditLog audit;
    private final ClusterBus bus;
    private final PlatformTransactions platform;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Subscriptions(SubscriptionRepository subscriptions, PlanRepository plans, RevenueLedger ledger,
                  PendingInvoiceItems items, AddOnRepository addOns, CouponRepository coupons, People people,
                  List<StoredBytes> stores, List<FeatureUsage> featureUsage, AuditLog audit, ClusterBus bus, PlatformTransactions platform, ApplicationEventPublisher events,
                  Clock clock) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.ledger = ledger;
        this.items = items;
        this.addOns = addOns;
        this.coupons = coupons;
        this.people = people;
        this.stores = List.copyOf(stores);
        this.featureUsage = List.copyOf(featureUsage);
        this.audit = audit;
        this.bus = bus;
        this.platform = platform;
        this.events = events;
        this.clock = clock;
    }

    /** The tenant's subscription; 404 {@code SUBSCRIPTION_NOT_FOUND} for a tenant without one. */
    public Subscription current(TenantId tenant) {
        return find(tenant).orElseThrow(Subscriptions::notFound);
    }

    public Optional<Subscription> find(TenantId tenant) {
        return read(tenant, () -> subscriptions.find(tenant.value()));
    }

    /** The add-ons on the tenant's subscription, priced per its interval. */
    public List<ActiveAddOn> addOns(TenantId tenant) {
        return read(tenant, () -> {
            BillingInterval interval = subscriptions.find(tenant.value()).map(Subscription::interval)
                    .orElse(BillingInterval.MONTHLY);
            return addOns.heldBy(tenant.value()).stream()
                    .map(h -> new ActiveAddOn(h.addOn().id(), h.addOn().name(), h.quantity(),
                            h.addOn().price(interval), h.addOn().currency()))
                    .toList();
        });
    }

    /**
     * The coupons that apply to the period starting at {@code periodStart} (the period whose recurring charges an
     * invoice bills), each already checked with {@link Coupon#appliesToPeriod}: period 0 of a coupon is the period
     * after the one it was redeemed in, the first one not yet invoiced.
     */
    public List<Coupon> couponsFor(TenantId tenant, Instant periodStart) {
        return read(tenant, () -> {
            Optional<Subscription> s = subscriptions.find(tenant.value());
            if (s.isEmpty()) {
                return List.<Coupon>of();
            }
            Instant anchor = subscriptions.anchor(tenant.value()).orElse(s.get().currentPeriodStart());
            return coupons.redemptions(tenant.value()).stream()
                    .filter(r -> appliesTo(r, anchor, s.get().interval(), periodStart))
                    .map(r -> r.offer().coupon())
                    .toList();
        });
    }

    /** The tenant's coupon in effect for its next period (or the one after, when redeemed during a trial). */
    public Optional<AppliedCoupon> coupon(TenantId tenant) {
        return read(tenant, () -> {
            Subscription s = subscriptions.find(tenant.value()).orElseThrow(Subscriptions::notFound);
            return activeCoupon(s).map(r -> new AppliedCoupon(r.offer(), r.redeemedAt(), r.firstPeriodStart()));
        });
    }

    /** The downgrade or interval change waiting for the period's end, if any. */
    public Optional<PendingChange> pendingChange(TenantId tenant) {
        return read(tenant, () -> {
            Subscription s = subscriptions.find(tenant.value()).orElseThrow(Subscriptions::notFound);
            if (s.pendingPlanId() == null) {
                return Optional.<PendingChange>empty();
            }
            BillingInterval interval = subscriptions.pendingInterval(tenant.value()).orElse(s.interval());
            return Optional.of(new PendingChange(s.pendingPlanId(), interval, s.currentPeriodEnd()));
        });
    }

    /** Every add-on the platform sells, cheapest first. */
    public List<AddOn> catalogue() {
        return platform.call(addOns::all);
    }

    // ---------------------------------------------------------------------------------------------------- changes

    /** What changing to the plan and interval would cost now, or when it would take effect; changes nothing. */
    public Preview preview(TenantId tenant, String planId, BillingInterval interval) {
        return platform.call(() -> {
            Subscription s = subscriptions.find(tenant.value()).orElseThrow(Subscriptions::notFound);
            return assess(tenant, s, offered(s, planId), interval == null ? s.interval() : interval,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS)).preview();
        });
    }

    /**
     * Moves the subscription to the plan and interval: an upgrade (a higher monthly recurring price) at once, with
     * the unused rest of the old plan credited and the rest of the period on the new one charged on the next invoice;
     * a downgrade at the period's end, refused with 409 {@code DOWNGRADE_BLOCKED} while the tenant uses more than the
     * lower plan allows. During a trial any change applies at once and nothing is prorated.
     */
    public Preview changePlan(TenantId tenant, String planId, BillingInterval interval) {
        return platform.call(() -> {
            Subscription s = lock(tenant);
            requireOpen(s);
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Plan to = offered(s, planId);
            Assessment a = assess(tenant, s, to, interval == null ? s.interval() : interval, now);
            if (!a.blockers.isEmpty()) {
                throw new ParleyException(HttpStatus.CONFLICT, "DOWNGRADE_BLOCKED", "The " + to.name()
                        + " plan does not fit what you use: " + String.join(" ", a.blockers.stream()
                        .map(Violation::message).toList()), Map.of("violations", a.blockers,
                        "limits", a.blockers.stream().map(Violation::limit).toList()));
            }
            if (a.timing == Timing.AT_PERIOD_END) {
                Subscription scheduled = with(s, s.planId(), s.interval(), s.status(), s.cancelAtPeriodEnd(),
                        to.id(), now);
                subscriptions.update(scheduled);
                subscriptions.setPendingInterval(tenant.value(), a.interval);
            } else {
                applyNow(tenant, s, a, now);
            }
            Map<String, Object> details = details(s);
            details.put("toPlan", to.id());
            details.put("toInterval", a.interval.name());
            details.put("timing", a.timing.name());
            details.put("amountDue", a.preview().amountDue());
            audit.record(tenant, "subscription.plan_changed", "subscription", tenant.value(), details);
            events.publishEvent(new SubscriptionChanged(tenant, s.planId(),
                    a.timing == Timing.NOW ? to.id() : s.planId(), s.status(), s.status(),
                    a.timing == Timing.NOW && !s.trialing() && !a.lines.isEmpty()));
            return a.preview();
        });
    }

    private void applyNow(TenantId tenant, Subscription s, Assessment a, Instant now) {
        long mrrBefore = mrr(s.tenantId(), s.status(), s.planId(), s.interval());
        Subscription next;
        if (s.trialing() || a.interval == s.interval()) {
            next = with(s, a.to.id(), a.interval, s.status(), s.cancelAtPeriodEnd(), null, now);
        } else {
            // A paid change of interval starts a new period from now, on the new interval.
            Instant end = BillingCycle.endOfPeriod(now, a.interval, 1);
            next = new Subscription(s.tenantId(), a.to.id(), a.interval, s.status(), s.trialEnd(), now, end,
                    s.cancelAtPeriodEnd(), null, s.canceledAt(), s.createdAt(), now);
            subscriptions.reanchor(s.tenantId(), now);
        }
        subscriptions.update(next);
        plans.assign(s.tenantId(), a.to.id(), now);
        for (Item item : a.items) {
            items.add(s.tenantId(), item.line, item.start, item.end, now);
        }
        long mrrAfter = mrr(s.tenantId(), next.status(), next.planId(), next.interval());
        if (mrrAfter != mrrBefore) {
            ledger.record(s.tenantId(), clock.instant(), mrrAfter > mrrBefore ? RevenueLedger.Kind.EXPANSION
                    : RevenueLedger.Kind.CONTRACTION, a.to.id(), a.interval, a.to.currency(), mrrBefore, mrrAfter);
        }
        evict(tenant);
    }

    /** Ends the subscription at the current period's end (a trial at the trial's end). */
    public Subscription cancel(TenantId tenant) {
        return platform.call(() -> {
            Subscription s = lock(tenant);
            requireOpen(s);
            Instant now = clock.instant();
            Subscription changed = with(s, s.planId(), s.interval(), s.status(), true, s.pendingPlanId(), now);
            subscriptions.update(changed);
            audit.record(tenant, "subscription.cancel_scheduled", "subscription", tenant.value(), details(s));
            events.publishEvent(new SubscriptionChanged(tenant, s.planId(), s.planId(), s.status(), s.status(),
                    false));
            return changed;
        });
    }

    /** Takes back a cancellation or a downgrade waiting for the period's end. */
    public Subscription resume(TenantId tenant) {
        return platform.call(() -> {
            Subscription s = lock(tenant);
            requireOpen(s);
            if (!s.cancelAtPeriodEnd() && s.pendingPlanId() == null) {
                return s;
            }
            Subscription changed = with(s, s.planId(), s.interval(), s.status(), false, null, clock.instant());
            subscriptions.update(changed);
            Map<String, Object> details = details(s);
            details.put("resumedCancel", s.cancelAtPeriodEnd());
            details.put("droppedPlan", s.pendingPlanId());
            audit.record(tenant, "subscription.resumed", "subscription", tenant.value(), details);
            events.publishEvent(new SubscriptionChanged(tenant, s.planId(), s.planId(), s.status(), s.status(),
                    false));
            return changed;
        });
    }

    /** Ends the subscription now (dunning gave up, or the super-admin): CHURN in the ledger, status CANCELED. */
    public Subscription cancelNow(TenantId tenant, String reason) {
        return platform.call(() -> {
            Subscription s = lock(tenant);
            if (s.status() == SubscriptionStatus.CANCELED) {
                return s;
            }
            Subscription canceled = endNow(tenant, s, clock.instant());
            Map<String, Object> details = details(s);
            details.put("reason", reason);
            audit.record(tenant, "subscription.canceled", "subscription", tenant.value(), details);
            return canceled;
        });
    }

    private Subscription endNow(TenantId tenant, Subscription s, Instant now) {
        long mrrBefore = mrr(s.tenantId(), s.status(), s.planId(), s.interval());
        Subscription canceled = new Subscription(s.tenantId(), s.planId(), s.interval(), SubscriptionStatus.CANCELED,
                s.trialEnd(), s.currentPeriodStart(), s.currentPeriodEnd(), false, null, now, s.createdAt(), now);
        subscriptions.update(canceled);
        ledger.record(s.tenantId(), clock.instant(), s.trialing() ? RevenueLedger.Kind.TRIAL_EXPIRED
                        : RevenueLedger.Kind.CHURN,
                s.planId(), s.interval(), plan(s.planId()).currency(), mrrBefore, 0);
        events.publishEvent(new SubscriptionChanged(tenant, s.planId(), s.planId(), s.status(),
                SubscriptionStatus.CANCELED, false));
        return canceled;
    }

    /**
     * Starts a canceled subscription again on the plan and interval: a new period from now, its price (with the
     * add-ons it still holds) pending for the next invoice, REACTIVATION in the ledger.
     */
    public Subscription reactivate(TenantId tenant, String planId, BillingInterval interval) {
        return platform.call(() -> {
            Subscription s = lock(tenant);
            if (s.status() != SubscriptionStatus.CANCELED) {
                throw ParleyException.conflict("SUBSCRIPTION_NOT_CANCELED",
                        "The subscription is running; only a canceled subscription can be reactivated.");
            }
            Plan plan = offered(s, planId == null ? s.planId() : planId);
            BillingInterval on = interval == null ? s.interval() : interval;
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Subscription active = restart(s, plan, on, now);
            Instant end = active.currentPeriodEnd();
            chargeInAdvance(s.tenantId(), plan, on, now, end);
            ledger.record(s.tenantId(), clock.instant(), RevenueLedger.Kind.REACTIVATION, plan.id(), on, plan.currency(), 0,
                    mrr(s.tenantId(), SubscriptionStatus.ACTIVE, plan.id(), on));
            Map<String, Object> details = details(s);
            details.put("toPlan", plan.id());
            details.put("toInterval", on.name());
            audit.record(tenant, "subscription.reactivated", "subscription", tenant.value(), details);
            events.publishEvent(new SubscriptionChanged(tenant, s.planId(), plan.id(), SubscriptionStatus.CANCELED,
                    SubscriptionStatus.ACTIVE, true));
            return active;
        });
    }

    /**
     * A paid period that starts outside the roll-over (a reactivation, a trial ended by the super-admin) is charged in
     * advance like every later one: its base price and add-ons wait for the next invoice as items.
     */
    private void chargeInAdvance(java.util.UUID tenant, Plan plan, BillingInterval on, Instant now, Instant end) {
        items.add(tenant, new InvoiceLine(LineKind.BASE, plan.name() + " (" + label(on) + ")",
                Money.of(plan.price(on), plan.currency())), now, end, now);
        for (AddOnRepository.Held held : sameCurrency(tenant, plan.currency())) {
            items.add(tenant, new InvoiceLine(LineKind.ADD_ON, held.addOn().name() + " × " + held.quantity()
                    + " (" + label(on) + ")", Money.of(held.addOn().price(on) * held.quantity(),
                    plan.currency())), now, end, now);
        }
    }

    private Subscription restart(Subscription s, Plan plan, BillingInterval interval, Instant now) {
        Subscription active = new Subscription(s.tenantId(), plan.id(), interval, SubscriptionStatus.ACTIVE,
                s.trialEnd(), now, BillingCycle.endOfPeriod(now, interval, 1), false, null, null, s.createdAt(), now);
        subscriptions.update(active);
        subscriptions.reanchor(s.tenantId(), now);
        plans.assign(s.tenantId(), plan.id(), now);
        evict(TenantId.of(s.tenantId()));
        return active;
    }

    /**
     * The super-admin sets the plan, status and trial end directly: nothing is prorated or invoiced, the ledger
     * records the MRR the tenant now pays, and the change is on the platform's and the tenant's audit trail.
     * {@code status} null keeps the status; TRIALING needs {@code trialEnd} in the future (the trial then ends there).
     */
    public Subscription override(TenantId tenant, String planId, SubscriptionStatus status, Instant trialEnd) {
        return platform.call(() -> {
            Subscription s = lock(tenant);
            Plan plan = planId == null ? plan(s.planId()) : plans.find(planId).orElseThrow(
                    () -> ParleyException.invalidField("planId", "no plan has the id '" + planId + "'"));
            SubscriptionStatus to = status == null ? s.status() : status;
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            boolean newTrial = to == SubscriptionStatus.TRIALING && (trialEnd != null || !s.trialing());
            if (newTrial && (trialEnd == null || !trialEnd.isAfter(now))) {
                throw ParleyException.invalidField("trialEnd", "a trial needs an end in the future");
            }
            long mrrBefore = mrr(s.tenantId(), s.status(), s.planId(), s.interval());
            Subscription next;
            if (to == SubscriptionStatus.CANCELED) {
                next = s.status() == SubscriptionStatus.CANCELED ? s : endNow(tenant, s, now);
                if (!plan.id().equals(s.planId())) {
                    subscriptions.update(with(next, plan.id(), next.interval(), next.status(), false, null, now));
                    plans.assign(s.tenantId(), plan.id(), now);
                }
            } else if (newTrial) {
                next = new Subscription(s.tenantId(), plan.id(), s.interval(), to, trialEnd, now, trialEnd, false,
                        null, null, s.createdAt(), now);
                subscriptions.update(next);
                subscriptions.reanchor(s.tenantId(), trialEnd);
            } else if (s.status() == SubscriptionStatus.CANCELED || s.trialing() && to != SubscriptionStatus.TRIALING) {
                // Paid from now: a new period starts.
                next = new Subscription(s.tenantId(), plan.id(), s.interval(), to, s.trialEnd(), now,
                        BillingCycle.endOfPeriod(now, s.interval(), 1), false, null, null, s.createdAt(), now);
                subscriptions.update(next);
                subscriptions.reanchor(s.tenantId(), now);
                chargeInAdvance(s.tenantId(), plan, s.interval(), now, next.currentPeriodEnd());
            } else {
                next = new Subscription(s.tenantId(), plan.id(), s.interval(), to, s.trialEnd(),
                        s.currentPeriodStart(), s.currentPeriodEnd(), s.cancelAtPeriodEnd(), null, s.canceledAt(),
                        s.createdAt(), now);
                subscriptions.update(next);
            }
            if (!plan.id().equals(s.planId()) && to != SubscriptionStatus.CANCELED) {
                plans.assign(s.tenantId(), plan.id(), now);
            }
            if (to != SubscriptionStatus.CANCELED) {
                long mrrAfter = mrr(s.tenantId(), to, plan.id(), s.interval());
                RevenueLedger.Kind kind = s.status() == SubscriptionStatus.CANCELED ? RevenueLedger.Kind.REACTIVATION
                        : s.trialing() && to != SubscriptionStatus.TRIALING ? RevenueLedger.Kind.NEW
                        : !s.trialing() && to == SubscriptionStatus.TRIALING ? RevenueLedger.Kind.TRIAL_STARTED
                        : mrrAfter > mrrBefore ? RevenueLedger.Kind.EXPANSION : RevenueLedger.Kind.CONTRACTION;
                boolean moved = mrrAfter != mrrBefore || kind == RevenueLedger.Kind.NEW
                        || kind == RevenueLedger.Kind.REACTIVATION || kind == RevenueLedger.Kind.TRIAL_STARTED;
                if (moved) {
                    ledger.record(s.tenantId(), clock.instant(), kind, plan.id(), s.interval(), plan.currency(),
                            kind == RevenueLedger.Kind.TRIAL_STARTED || kind == RevenueLedger.Kind.REACTIVATION
                                    ? 0 : mrrBefore, mrrAfter);
                }
                events.publishEvent(new SubscriptionChanged(tenant, s.planId(), plan.id(), s.status(), to, false));
            }
            Map<String, Object> details = details(s);
            details.put("toPlan", plan.id());
            details.put("toStatus", to.name());
            details.put("trialEnd", trialEnd == null ? null : trialEnd.toString());
            audit.recordPlatform("subscription.overridden", tenant, "subscription", tenant.value(), details);
            audit.record(tenant, "subscription.overridden", "subscription", tenant.value(), details);
            evict(tenant);
            return subscriptions.find(tenant.value()).orElseThrow();
        });
    }

    // ---------------------------------------------------------------------------------------------------- add-ons

    /**
     * Sets the add-on's units on the subscription (adding it, or changing how many): the rest of the period is
     * charged for the extra units (or credited for fewer), except during a trial.
     */
    public List<ActiveAddOn> addAddOn(TenantId tenant, String addOnId, int quantity) {
        platform.run(() -> {
            Subscription s = lock(tenant);
            requireOpen(s);
            AddOn addOn = addOns.find(addOnId).orElseThrow(Subscriptions::addOnNotFound);
            if (quantity < 1 || quantity > addOn.maxQuantity()) {
                throw ParleyException.invalidField("quantity", "must be between 1 and " + addOn.maxQuantity());
            }
            Plan plan = plan(s.planId());
            if (!addOn.currency().equals(plan.currency())) {
                throw ParleyException.conflict("ADD_ON_CURRENCY_MISMATCH", addOn.name() + " is priced in "
                        + addOn.currency() + " and the plan in " + plan.currency() + ".");
            }
            int before = held(s.tenantId(), addOnId);
            if (before == quantity) {
                return;
            }
            changeAddOn(tenant, s, plan, addOn, before, quantity);
        });
        return addOns(tenant);
    }

    /** Takes the add-on off the subscription; the unused rest of the period is credited (not during a trial). */
    public List<ActiveAddOn> removeAddOn(TenantId tenant, String addOnId) {
        platform.run(() -> {
            Subscription s = lock(tenant);
            AddOn addOn = addOns.find(addOnId).orElseThrow(Subscriptions::addOnNotFound);
            int before = held(s.tenantId(), addOnId);
            if (before == 0) {
                throw ParleyException.notFound("ADD_ON_NOT_FOUND", "The subscription does not have " + addOn.name()
                        + ".");
            }
            changeAddOn(tenant, s, plan(s.planId()), addOn, before, 0);
        });
        return addOns(tenant);
    }

    private void changeAddOn(TenantId tenant, Subscription s, Plan plan, AddOn addOn, int before, int after) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        long mrrBefore = mrr(s.tenantId(), s.status(), s.planId(), s.interval());
        if (after == 0) {
            addOns.release(s.tenantId(), addOn.id());
        } else {
            addOns.hold(s.tenantId(), addOn.id(), after, now);
        }
        boolean charged = false;
        if (!s.trialing() && s.status() != SubscriptionStatus.CANCELED) {
            Proration p = Proration.of(
                    new Proration.PricedItem(addOn.name() + " × " + before,
                            Money.of(addOn.price(s.interval()) * before, addOn.currency())),
                    new Proration.PricedItem(addOn.name() + " × " + after,
                            Money.of(addOn.price(s.interval()) * after, addOn.currency())),
                    s.currentPeriod(), now);
            for (InvoiceLine line : p.lines()) {
                if (!line.amount().isZero()) {
                    items.add(s.tenantId(), line, now, s.currentPeriodEnd(), now);
                }
            }
            charged = p.net().isPositive();
            long mrrAfter = mrr(s.tenantId(), s.status(), s.planId(), s.interval());
            if (mrrAfter != mrrBefore) {
                ledger.record(s.tenantId(), clock.instant(), mrrAfter > mrrBefore ? RevenueLedger.Kind.EXPANSION
                        : RevenueLedger.Kind.CONTRACTION, s.planId(), s.interval(), plan.currency(), mrrBefore,
                        mrrAfter);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("addOn", addOn.id());
        details.put("from", before);
        details.put("to", after);
        audit.record(tenant, after == 0 ? "subscription.add_on_removed" : "subscription.add_on_set",
                "subscription", tenant.value(), details);
        events.publishEvent(new SubscriptionChanged(tenant, s.planId(), s.planId(), s.status(), s.status(), charged));
        evict(tenant);
    }

    private int held(java.util.UUID tenant, String addOnId) {
        return addOns.heldBy(tenant).stream().filter(h -> h.addOn().id().equals(addOnId))
                .mapToInt(AddOnRepository.Held::quantity).findFirst().orElse(0);
    }

    // ---------------------------------------------------------------------------------------------------- coupons

    /**
     * Redeems a coupon for the subscription, from its next period: 404 {@code COUPON_NOT_FOUND}, 409
     * {@code COUPON_EXPIRED}, {@code COUPON_EXHAUSTED} (its redemptions are used up; counted atomically, so two
     * tenants cannot both take the last one), {@code COUPON_ALREADY_APPLIED} (this or another coupon is in effect).
     */
    public AppliedCoupon applyCoupon(TenantId tenant, String rawCode) {
        String code = rawCode == null ? "" : rawCode.trim().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z0-9][A-Z0-9_-]{1,39}")) {
            throw ParleyException.invalidField("code", "must be 2-40 letters, digits, '-' or '_'");
        }
        return platform.call(() -> {
            Subscription s = lock(tenant);
            requireOpen(s);
            Instant now = clock.instant();
            CouponOffer offer = coupons.find(code).orElseThrow(() -> ParleyException.notFound("COUPON_NOT_FOUND",
                    "No coupon has the code " + code + "."));
            List<CouponRepository.Redemption> redeemed = coupons.redemptions(s.tenantId());
            if (redeemed.stream().anyMatch(r -> r.offer().code().equals(code))) {
                throw ParleyException.conflict("COUPON_ALREADY_APPLIED", "The coupon " + code
                        + " has already been applied to this subscription.");
            }
            activeCoupon(s).ifPresent(r -> {
                throw ParleyException.conflict("COUPON_ALREADY_APPLIED", "The coupon " + r.offer().code()
                        + " is in effect; one coupon applies at a time.");
            });
            if (offer.expiredAt(now)) {
                throw couponExpired(offer);
            }
            Plan plan = plan(s.planId());
            if (offer.currency() != null && !offer.currency().equals(plan.currency())) {
                throw ParleyException.conflict("COUPON_CURRENCY_MISMATCH", "The coupon " + code + " takes off "
                        + offer.currency() + " and the subscription is billed in " + plan.currency() + ".");
            }
            if (!coupons.countRedemption(code, now)) {
                CouponOffer again = coupons.find(code).orElseThrow();
                throw again.expiredAt(now) ? couponExpired(again) : ParleyException.conflict("COUPON_EXHAUSTED",
                        "The coupon " + code + " has been redeemed as often as it may be.");
            }
            Instant first = s.currentPeriodEnd();
            coupons.redeem(s.tenantId(), code, now, first);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("coupon", code);
            details.put("firstPeriodStart", first.toString());
            audit.record(tenant, "subscription.coupon_applied", "subscription", tenant.value(), details);
            events.publishEvent(new SubscriptionChanged(tenant, s.planId(), s.planId(), s.status(), s.status(),
                    false));
            return new AppliedCoupon(coupons.find(code).orElseThrow(), now, first);
        });
    }

    /** The redemption that applies to the next period not yet invoiced (the one after the current). */
    private Optional<CouponRepository.Redemption> activeCoupon(Subscription s) {
        Instant anchor = subscriptions.anchor(s.tenantId()).orElse(s.currentPeriodStart());
        return coupons.redemptions(s.tenantId()).stream()
                .filter(r -> !r.firstPeriodStart().isBefore(s.currentPeriodEnd())
                        || appliesTo(r, anchor, s.interval(), s.currentPeriodEnd()))
                .findFirst();
    }

    private static boolean appliesTo(CouponRepository.Redemption r, Instant anchor, BillingInterval interval,
                                     Instant periodStart) {
        long index = BillingCycle.periodsBetween(anchor, interval, r.firstPeriodStart(), periodStart);
        return index >= 0 && index <= Integer.MAX_VALUE && r.offer().coupon().appliesToPeriod((int) index);
    }

    // ---------------------------------------------------------------------------------------------------- periods

    /**
     * Ends the current period if it is over at {@code now} (empty otherwise): a trial converts to active, a pending
     * downgrade (plan and interval) takes effect, a cancellation at the period's end cancels. Call inside a platform
     * transaction; the billing cycle invoices the result in the same transaction.
     */
    public Optional<RollOver> rollOver(TenantId tenant, Instant now) {
        Subscription s = subscriptions.lock(tenant.value()).orElseThrow(Subscriptions::notFound);
        if (s.status() == SubscriptionStatus.CANCELED || s.currentPeriodEnd().isAfter(now)) {
            return Optional.empty();
        }
        Instant start = s.currentPeriodEnd();
        Plan before = plan(s.planId());
        long mrrBefore = mrr(s.tenantId(), s.status(), s.planId(), s.interval());
        if (s.cancelAtPeriodEnd()) {
            Subscription canceled = new Subscription(s.tenantId(), s.planId(), s.interval(),
                    SubscriptionStatus.CANCELED, s.trialEnd(), s.currentPeriodStart(), s.currentPeriodEnd(), false,
                    null, now, s.createdAt(), now);
            subscriptions.update(canceled);
            ledger.record(s.tenantId(), start, s.trialing() ? RevenueLedger.Kind.TRIAL_EXPIRED
                    : RevenueLedger.Kind.CHURN, s.planId(), s.interval(), before.currency(), mrrBefore, 0);
            events.publishEvent(new SubscriptionChanged(tenant, s.planId(), s.planId(), s.status(),
                    SubscriptionStatus.CANCELED, false));
            return Optional.of(new RollOver(s, canceled));
        }
        String planId = s.pendingPlanId() == null ? s.planId() : s.pendingPlanId();
        BillingInterval interval = s.pendingPlanId() == null ? s.interval()
                : subscriptions.pendingInterval(tenant.value()).orElse(s.interval());
        Plan after = plan(planId);
        Instant anchor = subscriptions.anchor(tenant.value()).orElse(s.currentPeriodStart());
        if (interval != s.interval()) {
            // A new interval counts its periods from this boundary.
            anchor = start;
            subscriptions.reanchor(s.tenantId(), start);
        }
        Instant end = BillingCycle.nextPeriodEnd(anchor, start, interval);
        SubscriptionStatus status = s.trialing() ? SubscriptionStatus.ACTIVE : s.status();
        Subscription next = new Subscription(s.tenantId(), planId, interval, status, s.trialEnd(), start, end,
                false, null, null, s.createdAt(), now);
        subscriptions.update(next);
        if (!planId.equals(s.planId())) {
            plans.assign(s.tenantId(), planId, now);
            evict(tenant);
        }
        long mrrAfter = mrr(s.tenantId(), status, planId, interval);
        if (s.trialing()) {
            ledger.record(s.tenantId(), start, RevenueLedger.Kind.NEW, planId, interval, after.currency(), 0,
                    mrrAfter);
        } else if (mrrAfter != mrrBefore) {
            ledger.record(s.tenantId(), start, mrrAfter > mrrBefore ? RevenueLedger.Kind.EXPANSION
                    : RevenueLedger.Kind.CONTRACTION, planId, interval, after.currency(), mrrBefore, mrrAfter);
        }
        if (!planId.equals(s.planId()) || status != s.status() || interval != s.interval()) {
            events.publishEvent(new SubscriptionChanged(tenant, s.planId(), planId, s.status(), status, false));
        }
        return Optional.of(new RollOver(s, next));
    }

    /** Dunning: an invoice is overdue. */
    public Subscription markPastDue(TenantId tenant) {
        return setStatus(tenant, SubscriptionStatus.PAST_DUE);
    }

    /** The overdue invoices are paid: back to active. */
    public Subscription markActive(TenantId tenant) {
        return setStatus(tenant, SubscriptionStatus.ACTIVE);
    }

    private Subscription setStatus(TenantId tenant, SubscriptionStatus status) {
        return platform.call(() -> {
            Subscription s = subscriptions.lock(tenant.value()).orElseThrow(Subscriptions::notFound);
            if (s.status() == status || s.status() == SubscriptionStatus.CANCELED) {
                return s;
            }
            Subscription changed = new Subscription(s.tenantId(), s.planId(), s.interval(), status, s.trialEnd(),
                    s.currentPeriodStart(), s.currentPeriodEnd(), s.cancelAtPeriodEnd(), s.pendingPlanId(),
                    s.canceledAt(), s.createdAt(), clock.instant());
            subscriptions.update(changed);
            events.publishEvent(new SubscriptionChanged(tenant, s.planId(), s.planId(), s.status(), status, false));
            return changed;
        });
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** A line to add and the time it covers. */
    private record Item(InvoiceLine line, Instant start, Instant end) {
    }

    /** A plan change worked out: its timing, the lines it adds, what blocks it. */
    private record Assessment(Subscription from, Plan to, BillingInterval interval, boolean upgrade, Timing timing,
                              Instant effectiveAt, List<Item> items, List<InvoiceLine> lines,
                              List<Violation> blockers, List<Warning> warnings) {

        Preview preview() {
            long due = lines.stream().mapToLong(l -> l.amount().minorUnits()).sum();
            return new Preview(to.id(), to.name(), interval, upgrade, timing, effectiveAt,
                    lines.stream().map(l -> new ChangeLine(l.kind(), l.description(), l.amount().minorUnits(),
                            l.amount().currency().getCurrencyCode())).toList(), due, to.currency(), blockers, warnings);
        }
    }

    private Assessment assess(TenantId tenant, Subscription s, Plan to, BillingInterval interval, Instant now) {
        if (s.status() == SubscriptionStatus.CANCELED) {
            throw canceled();
        }
        if (to.id().equals(s.planId()) && interval == s.interval()) {
            throw ParleyException.conflict("PLAN_UNCHANGED", "The subscription is already on " + to.name() + ", "
                    + label(interval) + ".");
        }
        Plan from = plan(s.planId());
        if (!from.currency().equals(to.currency())) {
            throw ParleyException.conflict("PLAN_CURRENCY_MISMATCH", "The " + to.name() + " plan is priced in "
                    + to.currency() + " and the subscription in " + from.currency() + ".");
        }
        boolean upgrade = to.monthlyRecurring(interval) > from.monthlyRecurring(s.interval());
        List<Violation> blockers = upgrade ? List.of() : blockers(tenant, to);
        List<Warning> warnings = upgrade ? List.of() : warnings(tenant, to);
        if (s.trialing()) {
            return new Assessment(s, to, interval, upgrade, Timing.NOW, now, List.of(), List.of(), blockers,
                    warnings);
        }
        if (!upgrade) {
            return new Assessment(s, to, interval, false, Timing.AT_PERIOD_END, s.currentPeriodEnd(), List.of(),
                    List.of(), blockers, warnings);
        }
        List<Item> added = new ArrayList<>();
        Proration.PricedItem old = new Proration.PricedItem(from.name() + " (" + label(s.interval()) + ")",
                Money.of(from.price(s.interval()), from.currency()));
        Proration.PricedItem next = new Proration.PricedItem(to.name() + " (" + label(interval) + ")",
                Money.of(to.price(interval), to.currency()));
        if (interval == s.interval()) {
            Proration p = Proration.of(old, next, s.currentPeriod(), now);
            added.add(new Item(p.credit(), now, s.currentPeriodEnd()));
            added.add(new Item(p.charge(), now, s.currentPeriodEnd()));
        } else {
            Proration p = Proration.of(old, new Proration.PricedItem(next.name(), Money.zero(next.price().currency())),
                    s.currentPeriod(), now);
            Instant end = BillingCycle.endOfPeriod(now, interval, 1);
            added.add(new Item(p.credit(), now, s.currentPeriodEnd()));
            added.add(new Item(new InvoiceLine(LineKind.BASE, next.name(), next.price()), now, end));
            // Add-ons move to the new interval with the plan: the rest of their period is credited, a new one charged.
            for (AddOnRepository.Held held : sameCurrency(s.tenantId(), from.currency())) {
                Proration a = Proration.of(new Proration.PricedItem(held.addOn().name() + " × " + held.quantity(),
                                Money.of(held.addOn().price(s.interval()) * held.quantity(), from.currency())),
                        new Proration.PricedItem(held.addOn().name(), Money.zero(next.price().currency())),
                        s.currentPeriod(), now);
                added.add(new Item(a.credit(), now, s.currentPeriodEnd()));
                added.add(new Item(new InvoiceLine(LineKind.ADD_ON, held.addOn().name() + " × " + held.quantity()
                        + " (" + label(interval) + ")", Money.of(held.addOn().price(interval) * held.quantity(),
                        to.currency())), now, end));
            }
        }
        List<Item> nonZero = added.stream().filter(i -> !i.line.amount().isZero()).toList();
        return new Assessment(s, to, interval, true, Timing.NOW, now, nonZero,
                nonZero.stream().map(Item::line).toList(), blockers, List.of());
    }

    /**
     * What the tenant uses beyond the plan's allowances: seats, and storage (bytes every module stores against the
     * plan's storage plus the storage add-ons the tenant keeps). Conversations are not counted: overage is billed.
     */
    private List<Violation> blockers(TenantId tenant, Plan to) {
        List<Violation> violations = new ArrayList<>();
        Integer seats = to.includedOperators();
        if (seats != null) {
            long taken = people.seatsTaken(tenant);
            if (taken > seats) {
                long remove = taken - seats;
                violations.add(new Violation("seats", taken, seats, "The " + to.name() + " plan includes " + seats
                        + (seats == 1 ? " seat" : " seats") + " and " + taken + " are taken (active members and open "
                        + "invitations); remove " + remove + (remove == 1 ? " member or pending invitation"
                        : " members or pending invitations") + " (deactivate members or revoke invitations) first."));
            }
        }
        if (to.storageMb() != null) {
            long allowed = storageMb(tenant, to) * MB;
            long stored = stores.stream().mapToLong(store -> store.storedBytes(tenant)).sum();
            if (stored > allowed) {
                violations.add(new Violation("storage", stored, allowed, "The " + to.name() + " plan includes "
                        + megabytes(allowed) + " of storage and " + megabytes(stored) + " are stored; free "
                        + megabytes(stored - allowed) + " of storage (files and logo) or add file-storage units "
                        + "first."));
            }
        }
        return violations;
    }

    /** The plan's storage and the storage add-ons the tenant holds (they stay through a downgrade), in MB. */
    private long storageMb(TenantId tenant, Plan to) {
        long storage = to.storageMb();
        for (AddOnRepository.Held held : addOns.heldBy(tenant.value())) {
            if (held.addOn().storageMb() != null) {
                storage += (long) held.addOn().storageMb() * held.quantity();
            }
        }
        return storage;
    }

    /** Whole megabytes, rounded up, so "free 1 MB" is never "free 0 MB". */
    private static String megabytes(long bytes) {
        return ((bytes + MB - 1) / MB) + " MB";
    }

    /**
     * Features the tenant uses that the plan (with the add-ons the tenant keeps) lacks: they do not block a
     * downgrade; the preview says what stops working.
     */
    private List<Warning> warnings(TenantId tenant, Plan to) {
        java.util.Set<String> kept = new java.util.HashSet<>(to.features());
        addOns.heldBy(tenant.value()).stream().map(h -> h.addOn().feature()).filter(f -> f != null)
                .forEach(kept::add);
        List<Warning> warnings = new ArrayList<>();
        for (FeatureUsage module : featureUsage) {
            for (FeatureUsage.InUse use : module.inUse(tenant)) {
                if (!kept.contains(use.feature())) {
                    warnings.add(new Warning(use.feature(), use.count(), "The " + to.name() + " plan does not "
                            + "include " + use.feature() + ": " + consequence(use)));
                }
            }
        }
        return warnings;
    }

    private static String consequence(FeatureUsage.InUse use) {
        return switch (use.feature()) {
            case "webhooks" -> "your " + use.what() + (use.count() == 1 ? " stops" : " stop")
                    + " receiving events (kept, they resume on an upgrade).";
            case "branding" -> "your branding (" + use.what() + ") stays as it is but can no longer be changed.";
            default -> use.what() + " will no longer work.";
        };
    }

    /** The tenant's monthly recurring revenue on this plan and interval with its add-ons (0 unless paying). */
    private long mrr(java.util.UUID tenant, SubscriptionStatus status, String planId, BillingInterval interval) {
        if (status == SubscriptionStatus.TRIALING || status == SubscriptionStatus.CANCELED) {
            return 0;
        }
        Plan plan = plan(planId);
        long total = plan.monthlyRecurring(interval);
        for (AddOnRepository.Held held : sameCurrency(tenant, plan.currency())) {
            total += held.addOn().monthlyRecurring(interval) * held.quantity();
        }
        return total;
    }

    private List<AddOnRepository.Held> sameCurrency(java.util.UUID tenant, String currency) {
        return addOns.heldBy(tenant).stream().filter(h -> h.addOn().currency().equals(currency)).toList();
    }

    private static Subscription with(Subscription s, String planId, BillingInterval interval,
                                     SubscriptionStatus status, boolean cancelAtPeriodEnd, String pendingPlanId,
                                     Instant now) {
        return new Subscription(s.tenantId(), planId, interval, status, s.trialEnd(), s.currentPeriodStart(),
                s.currentPeriodEnd(), cancelAtPeriodEnd, pendingPlanId, s.canceledAt(), s.createdAt(), now);
    }

    private Map<String, Object> details(Subscription s) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("plan", s.planId());
        details.put("interval", s.interval().name());
        details.put("status", s.status().name());
        return details;
    }

    private Subscription lock(TenantId tenant) {
        return subscriptions.lock(tenant.value()).orElseThrow(Subscriptions::notFound);
    }

    /**
     * A plan the tenant admin may choose: a self-serve plan, or the one the subscription is on. Another is answered
     * like an unknown id (400 naming {@code planId}): it is the super-admin's to give.
     */
    private Plan offered(Subscription s, String planId) {
        Plan plan = target(planId);
        if (!plan.selfServe() && !plan.id().equals(s.planId())) {
            throw ParleyException.invalidField("planId", "no plan has the id '" + planId + "'");
        }
        return plan;
    }

    private Plan target(String planId) {
        if (planId == null || planId.isBlank()) {
            throw ParleyException.invalidField("planId", "must not be blank");
        }
        return plans.find(planId).orElseThrow(
                () -> ParleyException.invalidField("planId", "no plan has the id '" + planId + "'"));
    }

    private void evict(TenantId tenant) {
        bus.publishAfterCommit(Entitlements.EVICTIONS, tenant.value().toString());
    }

    private <T> T read(TenantId tenant, Supplier<T> work) {
        return platform.callFor(tenant, work);
    }

    private static void requireOpen(Subscription s) {
        if (s.status() == SubscriptionStatus.CANCELED) {
            throw canceled();
        }
    }

    private static String label(BillingInterval interval) {
        return interval == BillingInterval.YEARLY ? "yearly" : "monthly";
    }

    private Plan plan(String id) {
        return plans.find(id).orElseThrow(() -> new IllegalStateException("No plan '" + id + "'"));
    }

    private static ParleyException canceled() {
        return ParleyException.conflict("SUBSCRIPTION_CANCELED",
                "The subscription is canceled; reactivate it to change it.");
    }

    private static ParleyException couponExpired(CouponOffer offer) {
        return ParleyException.conflict("COUPON_EXPIRED", "The coupon " + offer.code() + " could be redeemed until "
                + offer.redeemBy() + ".");
    }

    private static ParleyException addOnNotFound() {
        return ParleyException.notFound("ADD_ON_NOT_FOUND", "No add-on has this id.");
    }

    private static ParleyException notFound() {
        return ParleyException.notFound("SUBSCRIPTION_NOT_FOUND", "This tenant has no subscription.");
    }
}
