package dev.parley.chat;

import java.util.Optional;
import java.util.UUID;

import dev.parley.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who a conversation is with, as modules that keep work about a chat (tasks, follow-ups) need it: the contact's
 * name, email and phone, each {@code null} when the contact never gave it. Within the caller's tenant.
 */
@Service
@Transactional(readOnly = true)
public class ConversationContacts {

    /**
     * A conversation's contact.
     *
     * @param displayName what operators see (never empty: falls back to the email or "Visitor #N")
     * @param name        the name the contact gave (identified or pre-chat), or null
     */
    public record Contact(UUID conversationId, int conversationNumber, UUID contactId, String displayName,
                          String name, String email, String phone) {
    }

    private final JdbcClient db;

    ConversationContacts(JdbcClient db) {
        this.db = db;
    }

    /** The contact of this conversation of the tenant; empty when the tenant has no such conversation. */
    public Optional<Contact> of(TenantId tenant, UUID conversationId) {
        return db.sql("""
                        SELECT cv.id, cv.number, c.id AS contact_id,
                               coalesce(nullif(trim(c.name), ''), nullif(trim(c.prechat_name), '')) AS name,
                               nullif(trim(c.email), '') AS email, nullif(trim(c.phone), '') AS phone,
                               c.visitor_number
                        FROM conversations cv
                        JOIN contacts c ON c.tenant_id = cv.tenant_id AND c.id = cv.contact_id
                        WHERE cv.tenant_id = :tenant AND cv.id = :id
                        """)
                .param("tenant", tenant.value()).param("id", conversationId)
                .query((rs, n) -> {
                    String name = rs.getString("name");
                    String email = rs.getString("email");
                    String display = name != null ? name : email != null ? email
                            : "Visitor #" + rs.getInt("visitor_number");
                    return new Contact(rs.getObject("id", UUID.class), rs.getInt("number"),
                            rs.getObject("contact_id", UUID.class), display, name, email, rs.getString("phone"));
                })
                .optional();
    }
}
