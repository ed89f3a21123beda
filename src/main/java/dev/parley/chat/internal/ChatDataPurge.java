package dev.parley.chat.internal;

import java.util.List;
import java.util.Map;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDataPurge;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A purged tenant's visitors, conversations, messages and chat preferences; before identity's memberships. */
@Component
@Order(TenantDataPurge.CHAT)
class ChatDataPurge implements TenantDataPurge {

    /** In foreign-key order: what references a row goes before it. */
    private static final List<String> TABLES = List.of("messages", "conversation_reads", "conversations",
            "contact_pages", "visitor_sessions", "contacts", "operator_status", "column_configs");

    private final JdbcClient db;

    ChatDataPurge(JdbcClient db) {
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
