package dev.parley.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.parley.tenancy.TenantActivity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Identity's share of the tenants' activity figures: how many people are active members, and when the last
 * session in the tenant started (a sign-in, an accepted invitation or a switch into it: the first refresh
 * token of a session family). Called on the platform path, for many tenants in one query.
 */
@Component
class MemberActivity implements TenantActivity {

    private final JdbcClient db;

    MemberActivity(JdbcClient db) {
        this.db = db;
    }

    @Override
    public Map<UUID, Figures> figures(Set<UUID> tenants, Instant monthStart) {
        return db.sql("""
                        SELECT t.id,
                               (SELECT count(*) FROM memberships m
                                WHERE m.tenant_id = t.id AND m.status = 'ACTIVE') AS members,
                               (SELECT max(s.started)
                                FROM (SELECT min(r.issued_at) AS started FROM refresh_tokens r
                                      WHERE r.tenant_id = t.id GROUP BY r.family_id) s) AS last_sign_in
                        FROM unnest(CAST(:tenants AS uuid[])) AS t (id)
                        """)
                .param("tenants", tenants.toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class),
                        new Figures(rs.getInt("members"), 0, null, instant(rs.getTimestamp("last_sign_in")))))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp != null ? timestamp.toInstant() : null;
    }
}
