package dev.parley.billing.internal;

import dev.parley.billing.Entitlements;
import dev.parley.billing.Feature;
import dev.parley.billing.Limit;
import dev.parley.identity.SeatPolicy;
import dev.parley.shared.TenantId;
import dev.parley.tenancy.FeatureGate;

import org.springframework.stereotype.Component;

/** The lower modules' questions (identity's seats, tenancy's branding) answered from the tenant's plan. */
@Component
class PlanGates implements SeatPolicy, FeatureGate {

    private final Entitlements entitlements;

    PlanGates(Entitlements entitlements) {
        this.entitlements = entitlements;
    }

    @Override
    public void requireSeat(TenantId tenant, long seatsTaken) {
        entitlements.requireRoom(tenant, Limit.OPERATORS, seatsTaken);
    }

    @Override
    public void require(TenantId tenant, String feature) {
        entitlements.require(tenant, new Feature(feature));
    }
}
