package dev.parley.integrations.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.parley.integrations.WebhookDelivery;
import dev.parley.integrations.WebhookDelivery.Status;
import dev.parley.shared.TenantId;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A row of {@code webhook_deliveries}; {@code payload} is the event's data as stored (JSON text). */
public record DeliveryRow(TenantId tenant, UUID id, UUID endpointId, UUID eventId, String eventType, String payload,
                          Status status, int attempts, Instant nextAttemptAt, Integer lastStatusCode, String lastError,
                          Instant createdAt, Instant deliveredAt) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    public WebhookDelivery view() {
        Map<String, Object> data = JSON.readValue(payload, new TypeReference<Map<String, Object>>() {
        });
        return new WebhookDelivery(id, endpointId, eventId, eventType, status, attempts, nextAttemptAt, lastStatusCode,
                lastError, createdAt, deliveredAt, data);
    }
}
