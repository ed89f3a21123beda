package dev.parley.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.parley.chat.ContactView;
import dev.parley.chat.ContactView.PageView;
import dev.parley.shared.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tenant-owned {@code contacts}, {@code contact_pages} and {@code visitor_sessions} tables. */
@Repository
public class ContactRepository {

    /** The name operators see: identified name, else pre-chat name, else email, else "Visitor #N". */
    static final String DISPLAY_NAME = """
            coalesce(nullif(trim(c.name), ''), nullif(trim(c.prechat_name), ''), nullif(trim(c.email), ''),
                     'Visitor #' || c.visitor_number)""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient db;
    private final TenantCounters counters;

    ContactRepository(JdbcClient db, TenantCounters counters) {
        this.db = db;
        this.counters = counters;
    }

    /** A new anonymous visitor; numbers are per tenant, in order of arrival. */
    public UUID create(UUID tenant, String locale, String userAgent, Instant now, Long preassigned) {
        long number = preassigned != null ? preassigned : counters.next(tenant, "visitor");
        UUID id = Ids.newId();
        db.sql("""
                        INSERT INTO contacts (tenant_id, id, visitor_number, locale, user_agent, country, first_seen_at,
                                              last_seen_at)
                        VALUES (:tenant, :id, :number, :locale, :userAgent, :country, :now, :now)
                        """)
                .param("tenant", tenant).param("id", id).param("number", number).param("country", countryOf(locale)).param("locale", clip(locale, 35))
                .param("userAgent", clip(userAgent, 500)).param("now", Timestamp.from(now)).update();
        return id;
    }

    public void recordPage(UUID tenant, UUID contact, String url, String title, String referrer, Instant now) {
        if (url == null || url.isBlank()) {
            return;
        }
        db.sql("""
                        UPDATE contacts SET current_url = :url, current_title = :title,
                               referrer = coalesce(referrer, :referrer), last_seen_at = :now
                        WHERE tenant_id = :tenant AND id = :contact
                        """)
                .param("tenant", tenant).param("contact", contact).param("url", clip(url, 2000))
                .param("title", clip(title, 500)).param("referrer", clip(referrer, 2000))
                .param("now", Timestamp.from(now)).update();
        db.sql("""
                        INSERT INTO contact_pages (tenant_id, id, contact_id, url, title, referrer, viewed_at)
                        SELECT :tenant, :id, :contact, :url, :title, :referrer, :now
                        WHERE NOT EXISTS (SELECT 1 FROM contact_pages p WHERE p.tenant_id = :tenant
                                            AND p.contact_id = :contact AND p.url = :url
                                            AND p.viewed_at > CAST(:now AS timestamptz) - interval '10 seconds')
                        """)
                .param("tenant", tenant).param("id", Ids.newId()).param("contact", contact)
                .param("url", clip(url, 2000)).param("title", clip(title, 500)).param("referrer", clip(referrer, 2000))
                .param("now", Timestamp.from(now)).update();
    }

    public void identify(UUID tenant, UUID contact, String externalId, String name, String email, String phone,
                         Instant now) {
        db.sql("""
                        UPDATE contacts SET external_id = coalesce(:externalId, external_id),
                               name = coalesce(:name, name), email = coalesce(:email, email),
                               phone = coalesce(:phone, phone), last_seen_at = :now
                        WHERE tenant_id = :tenant AND id = :contact
                        """)
                .param("tenant", tenant).param("contact", contact).param("externalId", externalId)
                .param("name", name).param("email", email).param("phone", phone)
                .param("now", Timestamp.from(now)).update();
    }

    /** An operator's correction: a null value keeps the field, an empty one clears it. */
    public void correct(UUID tenant, UUID contact, String name, String email, String phone) {
        db.sql("""
                        UPDATE contacts SET
                               name = CASE WHEN CAST(:name AS text) IS NULL THEN name ELSE nullif(:name, '') END,
                               email = CASE WHEN CAST(:email AS text) IS NULL THEN email ELSE nullif(:email, '') END,
                               phone = CASE WHEN CAST(:phone AS text) IS NULL THEN phone ELSE nullif(:phone, '') END
                        WHERE tenant_id = :tenant AND id = :contact
                        """)
                .param("tenant", tenant).param("contact", contact).param("name", name).param("email", email)
                .param("phone", phone).update();
    }

    /** Adds or replaces custom attributes; a null value removes one. */
    public void mergeAttributes(UUID tenant, UUID contact, Map<String, Object> attributes) {
        Map<String, Object> set = new java.util.HashMap<>();
        List<String> removed = new java.util.ArrayList<>();
        attributes.forEach((k, v) -> {
            if (v == null) {
                removed.add(k);
            } else {
                set.put(k, v);
            }
        });
        db.sql("""
                        UPDATE contacts SET attributes = (attributes || CAST(:set AS jsonb)) - CAST(:removed AS text[])
                        WHERE tenant_id = :tenant AND id = :contact
                        """)
                .param("tenant", tenant).param("contact", contact).param("set", JSON.writeValueAsString(set))
                .param("removed", removed.toArray(String[]::new)).update();
    }

    public void prechat(UUID tenant, UUID contact, String name, String email, Instant now) {
        db.sql("""
                        UPDATE contacts SET prechat_name = coalesce(:name, prechat_name),
                               email = coalesce(email, :email), last_seen_at = :now
                        WHERE tenant_id = :tenant AND id = :contact
                        """)
                .param("tenant", tenant).param("contact", contact).param("name", name).param("email", email)
                .param("now", Timestamp.from(now)).update();
    }

    public boolean hasConversation(UUID tenant, UUID contact) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM conversations WHERE tenant_id = :tenant AND contact_id = :contact)")
                .param("tenant", tenant).param("contact", contact).query(Boolean.class).single();
    }

    public Optional<UUID> findByExternalId(UUID tenant, String externalId) {
        return db.sql("SELECT id FROM contacts WHERE tenant_id = :tenant AND external_id = :externalId")
                .param("tenant", tenant).param("externalId", externalId).query(UUID.class).optional();
    }

    public Optional<ContactView> find(UUID tenant, UUID contact) {
        return db.sql("SELECT c.*, c.attributes::text AS attrs, " + DISPLAY_NAME
                        + " AS display_name FROM contacts c WHERE c.tenant_id = :tenant AND c.id = :contact")
                .param("tenant", tenant).param("contact", contact)
                .query((rs, n) -> contact(rs, pages(tenant, contact)))
                .optional();
    }

    public List<ContactView> list(UUID tenant, String text, UUID before, int limit) {
        String pattern = dev.parley.shared.db.SqlText.containsPattern(text);
        return db.sql("SELECT c.*, c.attributes::text AS attrs, " + DISPLAY_NAME + """
                         AS display_name FROM contacts c
                        WHERE c.tenant_id = :tenant
                          AND (CAST(:pattern AS text) IS NULL OR lower(coalesce(c.name, '')) LIKE :pattern
                               OR lower(coalesce(c.email, '')) LIKE :pattern
                               OR lower(coalesce(c.prechat_name, '')) LIKE :pattern)
                          AND (CAST(:before AS uuid) IS NULL OR c.id < :before)
                        ORDER BY c.id DESC LIMIT :limit
                        """)
                .param("tenant", tenant).param("pattern", pattern).param("before", before).param("limit", limit)
                .query((rs, n) -> contact(rs, List.of())).list();
    }

    private List<PageView> pages(UUID tenant, UUID contact) {
        return db.sql("""
                        SELECT url, title, referrer, viewed_at FROM contact_pages
                        WHERE tenant_id = :tenant AND contact_id = :contact ORDER BY viewed_at DESC LIMIT 50
                        """)
                .param("tenant", tenant).param("contact", contact)
                .query((rs, n) -> new PageView(rs.getString("url"), rs.getString("title"), rs.getString("referrer"),
                        rs.getTimestamp("viewed_at").toInstant()))
                .list();
    }

    private static ContactView contact(ResultSet rs, List<PageView> pages) throws SQLException {
        return new ContactView(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("name"),
                rs.getString("email"), rs.getString("phone"), rs.getString("external_id"),
                rs.getInt("visitor_number"), JSON.readValue(rs.getString("attrs"), MAP), rs.getString("locale"),
                rs.getString("user_agent"), rs.getString("country"), rs.getString("current_url"),
                rs.getString("current_title"), rs.getString("referrer"), rs.getTimestamp("first_seen_at").toInstant(),
                rs.getTimestamp("last_seen_at").toInstant(), pages);
    }

    /**
     * The country a visitor is probably in, from the region of their browser's language ({@code fr-BE} → BE),
     * until an IP geolocation source is configured; null when the language names no region.
     */
    static String countryOf(String locale) {
        if (locale == null) {
            return null;
        }
        String[] parts = locale.trim().replace('_', '-').split("-");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].length() == 2 && parts[i].chars().allMatch(Character::isLetter)) {
                return parts[i].toUpperCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
    }
}
