package dev.parley.shared.security;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The authenticated person behind a request, as their access token says.
 *
 * @param user      who
 * @param tenant    the tenant the token is for
 * @param roles     role names: the membership's role, plus {@code SUPER_ADMIN} for platform admins
 * @param sessionId the login session (refresh token family) the token belongs to
 * @param tokenId   the access token's id ({@code jti})
 * @param address   the client's address, for audit
 */
public record Caller(UserId user, TenantId tenant, Set<String> roles, UUID sessionId, String tokenId,
                     String address) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The caller of the current request, if it carries a valid access token. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return Optional.of(caller);
        }
        return Optional.empty();
    }

    public static Caller require() {
        return current().orElseThrow(() -> new ParleyException(org.springframework.http.HttpStatus.UNAUTHORIZED,
                "UNAUTHENTICATED", "Sign in first."));
    }
}
