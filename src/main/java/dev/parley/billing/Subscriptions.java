package dev.parley.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.parley.billing.internal.PlanRepository;
import dev.parley.billing.internal.RevenueLedger;
import dev.parley.billing.internal.SubscriptionRepository;
import dev.parley.billing.invoice.Coupon;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each tenant's subscription: its plan, interval, status and current billing period. A tenant gets one when it is
 * provisioned (a trial of its plan's trial length, or active at once for a plan without a trial). Every change
 * locks the subscription row, records the MRR movement in the revenue ledger and publishes
 * {@link SubscriptionChanged}, all in one transaction.
 */
@Service
public class Subscriptions {

    /** An add-on on the subscription: its price per the subscription's interval, per unit. */
    public record ActiveAddOn(String addOnId, String name, int quantity, long unitPrice, String currency) {
    }

    /** A period's end: the period that ended and the one that follows (CANCELED when the subscription ended). */
    public record RollOver(Subscription ended, Subscription next) {
    }

    private final SubscriptionRepository subscriptions;
    private final PlanRepository plans;
    private final RevenueLedger ledger;
    private final PlatformTransactions platform;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Subscriptions(SubscriptionRepository subscriptions, PlanRepository plans, RevenueLedger ledger,
                  PlatformTransactions platform, ApplicationEventPublisher events, Clock clock) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.ledger = ledger;
        this.platform = platform;
        this.events = events;
        this.clock = clock;
    }

    /** The tenant's subscription; 404 {@code SUBSCRIPTION_NOT_FOUND} for a tenant without one. */
    public Subscription current(TenantId tenant) {
        return find(tenant).orElseThrow(Subscriptions::notFound);
    }

    public Optional<Subscription> find(TenantId tenant) {
        boolean ownTransaction = TransactionSynchronizationManager.isActualTransactionActive()
                && tenant.equals(TenantContext.current().orElse(null));
        return ownTransaction || PlatformTransactions.active()
                ? subscriptions.find(tenant.value())
                : platform.call(() -> subscriptions.find(tenant.value()));
    }

    /** The add-ons on the tenant's subscription (none until add-ons exist). */
    public List<ActiveAddOn> addOns(TenantId tenant) {
        return List.of();
    }

    /**
     * The coupons that apply to the period starting at {@code periodStart}, each already checked with
     * {@link Coupon#appliesToPeriod} (none until coupons exist).
     */
    public List<Coupon> couponsFor(TenantId tenant, Instant periodStart) {
        return List.of();
    }

    /**
     * Ends the current period if it is over at {@code now} (empty otherwise): a trial converts to active, a pending
     * downgrade takes effect, a cancellation at the period's end cancels. Call inside a platform transaction; the
     * billing cycle invoices the result in the same transaction.
     */
    public Optional<RollOver> rollOver(TenantId tenant, Instant now) {
        Subscription s = subscriptions.lock(tenant.value()).orElseThrow(Subscriptions::notFound);
        if (s.status() == SubscriptionStatus.CANCELED || s.currentPeriodEnd().isAfter(now)) {
            return Optional.empty();
        }
        Instant start = s.currentPeriodEnd();
        Plan before = plan(s.planId());
        long mrrBefore = s.trialing() ? 0 : before.monthlyRecurring(s.interval());
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
        Plan after = plan(planId);
        Instant anchor = subscriptions.anchor(tenant.value()).orElse(s.currentPeriodStart());
        Instant end = BillingCycle.nextPeriodEnd(anchor, start, s.interval());
        SubscriptionStatus status = s.trialing() ? SubscriptionStatus.ACTIVE : s.status();
        Subscription next = new Subscription(s.tenantId(), planId, s.interval(), status, s.trialEnd(), start, end,
                false, null, null, s.createdAt(), now);
        subscriptions.update(next);
        if (!planId.equals(s.planId())) {
            plans.assign(s.tenantId(), planId, now);
        }
        long mrrAfter = after.monthlyRecurring(s.interval());
        if (s.trialing()) {
            ledger.record(s.tenantId(), start, RevenueLedger.Kind.NEW, planId, s.interval(), after.currency(), 0,
                    mrrAfter);
        } else if (mrrAfter != mrrBefore) {
            ledger.record(s.tenantId(), start, mrrAfter > mrrBefore ? RevenueLedger.Kind.EXPANSION
                    : RevenueLedger.Kind.CONTRACTION, planId, s.interval(), after.currency(), mrrBefore, mrrAfter);
        }
        if (!planId.equals(s.planId()) || status != s.status()) {
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

    private Plan plan(String id) {
        return plans.find(id).orElseThrow(() -> new IllegalStateException("No plan '" + id + "'"));
    }

    private static ParleyException notFound() {
        return ParleyException.notFound("SUBSCRIPTION_NOT_FOUND", "This tenant has no subscription.");
    }
}
