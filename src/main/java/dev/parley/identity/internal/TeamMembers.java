package dev.parley.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.parley.audit.AuditLog;
import dev.parley.identity.Role;
import dev.parley.identity.SeatPolicy;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.web.CursorPage;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant admin's management of the tenant's people: list, change role, deactivate, reactivate. Runs on the
 * tenant path: another tenant's people are invisible (404). A tenant always keeps one active admin.
 */
@Service
@Transactional
public class TeamMembers {

    /** A member as the users API shows them. */
    public record Member(UUID userId, String email, String name, Role role, String status, Instant joinedAt,
                         Instant lastLoginAt) {

        static Member of(Membership m) {
            return new Member(m.userId(), m.email(), m.name(), m.role(), m.status(), m.createdAt(), m.lastLoginAt());
        }
    }

    private final MembershipRepository memberships;
    private final RefreshTokenRepository refreshTokens;
    private final SessionGuard guard;
    private final AuditLog audit;
    private final SeatPolicy seats;
    private final Clock clock;

    TeamMembers(MembershipRepository memberships, RefreshTokenRepository refreshTokens, SessionGuard guard,
                AuditLog audit, SeatPolicy seats, Clock clock) {
        this.memberships = memberships;
        this.refreshTokens = refreshTokens;
        this.guard = guard;
        this.audit = audit;
        this.seats = seats;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public CursorPage<Member> list(TenantId tenant, String status, String text, String cursor, Integer limit) {
        if (status != null && !status.equals("ACTIVE") && !status.equals("DEACTIVATED")) {
            throw ParleyException.invalidField("status", "must be one of ACTIVE, DEACTIVATED");
        }
        int size = CursorPage.limit(limit);
        var rows = memberships.list(tenant.value(), status, text, CursorPage.decode(cursor), size + 1);
        CursorPage<Membership> page = CursorPage.of(rows, size, Membership::id);
        return new CursorPage<>(page.items().stream().map(Member::of).toList(), page.nextCursor());
    }

    @Transactional(readOnly = true)
    public Member get(TenantId tenant, UUID user) {
        return Member.of(find(tenant, user));
    }

    public Member changeRole(TenantId tenant, UUID user, Role role, UUID actor) {
        if (!role.isTenantRole()) {
            throw ParleyException.invalidField("role", "must be one of TENANT_ADMIN, ADMIN_OPERATOR, OPERATOR");
        }
        Membership current = find(tenant, user);
        if (current.role() == role) {
            return Member.of(current);
        }
        if (current.role() == Role.TENANT_ADMIN && current.active()) {
            requireAnotherAdmin(tenant);
        }
        memberships.changeRole(tenant.value(), user, role, clock.instant());
        audit.record(tenant, "user.role_changed", "user", user,
                Map.of("from", current.role().name(), "to", role.name()));
        guard.evictAll();
        return get(tenant, user);
    }

    public Member deactivate(TenantId tenant, UUID user, UUID actor) {
        Membership current = find(tenant, user);
        if (!current.active()) {
            return Member.of(current);
        }
        if (user.equals(actor)) {
            throw ParleyException.conflict("CANNOT_DEACTIVATE_SELF", "You cannot deactivate yourself.");
        }
        if (current.role() == Role.TENANT_ADMIN) {
            requireAnotherAdmin(tenant);
        }
        Instant now = clock.instant();
        memberships.changeStatus(tenant.value(), user, "DEACTIVATED", now);
        int sessions = refreshTokens.revokeAllOfUser(tenant.value(), user, now);
        audit.record(tenant, "user.deactivated", "user", user, Map.of("sessionsEnded", sessions));
        guard.evictAll();
        return get(tenant, user);
    }

    public Member reactivate(TenantId tenant, UUID user) {
        Membership current = find(tenant, user);
        if (current.active()) {
            return Member.of(current);
        }
        seats.requireSeat(tenant, memberships.lockSeatsAndCountActive(tenant.value()));
        memberships.changeStatus(tenant.value(), user, "ACTIVE", clock.instant());
        seats.seatTaken(tenant);
        audit.record(tenant, "user.reactivated", "user", user, Map.of());
        guard.evictAll();
        return get(tenant, user);
    }

    private Membership find(TenantId tenant, UUID user) {
        return memberships.find(tenant.value(), user)
                .orElseThrow(() -> ParleyException.notFound("USER_NOT_FOUND", "No user with this id in this tenant."));
    }

    private void requireAnotherAdmin(TenantId tenant) {
        if (memberships.countActiveAdminsForUpdate(tenant.value()) <= 1) {
            throw ParleyException.conflict("LAST_ADMIN",
                    "A tenant needs at least one active admin; make someone else admin first.");
        }
    }
}
