package dev.parley.identity;

import dev.parley.shared.TenantId;

/**
 * Decides whether a tenant may have one more active member (a seat) on top of those it already holds. Implemented
 * by the billing module from the tenant's plan, so identity does not depend on billing; called inside the inviting,
 * accepting or reactivating transaction, after identity has counted the seats under a per-tenant lock.
 */
public interface SeatPolicy {

    /** Throws a 402 {@code PLAN_UPGRADE_REQUIRED} when {@code seatsTaken} already fill the plan's seats. */
    void requireSeat(TenantId tenant, long seatsTaken);

    /** A seat was taken (an invitation accepted, a member reactivated), in the same transaction. */
    default void seatTaken(TenantId tenant) {
    }
}
