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
    private final UsageMeasureJob measure;

    PlanGates(Entitlements entitlements, UsageMeasureJob measure) {
        this.entitlements = entitlements;
        this.measure = measure;
    }

    @Override
    public void requireSeat(TenantId tenant, long seatsTaken) {
        entitlements.requireRoom(tenant, Limit.OPERATORS, seatsTaken);
    }

    /** The operators' usage thresholds are checked when a seat is taken, not only when usage is next read. */
    @Override
    public void seatTaken(TenantId tenant) {
        measure.schedule(tenant);
    }

    @Override
    public void require(TenantId tenant, String feature) {
        entitlements.require(tenant, new Feature(feature));
    }
}
