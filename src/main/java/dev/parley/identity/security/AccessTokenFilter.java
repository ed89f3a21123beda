package dev.parley.identity.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.parley.identity.internal.AccessTokens;
import dev.parley.identity.internal.AccessTokens.Claims;
import dev.parley.identity.internal.SessionGuard;
import dev.parley.identity.internal.SessionGuard.Invalid;
import dev.parley.identity.internal.SessionGuard.Valid;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;
import dev.parley.shared.security.Caller;
import dev.parley.shared.web.Problems;
import dev.parley.tenancy.TenantStatus;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its bearer access token and binds its tenant for the request: the tenant comes
 * from the token only. A bad token is answered 401 at once; a suspended tenant 403 {@code TENANT_SUSPENDED}
 * (sign-out, tenant switching and {@code /me} stay open so the person can leave it).
 */
class AccessTokenFilter extends OncePerRequestFilter {

    private static final List<String> OPEN_WHILE_SUSPENDED = List.of("/api/v1/auth/", "/api/v1/me");

    private final AccessTokens tokens;
    private final SessionGuard guard;

    AccessTokenFilter(AccessTokens tokens, SessionGuard guard) {
        this.tokens = tokens;
        this.guard = guard;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Claims claims;
        try {
            claims = tokens.verify(header.substring(7).trim());
        } catch (AccessTokens.InvalidToken e) {
            unauthorized(request, response, e.code(), e.getMessage());
            return;
        }
        SessionGuard.Verdict verdict = guard.check(claims);
        if (verdict instanceof Invalid invalid) {
            unauthorized(request, response, invalid.code(), invalid.code().equals("SESSION_ENDED")
                    ? "This session has ended; sign in again." : "The access token is not valid.");
            return;
        }
        Valid valid = (Valid) verdict;
        if (valid.tenantStatus() == TenantStatus.DELETED) {
            Problems.write(request, response, HttpStatus.FORBIDDEN, "TENANT_DELETED", "This tenant has been deleted.");
            return;
        }
        if (valid.tenantStatus() == TenantStatus.SUSPENDED && !openWhileSuspended(request)) {
            Problems.write(request, response, HttpStatus.FORBIDDEN, "TENANT_SUSPENDED",
                    "This tenant is suspended; contact the platform's support.");
            return;
        }
        Caller caller = new Caller(UserId.of(claims.user()), TenantId.of(claims.tenant()), valid.roles(),
                claims.session(), claims.tokenId(), request.getRemoteAddr());
        var authorities = valid.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(caller, null, authorities);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        TenantContext.bind(caller.tenant());
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContext.clear();
            SecurityContextHolder.clearContext();
        }
    }

    private static boolean openWhileSuspended(HttpServletRequest request) {
        String path = request.getRequestURI();
        return OPEN_WHILE_SUSPENDED.stream().anyMatch(path::startsWith);
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String code,
                                     String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        Problems.write(request, response, HttpStatus.UNAUTHORIZED, code, detail);
    }
}
