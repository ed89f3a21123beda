package dev.parley.identity;

import java.time.Instant;

import dev.parley.identity.internal.AccessTokens;
import dev.parley.identity.internal.SessionGuard;
import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;
import dev.parley.shared.security.Caller;
import dev.parley.tenancy.TenantStatus;

import org.springframework.stereotype.Service;

/**
 * Verifies an access token outside an HTTP request (a WebSocket handshake, a periodic re-check of an open
 * connection): the same checks as every API request.
 */
@Service
public class BearerTokens {

    /** The caller a token stands for, until when, or why it does not. */
    public record Verified(Caller caller, Instant expiresAt, String refusal) {

        public boolean valid() {
            return refusal == null;
        }
    }

    private final AccessTokens tokens;
    private final SessionGuard guard;

    BearerTokens(AccessTokens tokens, SessionGuard guard) {
        this.tokens = tokens;
        this.guard = guard;
    }

    public Verified verify(String token, String address) {
        AccessTokens.Claims claims;
        try {
            claims = tokens.verify(token == null ? "" : token);
        } catch (AccessTokens.InvalidToken e) {
            return new Verified(null, null, e.code());
        }
        SessionGuard.Verdict verdict = guard.check(claims);
        if (verdict instanceof SessionGuard.Invalid invalid) {
            return new Verified(null, null, invalid.code());
        }
        SessionGuard.Valid valid = (SessionGuard.Valid) verdict;
        if (valid.tenantStatus() != TenantStatus.ACTIVE) {
            return new Verified(null, null, "TENANT_" + valid.tenantStatus().name());
        }
        Caller caller = new Caller(UserId.of(claims.user()), TenantId.of(claims.tenant()), valid.roles(),
                claims.session(), claims.tokenId(), address);
        return new Verified(caller, claims.expiresAt(), null);
    }
}
