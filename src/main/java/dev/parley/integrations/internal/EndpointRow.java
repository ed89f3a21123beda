package dev.parley.integrations.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.parley.integrations.WebhookEndpoint;

/** A row of {@code webhook_endpoints}, secret included (never shown by the API but when it is made). */
public record EndpointRow(UUID id, String url, String description, List<String> events, String secret,
                          boolean enabled, Instant createdAt, Instant updatedAt) {

    public WebhookEndpoint view() {
        return new WebhookEndpoint(id, url, description, events, enabled, createdAt, updatedAt);
    }
}
