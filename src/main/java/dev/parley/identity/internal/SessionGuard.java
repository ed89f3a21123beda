package dev.parley.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.sql.Timestamp;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.parley.identity.Role;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantStatus;
import dev.parley.tenancy.TenantSummary;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides, for every request with a valid access token, whether its session still stands: the user is active,
 * still a member of the token's tenant with an active membership, the session was not signed out or revoked,
 * and the tenant is neither suspended nor deleted. Roles come from the database, not the token, so a role
 * change takes effect at once. Results are cached for ten seconds and evicted on every node whenever a session,
 * membership or person changes on any of them.
 */
@Component
public class SessionGuard {

    /** The outcome for one session. */
    public sealed interface Verdict {
    }

    /** The session stands, with these current roles. */
    public record Valid(Set<String> roles, TenantStatus tenantStatus) implements Verdict {
    }

    /** The session no longer stands. */
    public record Invalid(String code) implements Verdict {
    }

    /** Payload: none; every node forgets every cached verdict. */
    static final String EVICTIONS = "identity.sessions-changed";

    private record Key(UUID tenant, UUID user, UUID session) {
    }

    private record State(Role role, boolean membershipActive, boolean userActive, boolean superAdmin,
                         boolean sessionActive) {
    }

    private final JdbcClient db;
    private final TransactionTemplate readOnly;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final ClusterBus bus;
    private final Cache<Key, Optional<State>> cache = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(10))
            .build();

    SessionGuard(JdbcClient db, PlatformTransactionManager transactions, TenantDirectory tenants, Clock clock,
                 ClusterBus bus) {
        this.db = db;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.tenants = tenants;
        this.clock = clock;
        this.bus = bus;
        bus.subscribe(EVICTIONS, all -> cache.invalidateAll(), cache::invalidateAll);
    }

    public Verdict check(AccessTokens.Claims claims) {
        Optional<TenantSummary> tenant = tenants.find(TenantId.of(claims.tenant()));
        if (tenant.isEmpty()) {
            return new Invalid("TOKEN_INVALID");
        }
        Optional<State> state = cache.get(new Key(claims.tenant(), claims.user(), claims.session()),
                key -> load(key));
        if (state.isEmpty() || !state.get().membershipActive() || !state.get().userActive()) {
            return new Invalid("TOKEN_INVALID");
        }
        if (!state.get().sessionActive()) {
            return new Invalid("SESSION_ENDED");
        }
        Set<String> roles = new LinkedHashSet<>();
        roles.add(state.get().role().name());
        if (state.get().superAdmin()) {
            roles.add(Role.SUPER_ADMIN.name());
        }
        return new Valid(roles, tenant.get().status());
    }

    /**
     * Forgets every cached verdict, on this node now and on every node when the current transaction commits;
     * called after sign-outs, role changes and deactivations.
     */
    public void evictAll() {
        cache.invalidateAll();
        bus.publishAfterCommit(EVICTIONS, "all");
    }

    private Optional<State> load(Key key) {
        // The tenant path, bound to the token's tenant: row-level security applies to this lookup too.
        return TenantContext.callAs(TenantId.of(key.tenant()), () -> readOnly.execute(status -> db.sql("""
                        SELECT m.role, m.status = 'ACTIVE' AS membership_active, u.status = 'ACTIVE' AS user_active,
                               u.platform_role = 'SUPER_ADMIN' AS super_admin,
                               EXISTS (SELECT 1 FROM refresh_tokens r
                                       WHERE r.tenant_id = :tenant AND r.family_id = :session AND r.user_id = :user
                                         AND r.revoked_at IS NULL AND r.expires_at > :now) AS session_active
                        FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.tenant_id = :tenant AND m.user_id = :user
                        """)
                .param("tenant", key.tenant()).param("user", key.user()).param("session", key.session())
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new State(Role.valueOf(rs.getString("role")), rs.getBoolean("membership_active"),
                        rs.getBoolean("user_active"), rs.getBoolean("super_admin"), rs.getBoolean("session_active")))
                .optional()));
    }
}
