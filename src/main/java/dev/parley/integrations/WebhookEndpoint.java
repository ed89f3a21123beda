package dev.parley.integrations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's webhook endpoint as the API shows it: never its secret, which is shown once when it is made.
 *
 * @param events event type keys, or {@code ["*"]} for every type
 */
public record WebhookEndpoint(UUID id, String url, String description, List<String> events, boolean enabled,
                              Instant createdAt, Instant updatedAt) {
}
