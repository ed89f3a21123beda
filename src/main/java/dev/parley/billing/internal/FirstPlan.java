package dev.parley.billing.internal;

import java.time.Clock;

import dev.parley.tenancy.TenantProvisioned;

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

    @EventListener
    void on(TenantProvisioned event) {
        plans.assign(event.tenant().value(), properties.defaultPlan(), clock.instant());
    }
}
