package dev.parley.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.parley.audit.AuditLog;
import dev.parley.identity.IdentityProperties;
import dev.parley.identity.Role;
import dev.parley.identity.internal.RefreshTokenRepository.StoredToken;
import dev.parley.identity.internal.SessionView.Me;
import dev.parley.identity.internal.SessionView.SignedIn;
import dev.parley.identity.internal.SessionView.TenantView;
import dev.parley.identity.internal.SessionView.UserView;
import dev.parley.shared.Ids;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantStatus;
import dev.parley.tenancy.TenantSummary;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Sign-in, token refresh with rotation (a reused refresh token revokes its whole session), sign-out and
 * tenant switching. Runs on the platform path: a person's memberships span tenants.
 */
@Service
public class SignIn {

    /** Where a request comes from, for throttling and the session record. */
    public record Client(String address, String userAgent) {
    }

    private final UserRepository users;
    private final MembershipRepository memberships;
    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwords;
    private final TenantDirectory tenants;
    private final PlatformTransactions platform;
    private final AuditLog audit;
    private final SessionGuard guard;
    private final IdentityProperties properties;
    private final Clock clock;
    private final String dummyHash;

    SignIn(UserRepository users, MembershipRepository memberships, RefreshTokenRepository refreshTokens,
           AccessTokens accessTokens, LoginThrottle throttle, PasswordEncoder passwords, TenantDirectory tenants,
           PlatformTransactions platform, AuditLog audit, SessionGuard guard, IdentityProperties properties,
           Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
        this.passwords = passwords;
        this.tenants = tenants;
        this.platform = platform;
        this.audit = audit;
        this.guard = guard;
        this.properties = properties;
        this.clock = clock;
        this.dummyHash = passwords.encode("not-a-real-password-" + UUID.randomUUID());
    }

    public SignedIn login(String rawEmail, String password, UUID tenantId, Client client) {
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        throttle.checkAllowed(email, client.address());
        Optional<UserAccount> found = users.findByEmail(email);
        boolean matches;
        if (found.isPresent() && found.get().passwordHash() != null) {
            matches = passwords.matches(password, found.get().passwordHash());
        } else {
            passwords.matches(password, dummyHash); // the same work whether or not the account exists
            matches = false;
        }
        if (!matches || !found.get().active()) {
            throttle.recordFailure(email, client.address());
            throw new ParleyException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS",
                    "The email or password is not right.");
        }
        throttle.recordSuccess(email);
        UserAccount user = found.get();
        return platform.call(() -> {
            List<Membership> all = usable(memberships.findAllOfUser(user.id()));
            Membership chosen = choose(all, tenantId);
            users.recordLogin(user.id(), clock.instant());
            SignedIn result = startSession(user, chosen, all, client);
            audit.record(TenantId.of(chosen.tenantId()), "user.signed_in", "user", user.id(), Map.of());
            return result;
        });
    }

    public SignedIn refresh(String token, Client client) {
        byte[] hash = SecretTokens.hash(token);
        Instant now = clock.instant();
        Object outcome = platform.call(() -> {
            StoredToken stored = refreshTokens.findByHash(hash).orElseThrow(SignIn::invalidRefresh);
            if (stored.revokedAt() != null || stored.expiresAt().isBefore(now)) {
                throw invalidRefresh();
            }
            // Claim the token first: of two requests racing with it, exactly one wins.
            if (stored.usedAt() != null || !refreshTokens.markUsed(stored.tenantId(), stored.id(), null, now)) {
                return stored;
            }
            UserAccount user = users.findById(stored.userId()).filter(UserAccount::active)
                    .orElseThrow(SignIn::invalidRefresh);
            List<Membership> all = usable(memberships.findAllOfUser(user.id()));
            Membership membership = all.stream().filter(m -> m.tenantId().equals(stored.tenantId())).findFirst()
                    .orElseThrow(SignIn::invalidRefresh);
            requireActive(membership);
            UUID successor = Ids.newId();
            SignedIn result = issue(user, membership, stored.familyId(), successor, all, client);
            refreshTokens.setReplacedBy(stored.tenantId(), stored.id(), successor);
            return result;
        });
        if (outcome instanceof StoredToken reused) {
            throw reuse(reused, now);
        }
        return (SignedIn) outcome;
    }

    private ParleyException reuse(StoredToken stored, Instant now) {
        // Someone replayed a token already exchanged: the session is compromised, end all of it.
        platform.run(() -> {
            refreshTokens.revokeFamily(stored.tenantId(), stored.familyId(), now);
            audit.record(TenantId.of(stored.tenantId()), "session.refresh_token_reused", "user", stored.userId(),
                    Map.of("session", stored.familyId().toString()));
        });
        guard.evictAll();
        return new ParleyException(HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_REUSED",
                "This refresh token was already used; the session has been ended. Sign in again.");
    }

    /** Ends the session the refresh token belongs to; an unknown token is ignored (sign-out is idempotent). */
    public void logout(String token) {
        byte[] hash = SecretTokens.hash(token);
        platform.run(() -> refreshTokens.findByHash(hash).ifPresent(stored -> {
            refreshTokens.revokeFamily(stored.tenantId(), stored.familyId(), clock.instant());
            audit.record(TenantId.of(stored.tenantId()), "user.signed_out", "user", stored.userId(), Map.of());
        }));
        guard.evictAll();
    }

    /** Ends the session of the current access token. */
    public void logoutSession(UUID tenant, UUID session, UUID user) {
        platform.run(() -> {
            refreshTokens.revokeFamily(tenant, session, clock.instant());
            audit.record(TenantId.of(tenant), "user.signed_out", "user", user, Map.of());
        });
        guard.evictAll();
    }

    public SignedIn switchTenant(UUID userId, UUID tenantId, Client client) {
        return platform.call(() -> {
            UserAccount user = users.findById(userId).filter(UserAccount::active)
                    .orElseThrow(() -> new ParleyException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Sign in first."));
            List<Membership> all = usable(memberships.findAllOfUser(userId));
            Membership chosen = choose(all, tenantId);
            SignedIn result = startSession(user, chosen, all, client);
            audit.record(TenantId.of(chosen.tenantId()), "user.switched_tenant", "user", userId, Map.of());
            return result;
        });
    }

    public Me me(UUID userId, UUID tenantId) {
        return platform.call(() -> {
            UserAccount user = users.findById(userId).orElseThrow();
            List<Membership> all = usable(memberships.findAllOfUser(userId));
            Membership current = all.stream().filter(m -> m.tenantId().equals(tenantId)).findFirst()
                    .orElseThrow(() -> new ParleyException(HttpStatus.UNAUTHORIZED, "TOKEN_INVALID",
                            "The access token is not valid."));
            return new Me(userView(user), tenantView(current), roles(user, current), tenantViews(all));
        });
    }

    private SignedIn startSession(UserAccount user, Membership membership, List<Membership> all, Client client) {
        return issue(user, membership, Ids.newId(), Ids.newId(), all, client);
    }

    private SignedIn issue(UserAccount user, Membership membership, UUID family, UUID tokenId, List<Membership> all,
                           Client client) {
        Instant now = clock.instant();
        String refresh = SecretTokens.generate();
        Instant refreshExpires = now.plus(properties.refreshTokenTtl());
        refreshTokens.insert(membership.tenantId(), tokenId, user.id(), family, SecretTokens.hash(refresh), now,
                refreshExpires, client.userAgent(), client.address());
        Set<String> roles = roles(user, membership);
        AccessTokens.Issued access = accessTokens.issue(user.id(), membership.tenantId(), roles, family);
        return new SignedIn(access.token(), "Bearer", Duration.between(now, access.expiresAt()).toSeconds(),
                access.expiresAt(), refresh, refreshExpires, userView(user), tenantView(membership), roles,
                tenantViews(all));
    }

    /** Active memberships in tenants that are not deleted. */
    private List<Membership> usable(List<Membership> all) {
        List<Membership> result = new ArrayList<>();
        for (Membership m : all) {
            Optional<TenantSummary> tenant = tenants.find(TenantId.of(m.tenantId()));
            if (m.active() && tenant.isPresent() && tenant.get().status() != TenantStatus.DELETED) {
                result.add(m);
            }
        }
        return result;
    }

    /** The asked-for tenant, else the first active one; a suspended tenant is refused with 403. */
    private Membership choose(List<Membership> all, UUID tenantId) {
        if (tenantId != null) {
            Membership m = all.stream().filter(x -> x.tenantId().equals(tenantId)).findFirst()
                    .orElseThrow(() -> ParleyException.notFound("TENANT_NOT_FOUND",
                            "You are not a member of this tenant."));
            requireActive(m);
            return m;
        }
        if (all.isEmpty()) {
            throw ParleyException.forbidden("NO_TENANT", "Your account belongs to no active tenant.");
        }
        return all.stream().filter(m -> statusOf(m) == TenantStatus.ACTIVE).findFirst()
                .orElseGet(() -> {
                    requireActive(all.getFirst());
                    return all.getFirst();
                });
    }

    private void requireActive(Membership m) {
        if (statusOf(m) == TenantStatus.SUSPENDED) {
            throw ParleyException.forbidden("TENANT_SUSPENDED", "This tenant is suspended.");
        }
    }

    private TenantStatus statusOf(Membership m) {
        return tenants.find(TenantId.of(m.tenantId())).map(TenantSummary::status).orElse(TenantStatus.DELETED);
    }

    static Set<String> roles(UserAccount user, Membership membership) {
        Set<String> roles = new LinkedHashSet<>();
        roles.add(membership.role().name());
        if (user.superAdmin()) {
            roles.add(Role.SUPER_ADMIN.name());
        }
        return roles;
    }

    private static UserView userView(UserAccount user) {
        return new UserView(user.id(), user.email(), user.name(), user.platformRole());
    }

    private TenantView tenantView(Membership m) {
        TenantSummary t = tenants.find(TenantId.of(m.tenantId())).orElseThrow();
        return new TenantView(t.id(), t.slug(), t.name(), t.status().name(), m.role().name());
    }

    private List<TenantView> tenantViews(List<Membership> all) {
        return all.stream().map(this::tenantView).toList();
    }

    private static ParleyException invalidRefresh() {
        return new ParleyException(HttpStatus.UNAUTHORIZED, "INVALID_REFRESH_TOKEN",
                "The refresh token is not valid; sign in again.");
    }
}
