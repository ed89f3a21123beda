package dev.parley.identity.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.parley.identity.IdentityProperties;
import dev.parley.shared.Ids;

import org.springframework.stereotype.Component;

/**
 * Issues and verifies access tokens: RS256 JWTs of about 15 minutes naming the user ({@code sub}), tenant
 * ({@code tid}), roles, session ({@code sid}) and token id ({@code jti}). Only RS256 with one of our keys is
 * accepted: unsigned tokens, other algorithms, other keys and expired tokens are refused.
 */
@Component
public class AccessTokens {

    public static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

    /** What a verified access token says. */
    public record Claims(UUID user, UUID tenant, Set<String> roles, UUID session, String tokenId, Instant expiresAt) {
    }

    /** Why a token was refused: {@code TOKEN_EXPIRED} or {@code TOKEN_INVALID}. */
    public static final class InvalidToken extends Exception {

        private final String code;

        InvalidToken(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A freshly issued token. */
    public record Issued(String token, Instant expiresAt) {
    }

    private final SigningKeys keys;
    private final IdentityProperties properties;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    AccessTokens(SigningKeys keys, IdentityProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                (selector, context) -> selector.select(keys.verificationKeysIncluding(
                        selector.getMatcher().getKeyIDs() == null || selector.getMatcher().getKeyIDs().isEmpty()
                                ? null : selector.getMatcher().getKeyIDs().iterator().next()))));
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(properties.issuer()).build(),
                Set.of("sub", "tid", "sid", "jti", "iat", "exp", "roles")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        verifier.setMaxClockSkew(30);
        processor.setJWTClaimsSetVerifier(verifier);
    }

    public Issued issue(UUID user, UUID tenant, Set<String> roles, UUID session) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.accessTokenTtl());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(user.toString())
                .claim("tid", tenant.toString())
                .claim("roles", List.copyOf(roles))
                .claim("sid", session.toString())
                .jwtID(Ids.newId().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        RSAKey key = keys.signingKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(TYPE)
                .build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    public Claims verify(String token) throws InvalidToken {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Object rawRoles = claims.getClaim("roles");
            if (!(rawRoles instanceof List<?> list)) {
                throw new InvalidToken("TOKEN_INVALID", "The access token has no roles.");
            }
            Set<String> roles = new HashSet<>();
            list.forEach(r -> roles.add(String.valueOf(r)));
            return new Claims(UUID.fromString(claims.getSubject()), UUID.fromString(claims.getStringClaim("tid")),
                    roles, UUID.fromString(claims.getStringClaim("sid")), claims.getJWTID(),
                    claims.getExpirationTime().toInstant());
        } catch (BadJWTException e) {
            if (e.getMessage() != null && e.getMessage().contains("Expired")) {
                throw new InvalidToken("TOKEN_EXPIRED", "The access token has expired; refresh it.");
            }
            throw new InvalidToken("TOKEN_INVALID", "The access token is not valid.");
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            throw new InvalidToken("TOKEN_INVALID", "The access token is not valid.");
        }
    }
}
