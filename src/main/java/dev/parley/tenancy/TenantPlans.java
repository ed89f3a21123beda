package dev.parley.tenancy;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which plan tenants are on, for the platform owner's tenant list (its plan column and filter). Implemented by the
 * billing module, so tenancy does not depend on it; runs on the platform path.
 */
public interface TenantPlans {

    /** The plan each of these tenants is on; a tenant left out has none recorded. */
    Map<UUID, PlanLabel> plans(Set<UUID> tenants);

    /** The ids of the tenants on this plan; empty for an unknown plan. */
    Set<UUID> tenantsOn(String planId);

    /** A plan as the list shows it. */
    record PlanLabel(String id, String name) {
    }
}
