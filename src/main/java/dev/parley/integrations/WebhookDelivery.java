package dev.parley.integrations;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One event sent (or being sent) to one endpoint: its status, how many attempts it took, what the receiver last
 * answered, and the event's data.
 *
 * @param lastStatusCode the receiver's last HTTP status, null when it did not answer (timeout, refused connection)
 * @param nextAttemptAt  when it is tried again; null once it succeeded or failed for good
 */
public record WebhookDelivery(UUID id, UUID endpointId, UUID eventId, String eventType, Status status, int attempts,
                              Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt,
                              Instant deliveredAt, Map<String, Object> data) {

    /** PENDING until a 2xx answer (SUCCEEDED) or the last attempt failed (FAILED). */
    public enum Status {
        PENDING, SUCCEEDED, FAILED
    }
}
