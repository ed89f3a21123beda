package dev.parley.integrations.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webhook_endpoints} table: a tenant's endpoints, oldest first. */
@Repository
public class WebhookEndpointRepository {

    private final JdbcClient db;

    WebhookEndpointRepository(JdbcClient db) {
        this.db = db;
    }

    public void insert(TenantId tenant, EndpointRow row) {
        db.sql("""
                        INSERT INTO webhook_endpoints (tenant_id, id, url, description, event_types, secret, enabled,
                                                       created_at, updated_at)
                        VALUES (:tenant, :id, :url, :description, :events, :secret, :enabled, :createdAt, :updatedAt)
                        """)
                .param("tenant", tenant.value()).param("id", row.id()).param("url", row.url())
                .param("description", row.description()).param("events", row.events().toArray(String[]::new))
                .param("secret", row.secret()).param("enabled", row.enabled())
                .param("createdAt", Timestamp.from(row.createdAt())).param("updatedAt", Timestamp.from(row.updatedAt()))
                .update();
    }

    public void update(TenantId tenant, EndpointRow row) {
        db.sql("""
                        UPDATE webhook_endpoints SET url = :url, description = :description, event_types = :events,
                               secret = :secret, enabled = :enabled, updated_at = :updatedAt
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value()).param("id", row.id()).param("url", row.url())
                .param("description", row.description()).param("events", row.events().toArray(String[]::new))
                .param("secret", row.secret()).param("enabled", row.enabled())
                .param("updatedAt", Timestamp.from(row.updatedAt()))
                .update();
    }

    public boolean delete(TenantId tenant, UUID id) {
        return db.sql("DELETE FROM webhook_endpoints WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value()).param("id", id).update() > 0;
    }

    public Optional<EndpointRow> find(TenantId tenant, UUID id) {
        return db.sql("SELECT * FROM webhook_endpoints WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value()).param("id", id)
                .query(WebhookEndpointRepository::row).optional();
    }

    public List<EndpointRow> all(TenantId tenant) {
        return db.sql("SELECT * FROM webhook_endpoints WHERE tenant_id = :tenant ORDER BY created_at, id")
                .param("tenant", tenant.value())
                .query(WebhookEndpointRepository::row).list();
    }

    public int count(TenantId tenant) {
        return db.sql("SELECT count(*) FROM webhook_endpoints WHERE tenant_id = :tenant")
                .param("tenant", tenant.value()).query(Integer.class).single();
    }

    /** The enabled endpoints that receive this event type (by name or through {@code *}). */
    public List<EndpointRow> receiving(TenantId tenant, String eventType) {
        return db.sql("""
                        SELECT * FROM webhook_endpoints
                        WHERE tenant_id = :tenant AND enabled
                          AND (:type = ANY (event_types) OR '*' = ANY (event_types))
                        ORDER BY created_at, id
                        """)
                .param("tenant", tenant.value()).param("type", eventType)
                .query(WebhookEndpointRepository::row).list();
    }

    private static EndpointRow row(ResultSet rs, int index) throws SQLException {
        String[] events = (String[]) rs.getArray("event_types").getArray();
        return new EndpointRow(rs.getObject("id", UUID.class), rs.getString("url"), rs.getString("description"),
                List.copyOf(Arrays.asList(events)), rs.getString("secret"), rs.getBoolean("enabled"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
