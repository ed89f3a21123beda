package dev.parley.tenancy;

import java.util.Set;

/** The life of a tenant, with the transitions allowed between its states. */
public enum TenantStatus {
    ACTIVE, SUSPENDED, DELETED;

    public boolean canBecome(TenantStatus next) {
        return switch (this) {
            case ACTIVE -> Set.of(SUSPENDED, DELETED).contains(next);
            case SUSPENDED -> Set.of(ACTIVE, DELETED).contains(next);
            case DELETED -> next == ACTIVE; // restored within the grace period
        };
    }
}
