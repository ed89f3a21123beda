package dev.parley.identity.internal;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import dev.parley.identity.IdentityProperties;
import dev.parley.shared.cluster.ClusterBus;
import dev.parley.shared.db.PlatformTransactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The RSA keys that sign access tokens. The first is generated on first start and stored (so every node and
 * every restart signs with it); rotation adds a new signing key and keeps retired ones for verification until
 * the tokens they signed have expired. Each key has a {@code kid} that tokens name in their header.
 */
@Component
public class SigningKeys {

    /** A key as the platform API lists it (never the private part). */
    public record KeyInfo(String kid, String algorithm, Instant createdAt, Instant retiredAt, boolean signing) {
    }

    private final JdbcClient db;
    private final PlatformTransactions platform;
    private final IdentityProperties properties;
    private final Clock clock;
    /** Payload: the new signing key's kid; every node drops its loaded keys and reads them again on next use. */
    static final String ROTATED = "identity.signing-key-rotated";

    private final ClusterBus bus;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();
    private volatile Instant lastReload = Instant.EPOCH;

    private record Loaded(RSAKey signing, JWKSet verification) {
    }

    SigningKeys(JdbcClient db, PlatformTransactions platform, IdentityProperties properties, Clock clock,
                ClusterBus bus) {
        this.db = db;
        this.platform = platform;
        this.properties = properties;
        this.clock = clock;
        this.bus = bus;
        bus.subscribe(ROTATED, kid -> loaded.set(null), () -> loaded.set(null));
    }

    /** The key new tokens are signed with, generated if there is none yet. */
    RSAKey signingKey() {
        Loaded current = loaded.get();
        if (current == null) {
            current = reload();
        }
        return current.signing();
    }

    /** Keys that tokens may still be verified with. */
    JWKSet verificationKeys() {
        Loaded current = loaded.get();
        return current != null ? current.verification() : reload().verification();
    }

    /** Reloads when a token names a key this node has not seen (another node rotated); at most once a second. */
    JWKSet verificationKeysIncluding(String kid) {
        JWKSet keys = verificationKeys();
        if (kid != null && keys.getKeyByKeyId(kid) == null
                && Duration.between(lastReload, clock.instant()).compareTo(Duration.ofSeconds(1)) > 0) {
            keys = reload().verification();
        }
        return keys;
    }

    public JWKSet publicKeys() {
        return verificationKeys().toPublicJWKSet();
    }

    public KeyInfo rotate() {
        String kid = platform.call(() -> {
            Instant now = clock.instant();
            db.sql("UPDATE signing_keys SET retired_at = :now WHERE retired_at IS NULL")
                    .param("now", Timestamp.from(now)).update();
            return insertNewKey(now);
        });
        // Every node, this one included, signs with the new key from its next token on; without this another
        // node would go on signing with the retired key until it restarts.
        bus.publish(ROTATED, kid);
        return list().getFirst();
    }

    public List<KeyInfo> list() {
        return platform.call(() -> db.sql("""
                        SELECT kid, algorithm, created_at, retired_at FROM signing_keys ORDER BY created_at DESC
                        """)
                .query((rs, n) -> {
                    Timestamp retired = rs.getTimestamp("retired_at");
                    return new KeyInfo(rs.getString("kid"), rs.getString("algorithm"),
                            rs.getTimestamp("created_at").toInstant(), retired != null ? retired.toInstant() : null,
                            retired == null);
                })
                .list());
    }

    synchronized Loaded reload() {
        Loaded result = platform.call(() -> {
            Instant now = clock.instant();
            List<StoredKey> keys = stored(now);
            if (keys.stream().noneMatch(k -> k.retiredAt() == null)) {
                // Serialise first-start generation across nodes: one key, not one per node.
                db.sql("SELECT pg_advisory_xact_lock(hashtext('parley.signing_keys'))").query().singleRow();
                keys = stored(now);
                if (keys.stream().noneMatch(k -> k.retiredAt() == null)) {
                    insertNewKey(now);
                    keys = stored(now);
                }
            }
            List<com.nimbusds.jose.jwk.JWK> jwks = new ArrayList<>();
            RSAKey signing = null;
            for (StoredKey key : keys) {
                RSAKey jwk = key.toJwk();
                jwks.add(jwk);
                if (key.retiredAt() == null && signing == null) {
                    signing = jwk;
                }
            }
            return new Loaded(signing, new JWKSet(jwks));
        });
        loaded.set(result);
        lastReload = clock.instant();
        return result;
    }

    private record StoredKey(String kid, byte[] privateKey, byte[] publicKey, Instant retiredAt) {

        RSAKey toJwk() {
            try {
                KeyFactory factory = KeyFactory.getInstance("RSA");
                RSAPublicKey pub = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicKey));
                RSAPrivateKey priv = (RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey));
                return new RSAKey.Builder(pub).privateKey(priv).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).build();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("Stored signing key " + kid + " cannot be read", e);
            }
        }
    }

    /** Signing keys and those retired recently enough that tokens they signed may still be valid. */
    private List<StoredKey> stored(Instant now) {
        Instant oldestUseful = now.minus(properties.accessTokenTtl()).minus(Duration.ofMinutes(2));
        return db.sql("""
                        SELECT kid, private_key, public_key, retired_at FROM signing_keys
                        WHERE retired_at IS NULL OR retired_at > :oldest
                        ORDER BY created_at DESC
                        """)
                .param("oldest", Timestamp.from(oldestUseful))
                .query((rs, n) -> {
                    Timestamp retired = rs.getTimestamp("retired_at");
                    return new StoredKey(rs.getString("kid"), rs.getBytes("private_key"), rs.getBytes("public_key"),
                            retired != null ? retired.toInstant() : null);
                })
                .list();
    }

    private String insertNewKey(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = dev.parley.shared.Ids.newId().toString();
            db.sql("""
                            INSERT INTO signing_keys (kid, algorithm, private_key, public_key, created_at)
                            VALUES (:kid, 'RS256', :priv, :pub, :now)
                            """)
                    .param("kid", kid)
                    .param("priv", pair.getPrivate().getEncoded())
                    .param("pub", pair.getPublic().getEncoded())
                    .param("now", Timestamp.from(now))
                    .update();
            return kid;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
