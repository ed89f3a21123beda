package dev.parley.integrations.internal;

import static dev.parley.integrations.internal.WebhookEndpointRepository.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.integrations.WebhookDelivery.Status;
import dev.parley.shared.TenantId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webhook_deliveries} table: every event sent to an endpoint and how its attempts went. */
@Repository
public class WebhookDeliveryRepository {

    private final JdbcClient db;

    WebhookDeliveryRepository(JdbcClient db) {
        this.db = db;
    }

    void insert(DeliveryRow row) {
        db.sql("""
                        INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type, payload, status,
                                                        attempts, next_attempt_at, created_at)
                        VALUES (:tenant, :id, :endpoint, :event, :type, CAST(:payload AS jsonb), :status, 0, :next,
                                :createdAt)
                        """)
                .param("tenant", row.tenant().value()).param("id", row.id()).param("endpoint", row.endpointId())
                .param("event", row.eventId()).param("type", row.eventType()).param("payload", row.payload())
                .param("status", row.status().name())
                .param("next", row.nextAttemptAt() == null ? null : Timestamp.from(row.nextAttemptAt()))
                .param("createdAt", Timestamp.from(row.createdAt()))
                .update();
    }

    public Optional<DeliveryRow> find(TenantId tenant, UUID id) {
        return db.sql("SELECT * FROM webhook_deliveries WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value()).param("id", id)
                .query(WebhookDeliveryRepository::row).optional();
    }

    /** An endpoint's deliveries, newest first, before the cursor's id. */
    public List<DeliveryRow> ofEndpoint(TenantId tenant, UUID endpoint, UUID before, int limit) {
        return db.sql("""
                        SELECT * FROM webhook_deliveries
                        WHERE tenant_id = :tenant AND endpoint_id = :endpoint
                          AND (CAST(:before AS uuid) IS NULL OR id < :before)
                        ORDER BY id DESC
                        LIMIT :limit
                        """)
                .param("tenant", tenant.value()).param("endpoint", endpoint).param("before", before)
                .param("limit", limit)
                .query(WebhookDeliveryRepository::row).list();
    }

    void succeeded(TenantId tenant, UUID id, int attempts, int statusCode, Instant at) {
        db.sql("""
                        UPDATE webhook_deliveries SET status = 'SUCCEEDED', attempts = :attempts, last_status_code = :code,
                               last_error = NULL, next_attempt_at = NULL, delivered_at = :at
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value()).param("id", id).param("attempts", attempts)
                .param("code", statusCode).param("at", Timestamp.from(at)).update();
    }

    /** A failed attempt: tried again at {@code next}, or, when {@code next} is null, given up (FAILED). */
    void failed(TenantId tenant, UUID id, int attempts, Integer statusCode, String error, Instant next) {
        db.sql("""
                        UPDATE webhook_deliveries SET status = :status, attempts = :attempts, last_status_code = :code,
                               last_error = :error, next_attempt_at = :next
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value()).param("id", id)
                .param("status", next == null ? Status.FAILED.name() : Status.PENDING.name())
                .param("attempts", attempts).param("code", statusCode).param("error", error)
                .param("next", next == null ? null : Timestamp.from(next)).update();
    }

    /** Sends it again from {@code at}: PENDING, whatever it was. */
    void retry(TenantId tenant, UUID id, Instant at) {
        db.sql("""
                        UPDATE webhook_deliveries SET status = 'PENDING', next_attempt_at = :at
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value()).param("id", id).param("at", Timestamp.from(at)).update();
    }

    /** A delivery whose endpoint is disabled or gone stops where it is. */
    void abandon(TenantId tenant, UUID id, String reason) {
        db.sql("""
                        UPDATE webhook_deliveries SET status = 'FAILED', last_error = :reason, next_attempt_at = NULL
                        WHERE tenant_id = :tenant AND id = :id AND status = 'PENDING'
                        """)
                .param("tenant", tenant.value()).param("id", id).param("reason", reason).update();
    }

    private static DeliveryRow row(ResultSet rs, int index) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer statusCode = rs.wasNull() ? null : code;
        return new DeliveryRow(TenantId.of(rs.getObject("tenant_id", UUID.class)), rs.getObject("id", UUID.class),
                rs.getObject("endpoint_id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("event_type"), rs.getString("payload"), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), statusCode, rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "delivered_at"));
    }
}
