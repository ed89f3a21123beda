package dev.parley.identity.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDataPurge;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A purged tenant's memberships, sessions and invitations, and the accounts of people who belonged to no other
 * tenant (their name, email and password were there for this tenant only). Platform owners' accounts stay.
 */
@Component
@Order(TenantDataPurge.IDENTITY)
class IdentityDataPurge implements TenantDataPurge {

    /** In foreign-key order: sessions reference memberships. */
    private static final List<String> TABLES = List.of("refresh_tokens", "invitations", "memberships");

    private final JdbcClient db;

    IdentityDataPurge(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, Integer> purge(TenantId tenant) {
        List<UUID> members = db.sql("SELECT user_id FROM memberships WHERE tenant_id = :tenant")
                .param("tenant", tenant.value()).query(UUID.class).list();
        Map<String, Integer> rows = TenantDataPurge.deleteRows(db, tenant, TABLES);
        rows.put("users", members.isEmpty() ? 0 : db.sql("""
                        DELETE FROM users u
                        WHERE u.id IN (:members) AND u.platform_role IS NULL
                          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)
                          AND NOT EXISTS (SELECT 1 FROM invitations i
                                          WHERE i.invited_by = u.id OR i.accepted_user_id = u.id)
                        """)
                .param("members", members).update());
        return rows;
    }
}
