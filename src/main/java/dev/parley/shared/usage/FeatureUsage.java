package dev.parley.shared.usage;

import java.util.List;

import dev.parley.shared.TenantId;

/**
 * What a tenant uses of the plan features a module owns (webhook endpoints, branding): billing asks every
 * implementation before a downgrade, to warn what stops working on a plan without the feature. Implemented by the
 * module that owns the feature, so billing does not depend on it. Called in a platform transaction: filter by tenant.
 */
public interface FeatureUsage {

    /** A feature in use: its plan feature flag, how many things use it, and what they are ("2 webhook endpoints"). */
    record InUse(String feature, long count, String what) {
    }

    /** The features of this module the tenant uses now; empty when none. */
    List<InUse> inUse(TenantId tenant);
}
