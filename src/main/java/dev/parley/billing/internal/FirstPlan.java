package dev.parley.billing.internal;

import java.time.Clock;

import dev.parley.tenancy.TenantProvisioned;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts a newly provisioned tenant on the configured default plan ({@code parley.billing.default-plan}), inside the
 * provisioning transaction, so the tenant keeps that plan even if the default changes later.
 */
@Component
class FirstPlan {

    private final PlanRepository plans;
    private final BillingProperties properties;
    private final Clock clock;

    FirstPlan(PlanRepository plans, BillingProperties properties, Clock clock) {
        this.plans = plans;
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
        plans.assign(event.tenant().value(), properties.defaultPlan(), clock.instant());
    }
}
