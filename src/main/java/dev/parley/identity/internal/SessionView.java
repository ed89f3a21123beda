package dev.parley.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What sign-in, refresh, tenant switching and {@code /me} answer. */
public final class SessionView {

    private SessionView() {
    }

    public record UserView(UUID id, String email, String name, String platformRole) {
    }

    public record TenantView(UUID id, String slug, String name, String status, String role) {
    }

    /** Tokens plus who and where the person now is. */
    public record SignedIn(String accessToken, String tokenType, long expiresIn, Instant accessTokenExpiresAt,
                           String refreshToken, Instant refreshTokenExpiresAt, UserView user, TenantView tenant,
                           Set<String> roles, List<TenantView> tenants) {
    }

    public record Me(UserView user, TenantView tenant, Set<String> roles, List<TenantView> tenants) {
    }
}
