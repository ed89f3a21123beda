package dev.parley.notify.internal;

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

    /**
     * In foreign-key order: attachments belong to mail, mail references notifications, notifications reference
     * memberships.
     */
    private static final List<String> TABLES = List.of("mail_attachments", "mail_outbox", "notifications", "reminder_settings");

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
        Map<String, Integer> rows = TenantDataPurge.deleteRows(db, tenant, TABLES);
        return rows;
    }
}
