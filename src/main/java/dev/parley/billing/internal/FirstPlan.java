package dev.parley.billing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.parley.billing.BillingCycle;
import dev.parley.billing.BillingInterval;
import dev.parley.billing.Plan;
import dev.parley.billing.Subscription;
import dev.parley.billing.SubscriptionStatus;
import dev.parley.billing.invoice.InvoiceLine;
import dev.parley.billing.invoice.LineKind;
import dev.parley.billing.invoice.Money;

import dev.parley.tenancy.TenantProvisioned;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts a newly provisioned tenant on the configured default plan ({@code parley.billing.default-plan}), inside the
 * provisioning transaction, so the tenant keeps that plan even if the default changes later, and starts its
 * subscription: a trial of the plan's trial length (monthly, anchored at the trial's end), or active at once for a
 * plan without a trial.
 */
@Component
class FirstPlan {

    private final PlanRepository plans;
    private final BillingProperties properties;
    private final Clock clock;

    private final SubscriptionRepository subscriptions;
    private final RevenueLedger ledger;
    private final PendingInvoiceItems items;

    FirstPlan(PlanRepository plans, BillingProperties properties, Clock clock, SubscriptionRepository subscriptions,
              RevenueLedger ledger, PendingInvoiceItems items) {
        this.plans = plans;
        this.items = items;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /** A default plan that does not exist would fail every provisioning: refuse to start instead, saying why. */
    @EventListener(ApplicationStartedEvent.class)
    void checkDefaultPlan() {
        if (plans.find(properties.defaultPlan()).isEmpty()) {
            throw new IllegalStateException("parley.billing.default-plan (PARLEY_BILLING_DEFAULT_PLAN) names no plan: '"
                    + properties.defaultPlan() + "'; use the id of an existing plan, such as basic");
        }
    }

    @EventListener
    void on(TenantProvisioned event) {
        Instant now = clock.instant();
        UUID tenant = event.tenant().value();
        Plan plan = plans.find(properties.defaultPlan()).orElseThrow();
        plans.assign(tenant, plan.id(), now);
        if (plan.trialDays() > 0) {
            Instant trialEnd = now.plus(Duration.ofDays(plan.trialDays()));
            subscriptions.insert(new Subscription(tenant, plan.id(), BillingInterval.MONTHLY,
                    SubscriptionStatus.TRIALING, trialEnd, now, trialEnd, false, null, null, now, now), trialEnd);
            ledger.record(tenant, now, RevenueLedger.Kind.TRIAL_STARTED, plan.id(), BillingInterval.MONTHLY,
                    plan.currency(), 0, 0);
        } else {
            Instant end = BillingCycle.endOfPeriod(now, BillingInterval.MONTHLY, 1);
            subscriptions.insert(new Subscription(tenant, plan.id(), BillingInterval.MONTHLY,
                    SubscriptionStatus.ACTIVE, null, now, end, false, null, null, now, now), now);
            ledger.record(tenant, now, RevenueLedger.Kind.NEW, plan.id(), BillingInterval.MONTHLY, plan.currency(), 0,
                    plan.monthlyRecurring(BillingInterval.MONTHLY));
            // Paid from the start: the first period is charged in advance, on the next invoice, like every later one.
            items.add(tenant, new InvoiceLine(LineKind.BASE, plan.name() + " (monthly)",
                    Money.of(plan.price(BillingInterval.MONTHLY), plan.currency())), now, end, now);
        }
    }
}
