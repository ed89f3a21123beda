package dev.parley.tenancy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes a tenant's rows from one module's tables when the tenant is purged after its grace period. Each module
 * that owns tenant tables implements it, so tenancy can purge everything without depending on those modules.
 *
 * <p>Every implementation runs in the purge's single platform transaction (row-level security bypassed), in
 * Spring's {@code @Order}, lowest first. A module whose rows reference another module's rows must come before it:
 * chat ({@link #CHAT}) before identity ({@link #IDENTITY}), because conversations and operator status reference
 * memberships; tenancy's own tables and the tenant's audit trail go last ({@link #TENANCY}).
 */
public interface TenantDataPurge {

    int CHAT = 100;
    int IDENTITY = 200;
    int TENANCY = 1000;

    /** The tenant-owned tables this implementation empties, so a check can tell when a table is forgotten. */
    List<String> tables();

    /** Deletes every row of the tenant from {@link #tables()}; answers how many rows went, by table. */
    Map<String, Integer> purge(TenantId tenant);

    /**
     * Deletes the tenant's rows from each table in the order given (what references a row first), and answers how
     * many went from each; the table names are the implementation's own constants, never input.
     */
    static Map<String, Integer> deleteRows(JdbcClient db, TenantId tenant, List<String> tables) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (String table : tables) {
            rows.put(table, db.sql("DELETE FROM " + table + " WHERE tenant_id = :tenant")
                    .param("tenant", tenant.value()).update());
        }
        return rows;
    }
}
