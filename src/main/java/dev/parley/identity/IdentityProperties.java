package dev.parley.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings ({@code parley.identity.*}).
 *
 * @param issuer          the {@code iss} of access tokens
 * @param accessTokenTtl  how long an access token is valid (about 15 minutes)
 * @param refreshTokenTtl how long a refresh token is valid if unused
 * @param invitationTtl   how long an invitation link is valid
 * @param throttle        slow-down and lock-out of repeated failed logins
 */
@ConfigurationProperties("parley.identity")
public record IdentityProperties(
        @DefaultValue("parley") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("7d") Duration invitationTtl,
        @DefaultValue Throttle throttle) {

    /**
     * Failed logins: after {@code slowAfter} failures within {@code window} each further attempt must wait
     * an exponentially growing delay (from {@code baseDelay} up to {@code maxDelay}); at {@code lockAfter}
     * failures the account (or, with the per-address limits, the address) is locked for {@code lockFor}.
     */
    public record Throttle(
            @DefaultValue("15m") Duration window,
            @DefaultValue("3") int slowAfter,
            @DefaultValue("1s") Duration baseDelay,
            @DefaultValue("30s") Duration maxDelay,
            @DefaultValue("10") int lockAfter,
            @DefaultValue("15m") Duration lockFor,
            @DefaultValue("20") int addressSlowAfter,
            @DefaultValue("100") int addressLockAfter) {
    }
}
