package dev.parley.notify.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDataPurge;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A purged tenant's notifications, mail outbox and reminder settings; before chat and identity (memberships). */
@Component
@Order(60)
class NotifyDataPurge implements TenantDataPurge {

    /** In foreign-key order: mail references notifications, notifications reference memberships. */
    private static final List<String> TABLES = List.of("mail_outbox", "notifications", "reminder_settings");

    private final JdbcClient db;

    NotifyDataPurge(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, Integer> purge(TenantId tenant) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, db.sql("DELETE FROM " + table + " WHERE tenant_id = :tenant")
                    .param("tenant", tenant.value()).update());
        }
        return rows;
    }
}
