package dev.parley.integrations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.parley.integrations.WebhookDelivery.Status;
import dev.parley.integrations.WebhookEventType;
import io.micrometer.core.instrument.MeterRegistry;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * One attempt at a delivery, when its execution runs: read it and its endpoint, POST the event outside any
 * transaction, record the answer. A 2xx is success; anything else is tried again after the next of
 * {@code parley.webhooks.retry-delays}, and after the last attempt the delivery is FAILED. A node that dies between
 * the receiver's answer and its record sends the event again when the execution is revived: delivery is at least
 * once, and receivers drop duplicates by the event id.
 */
@Component
class DeliveryAttempts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final WebhookDeliveryRepository deliveries;
    private final WebhookEndpointRepository endpoints;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final TenantDirectory tenants;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;
    private final Clock clock;

    DeliveryAttempts(WebhookDeliveryRepository deliveries, WebhookEndpointRepository endpoints, WebhookSender sender,
                     WebhookProperties properties, TenantDirectory tenants, PlatformTransactionManager transactions,
                     MeterRegistry meters, Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.sender = sender;
        this.properties = properties;
        this.tenants = tenants;
        this.transaction = new TransactionTemplate(transactions);
        this.meters = meters;
        this.clock = clock;
    }

    /** Attempts the delivery; answers when to try again, or nothing when it is done (succeeded, failed, gone). */
    Optional<Instant> attempt(TenantId tenant, UUID id) {
        boolean active = tenants.find(tenant).map(t -> t.status() == TenantStatus.ACTIVE).orElse(false);
        DeliveryRow delivery = inTenant(tenant, () -> deliveries.find(tenant, id).orElse(null));
        if (delivery == null || delivery.status() != Status.PENDING) {
            return Optional.empty();
        }
        EndpointRow endpoint = inTenant(tenant, () -> endpoints.find(tenant, delivery.endpointId()).orElse(null));
        if (!active || endpoint == null || (!endpoint.enabled() && !delivery.eventType().equals(WebhookEventType.PING.key()))) {
            String reason = !active ? "The workspace is not active." : "The endpoint is disabled.";
            inTenant(tenant, () -> {
                deliveries.abandon(tenant, id, reason);
                return null;
            });
            return Optional.empty();
        }
        Instant now = clock.instant();
        String body = envelope(delivery);
        WebhookSender.Outcome outcome = sender.send(endpoint.url(), endpoint.secret(), delivery.eventId().toString(),
                delivery.eventType(), now.getEpochSecond(), body);
        int attempts = delivery.attempts() + 1;
        count(outcome.succeeded() ? "succeeded" : properties.retryDelay(attempts) == null ? "failed" : "retrying");
        if (outcome.succeeded()) {
            inTenant(tenant, () -> {
                deliveries.succeeded(tenant, id, attempts, outcome.statusCode(), clock.instant());
                return null;
            });
            return Optional.empty();
        }
        Duration delay = properties.retryDelay(attempts);
        Instant next = delay == null ? null : clock.instant().plus(delay);
        inTenant(tenant, () -> {
            deliveries.failed(tenant, id, attempts, outcome.statusCode(), clip(outcome.error()), next);
            return null;
        });
        if (next == null) {
            log.info("Webhook delivery {} to {} failed after {} attempts: {}", id, endpoint.url(), attempts,
                    outcome.error());
        } else {
            log.debug("Webhook delivery {} to {} failed (attempt {}): {}; next at {}", id, endpoint.url(), attempts,
                    outcome.error(), next);
        }
        return Optional.ofNullable(next);
    }

    /** Attempts by outcome ({@code parley.webhooks.attempts}: succeeded, retrying, failed for good). */
    private void count(String outcome) {
        meters.counter("parley.webhooks.attempts", "outcome", outcome).increment();
    }

    /** The body receivers get: {@code {id, type, created, tenantId, data}}, in that order. */
    static String envelope(DeliveryRow delivery) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", delivery.eventId().toString());
        event.put("type", delivery.eventType());
        event.put("created", delivery.createdAt().toString());
        event.put("tenantId", delivery.tenant().value().toString());
        event.put("data", DeliveryRow.JSON.readValue(delivery.payload(), JsonNode.class));
        return DeliveryRow.JSON.writeValueAsString(event);
    }

    private <T> T inTenant(TenantId tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant, () -> transaction.execute(status -> work.get()));
    }

    private static String clip(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= 500 ? error : error.substring(0, 499) + "…";
    }
}
