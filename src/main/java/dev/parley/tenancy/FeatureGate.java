package dev.parley.tenancy;

import dev.parley.shared.TenantId;

/**
 * Asks whether a tenant's plan includes a feature before tenancy changes something the plan gates (branding).
 * Implemented by the billing module, so tenancy does not depend on it.
 */
public interface FeatureGate {

    /** The feature flag of branding (colours and logo). */
    String BRANDING = "branding";

    /** Throws a 402 {@code PLAN_UPGRADE_REQUIRED} naming the feature when the tenant's plan lacks it. */
    void require(TenantId tenant, String feature);
}
