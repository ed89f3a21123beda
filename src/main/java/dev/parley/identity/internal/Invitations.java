package dev.parley.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.parley.audit.AuditLog;
import dev.parley.identity.IdentityProperties;
import dev.parley.identity.InvitationIssued;
import dev.parley.identity.Role;
import dev.parley.identity.SeatPolicy;
import dev.parley.identity.internal.InvitationRepository.StoredInvitation;
import dev.parley.identity.internal.SessionView.SignedIn;
import dev.parley.shared.Ids;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.shared.security.Caller;
import dev.parley.shared.web.PublicUrl;
import dev.parley.tenancy.FirstAdminInvitations;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantStatus;
import dev.parley.tenancy.TenantSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Invitations to join a tenant: made by tenant admins (and by provisioning for a tenant's first admin),
 * accepted through a secret link that sets the password of a new account or adds a tenant to an existing one.
 * The link is returned to the inviter and goes out by mail ({@link InvitationIssued}, which the notify module turns
 * into a mail in the same transaction).
 */
@Service
public class Invitations implements FirstAdminInvitations {

    private static final Logger log = LoggerFactory.getLogger(Invitations.class);

    /** An invitation as tenant admins see it; {@code link} only right after it was made. */
    public record InvitationView(UUID id, String email, Role role, Instant createdAt, Instant expiresAt,
                                 String link) {
    }

    /** What the invitation page shows before the person accepts. */
    public record InvitationPreview(String email, String tenantName, Role role, Instant expiresAt,
                                    boolean existingAccount) {
    }

    private final InvitationRepository invitations;
    private final UserRepository users;
    private final MembershipRepository memberships;
    private final PasswordEncoder passwords;
    private final TenantDirectory tenants;
    private final PlatformTransactions platform;
    private final SignIn signIn;
    private final AuditLog audit;
    private final PublicUrl publicUrl;
    private final IdentityProperties properties;
    private final ApplicationEventPublisher events;
    private final SeatPolicy seats;
    private final Clock clock;

    Invitations(InvitationRepository invitations, UserRepository users, MembershipRepository memberships,
                PasswordEncoder passwords, TenantDirectory tenants, PlatformTransactions platform, SignIn signIn,
                AuditLog audit, PublicUrl publicUrl, IdentityProperties properties, ApplicationEventPublisher events,
                SeatPolicy seats, Clock clock) {
        this.invitations = invitations;
        this.users = users;
        this.memberships = memberships;
        this.passwords = passwords;
        this.tenants = tenants;
        this.platform = platform;
        this.signIn = signIn;
        this.audit = audit;
        this.publicUrl = publicUrl;
        this.properties = properties;
        this.events = events;
        this.seats = seats;
        this.clock = clock;
    }

    @Override
    public InvitationLink inviteFirstAdmin(TenantId tenant, String email) {
        InvitationView view = create(tenant, email, Role.TENANT_ADMIN);
        return new InvitationLink(view.email(), view.link(), view.expiresAt());
    }

    /** Invites someone into the current transaction's tenant; replaces an open invitation of the same email. */
    public InvitationView invite(TenantId tenant, String rawEmail, Role role) {
        if (!role.isTenantRole()) {
            throw ParleyException.invalidField("role", "must be one of TENANT_ADMIN, ADMIN_OPERATOR, OPERATOR");
        }
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        users.findByEmail(email)
                .flatMap(user -> memberships.find(tenant.value(), user.id()))
                .filter(Membership::active)
                .ifPresent(m -> {
                    throw ParleyException.conflict("ALREADY_MEMBER", email + " is already a member of this tenant.");
                });
        // Open invitations hold a seat each (but the one this replaces), so a plan's seats cannot be overbooked.
        Instant now = clock.instant();
        long open = invitations.pending(tenant.value(), now).stream().filter(i -> !i.email().equals(email)).count();
        seats.requireSeat(tenant, memberships.lockSeatsAndCountActive(tenant.value()) + open);
        return create(tenant, email, role);
    }

    private InvitationView create(TenantId tenant, String rawEmail, Role role) {
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Instant expires = now.plus(properties.invitationTtl());
        String token = SecretTokens.generate();
        UUID id = Ids.newId();
        invitations.revokePending(tenant.value(), email, now);
        UUID invitedBy = Caller.current().map(c -> c.user().value()).orElse(null);
        invitations.insert(tenant.value(), id, email, role, SecretTokens.hash(token), invitedBy, now, expires);
        String link = publicUrl.resolve("/accept-invitation?token=" + token);
        audit.record(tenant, "invitation.created", "invitation", id, Map.of("email", email, "role", role.name()));
        // The mail goes out with this transaction (notify listens); the inviter gets the link too, the log keeps it.
        events.publishEvent(new InvitationIssued(tenant, id, email, role, link, expires, invitedBy));
        log.info("Invitation for {} to tenant {} as {}: {}", email, tenant, role, link);
        return new InvitationView(id, email, role, now, expires, link);
    }

    public List<InvitationView> pending(TenantId tenant) {
        return invitations.pending(tenant.value(), clock.instant()).stream()
                .map(i -> new InvitationView(i.id(), i.email(), i.role(), i.createdAt(), i.expiresAt(), null))
                .toList();
    }

    public void revoke(TenantId tenant, UUID id) {
        StoredInvitation invitation = invitations.find(tenant.value(), id)
                .orElseThrow(() -> ParleyException.notFound("INVITATION_NOT_FOUND", "No invitation has this id."));
        if (!invitations.revoke(tenant.value(), id, clock.instant())) {
            throw ParleyException.conflict("INVITATION_CLOSED", "This invitation was already accepted or revoked.");
        }
        audit.record(tenant, "invitation.revoked", "invitation", id, Map.of("email", invitation.email()));
    }

    public InvitationPreview preview(String token) {
        return platform.call(() -> {
            StoredInvitation invitation = open(token);
            TenantSummary tenant = tenants.find(TenantId.of(invitation.tenantId())).orElseThrow();
            boolean existing = users.findByEmail(invitation.email()).map(u -> u.passwordHash() != null).orElse(false);
            return new InvitationPreview(invitation.email(), tenant.name(), invitation.role(),
                    invitation.expiresAt(), existing);
        });
    }

    /**
     * Accepts an invitation. A new person sets their password here; someone who already has an account proves
     * it with their password. Either way they join the tenant and are signed in to it.
     */
    public SignedIn accept(String token, String password, String name, SignIn.Client client) {
        platform.run(() -> {
            StoredInvitation invitation = open(token);
            Instant now = clock.instant();
            UserAccount user = users.findByEmail(invitation.email()).orElse(null);
            if (user == null || user.passwordHash() == null) {
                PasswordPolicy.check("password", password, invitation.email());
                user = users.insertIfAbsent(invitation.email(), blankToNull(name), null, null, now);
                users.setPassword(user.id(), passwords.encode(password), now);
            } else if (password == null || !passwords.matches(password, user.passwordHash())) {
                throw new ParleyException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS",
                        "This email already has an account; enter its password to accept.");
            }
            if (name != null && !name.isBlank()) {
                users.setNameIfMissing(user.id(), name.trim(), now);
            }
            if (!invitations.accept(invitation.tenantId(), invitation.id(), user.id(), now)) {
                throw ParleyException.conflict("INVITATION_CLOSED", "This invitation was already used.");
            }
            boolean alreadyActive = memberships.find(invitation.tenantId(), user.id()).map(Membership::active)
                    .orElse(false);
            if (!alreadyActive) {
                seats.requireSeat(TenantId.of(invitation.tenantId()),
                        memberships.lockSeatsAndCountActive(invitation.tenantId()));
            }
            memberships.upsert(invitation.tenantId(), user.id(), invitation.role(), now);
            if (!alreadyActive) {
                seats.seatTaken(TenantId.of(invitation.tenantId()));
            }
            audit.record(TenantId.of(invitation.tenantId()), "invitation.accepted", "user", user.id(),
                    Map.of("email", invitation.email(), "role", invitation.role().name()));
        });
        StoredInvitation accepted = platform.call(() -> invitations.findByHash(SecretTokens.hash(token)).orElseThrow());
        return signIn.login(accepted.email(), password, accepted.tenantId(), client);
    }

    private StoredInvitation open(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw invitationNotFound();
        }
        StoredInvitation invitation = invitations.findByHash(SecretTokens.hash(token))
                .orElseThrow(Invitations::invitationNotFound);
        if (invitation.acceptedAt() != null || invitation.revokedAt() != null) {
            throw new ParleyException(HttpStatus.GONE, "INVITATION_CLOSED",
                    "This invitation was already used or withdrawn.");
        }
        if (!invitation.expiresAt().isAfter(clock.instant())) {
            throw new ParleyException(HttpStatus.GONE, "INVITATION_EXPIRED",
                    "This invitation has expired; ask for a new one.");
        }
        TenantStatus status = tenants.find(TenantId.of(invitation.tenantId())).map(TenantSummary::status)
                .orElse(TenantStatus.DELETED);
        if (status != TenantStatus.ACTIVE) {
            throw ParleyException.forbidden("TENANT_" + status.name(), "This tenant is not active.");
        }
        return invitation;
    }

    private static ParleyException invitationNotFound() {
        return ParleyException.notFound("INVITATION_NOT_FOUND", "This invitation link is not valid.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
