package dev.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tokens that were not issued as they are must be refused, whatever was changed. */
@ParleyIntegrationTest
class TokenTamperingIT {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("owner")
    DataSource owner;

    Api api;
    Fixtures fixtures;
    TenantSetup acme;
    JWTClaimsSet genuine;
    String kid;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(port);
        fixtures = new Fixtures(api);
        acme = fixtures.tenant("tamper");
        SignedJWT jwt = SignedJWT.parse(acme.admin().accessToken());
        genuine = jwt.getJWTClaimsSet();
        kid = jwt.getHeader().getKeyID();
    }

    @Test
    void theGenuineTokenWorks() {
        assertThat(api.get("/api/v1/me", acme.admin().accessToken()).status()).isEqualTo(200);
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRefused() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}");
        String token = header + "." + b64(genuine.toString()) + ".";

        assertRefused(token, "TOKEN_INVALID");
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderOurKeyIdIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);

        String token = sign(genuine, (RSAPrivateKey) generator.generateKeyPair().getPrivate());

        assertRefused(token, "TOKEN_INVALID");
    }

    @Test
    void anHmacTokenKeyedWithOurPublicKeyIsRefused() throws Exception {
        byte[] secret = JdbcClient.create(owner).sql("SELECT public_key FROM signing_keys WHERE kid = :kid")
                .param("kid", kid).query(byte[].class).single();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid)
                .type(new JOSEObjectType("at+jwt")).build(), genuine);
        jwt.sign(new MACSigner(java.util.Arrays.copyOf(secret, 64)));

        assertRefused(jwt.serialize(), "TOKEN_INVALID");
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() throws Exception {
        JWTClaimsSet expired = new JWTClaimsSet.Builder(genuine)
                .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                .build();

        assertRefused(sign(expired, ourKey()), "TOKEN_EXPIRED");
    }

    @Test
    void aChangedPayloadBreaksTheSignature() {
        String[] parts = acme.admin().accessToken().split("\\.");
        String otherTenant = genuine.toString().replace(acme.id().toString(), UUID.randomUUID().toString());

        assertRefused(parts[0] + "." + b64(otherTenant) + "." + parts[2], "TOKEN_INVALID");
    }

    @Test
    void aValidlySignedTokenForATenantTheUserDoesNotBelongToIsRefused() throws Exception {
        TenantSetup other = fixtures.tenant("other");
        JWTClaimsSet forged = new JWTClaimsSet.Builder(genuine).claim("tid", other.id().toString()).build();

        assertRefused(sign(forged, ourKey()), "TOKEN_INVALID");
        assertThat(api.get("/api/v1/users", sign(forged, ourKey())).status()).isEqualTo(401);
    }

    @Test
    void aTokenClaimingSuperAdminDoesNotMakeItSo() throws Exception {
        JWTClaimsSet forged = new JWTClaimsSet.Builder(genuine)
                .claim("roles", List.of("TENANT_ADMIN", "SUPER_ADMIN")).build();

        Response response = api.get("/api/v1/platform/tenants", sign(forged, ourKey()));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void garbageAndTokensOfAnotherIssuerAreRefused() throws Exception {
        assertRefused("not-a-jwt", "TOKEN_INVALID");
        assertRefused(sign(new JWTClaimsSet.Builder(genuine).issuer("someone-else").build(), ourKey()),
                "TOKEN_INVALID");
    }

    @Test
    void aRotatedKeyKeepsEarlierTokensValidAndSignsNewOnes() throws Exception {
        String root = fixtures.superAdmin().accessToken();

        Response rotated = api.post("/api/v1/platform/signing-keys/rotate", root, null);

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.text("kid")).isNotEqualTo(kid);
        assertThat(api.get("/api/v1/me", acme.admin().accessToken()).status()).isEqualTo(200);
        String fresh = fixtures.login(acme.admin().email(), Fixtures.PASSWORD, null).accessToken();
        assertThat(SignedJWT.parse(fresh).getHeader().getKeyID()).isEqualTo(rotated.text("kid"));
        assertThat(api.get("/.well-known/jwks.json", null).raw()).contains(kid).contains(rotated.text("kid"));
    }

    private void assertRefused(String token, String code) {
        Response response = api.get("/api/v1/me", token);
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.code()).isEqualTo(code);
    }

    private RSAPrivateKey ourKey() throws Exception {
        byte[] der = JdbcClient.create(owner).sql("SELECT private_key FROM signing_keys WHERE kid = :kid")
                .param("kid", kid).query(byte[].class).single();
        return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private String sign(JWTClaimsSet claims, RSAPrivateKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
                .type(new JOSEObjectType("at+jwt")).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
