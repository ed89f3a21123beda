package dev.parley.integrations;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.audit.AuditLog;
import dev.parley.billing.Entitlements;
import dev.parley.billing.Feature;
import dev.parley.integrations.internal.DeliveryRow;
import dev.parley.integrations.internal.EndpointRow;
import dev.parley.integrations.internal.EndpointUrl;
import dev.parley.integrations.internal.WebhookDeliveryRepository;
import dev.parley.integrations.internal.WebhookEndpointRepository;
import dev.parley.integrations.internal.WebhookEvents;
import dev.parley.integrations.internal.WebhookProperties;
import dev.parley.integrations.internal.WebhookSignature;
import dev.parley.shared.Ids;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.web.CursorPage;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's webhook endpoints, for its admins: add, change, enable or disable, remove, roll the signing secret,
 * send a test event, read the delivery log and send a delivery again. Every call needs the plan feature
 * {@code webhooks} (402 {@code PLAN_UPGRADE_REQUIRED} otherwise); every change is audit-logged. Another tenant's
 * endpoint or delivery is not found.
 */
@Service
@Transactional
public class Webhooks {

    /** A new endpoint; {@code events} are event type keys or {@code ["*"]}; enabled unless said otherwise. */
    public record NewEndpoint(String url, String description, List<String> events, Boolean enabled) {
    }

    /** A change to an endpoint: null members stay as they are; an empty description clears it. */
    public record EndpointChange(String url, String description, List<String> events, Boolean enabled) {
    }

    /** An endpoint and its signing secret, answered only when the secret is made (creation, roll). */
    public record EndpointWithSecret(WebhookEndpoint endpoint, String secret) {
    }

    static final int DESCRIPTION_MAX = 500;

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookEvents events;
    private final WebhookProperties properties;
    private final Entitlements entitlements;
    private final AuditLog audit;
    private final Clock clock;

    Webhooks(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries, WebhookEvents events,
             WebhookProperties properties, Entitlements entitlements, AuditLog audit, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.events = events;
        this.properties = properties;
        this.entitlements = entitlements;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<WebhookEndpoint> list(TenantId tenant) {
        requirePlan(tenant);
        return endpoints.all(tenant).stream().map(EndpointRow::view).toList();
    }

    /** The event types an endpoint may subscribe to. */
    @Transactional(readOnly = true)
    public List<WebhookEventType> eventTypes(TenantId tenant) {
        requirePlan(tenant);
        return WebhookEventType.subscribableTypes();
    }

    @Transactional(readOnly = true)
    public WebhookEndpoint get(TenantId tenant, UUID id) {
        requirePlan(tenant);
        return find(tenant, id).view();
    }

    public EndpointWithSecret create(TenantId tenant, NewEndpoint endpoint) {
        requirePlan(tenant);
        URI url = EndpointUrl.check(endpoint.url(), properties.allowInsecureLocalhost());
        List<String> types = eventTypes(endpoint.events());
        String description = description(endpoint.description());
        if (endpoints.count(tenant) >= properties.maxEndpoints()) {
            throw ParleyException.conflict("WEBHOOK_LIMIT_REACHED", "A workspace has at most "
                    + properties.maxEndpoints() + " webhook endpoints; remove one first.");
        }
        Instant now = clock.instant();
        EndpointRow row = new EndpointRow(Ids.newId(), url.toString(), description, types, WebhookSignature.newSecret(),
                endpoint.enabled() == null || endpoint.enabled(), now, now);
        endpoints.insert(tenant, row);
        audit.record(tenant, "webhook.created", "webhook_endpoint", row.id(), details(row));
        return new EndpointWithSecret(row.view(), row.secret());
    }

    public WebhookEndpoint update(TenantId tenant, UUID id, EndpointChange change) {
        requirePlan(tenant);
        EndpointRow row = find(tenant, id);
        String url = change.url() == null ? row.url()
                : EndpointUrl.check(change.url(), properties.allowInsecureLocalhost()).toString();
        List<String> types = change.events() == null ? row.events() : eventTypes(change.events());
        String description = change.description() == null ? row.description() : description(change.description());
        boolean enabled = change.enabled() == null ? row.enabled() : change.enabled();
        EndpointRow changed = new EndpointRow(row.id(), url, description, types, row.secret(), enabled,
                row.createdAt(), clock.instant());
        endpoints.update(tenant, changed);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", details(row));
        details.put("after", details(changed));
        audit.record(tenant, "webhook.updated", "webhook_endpoint", id, details);
        return changed.view();
    }

    public void delete(TenantId tenant, UUID id) {
        requirePlan(tenant);
        EndpointRow row = find(tenant, id);
        endpoints.delete(tenant, id);
        audit.record(tenant, "webhook.deleted", "webhook_endpoint", id, details(row));
    }

    /** A new signing secret, effective at once: the old one signs nothing from now on. */
    public EndpointWithSecret rollSecret(TenantId tenant, UUID id) {
        requirePlan(tenant);
        EndpointRow row = find(tenant, id);
        EndpointRow rolled = new EndpointRow(row.id(), row.url(), row.description(), row.events(),
                WebhookSignature.newSecret(), row.enabled(), row.createdAt(), clock.instant());
        endpoints.update(tenant, rolled);
        audit.record(tenant, "webhook.secret_rolled", "webhook_endpoint", id, Map.of("url", row.url()));
        return new EndpointWithSecret(rolled.view(), rolled.secret());
    }

    /** Sends a {@code ping} event to the endpoint (even a disabled one) and answers its delivery, still pending. */
    public WebhookDelivery sendTest(TenantId tenant, UUID id) {
        requirePlan(tenant);
        EndpointRow row = find(tenant, id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", "A test event from Parley: your endpoint is reachable.");
        data.put("endpointId", row.id().toString());
        DeliveryRow delivery = events.sendTo(tenant, row, WebhookEventType.PING, data);
        audit.record(tenant, "webhook.tested", "webhook_endpoint", id, Map.of("deliveryId", delivery.id()));
        return delivery.view();
    }

    /** The endpoint's deliveries, newest first. */
    @Transactional(readOnly = true)
    public CursorPage<WebhookDelivery> deliveries(TenantId tenant, UUID endpoint, String cursor, Integer limit) {
        requirePlan(tenant);
        find(tenant, endpoint);
        int size = CursorPage.limit(limit);
        List<WebhookDelivery> rows = deliveries.ofEndpoint(tenant, endpoint, CursorPage.decode(cursor), size + 1)
                .stream().map(DeliveryRow::view).toList();
        return CursorPage.of(rows, size, WebhookDelivery::id);
    }

    /** Sends the delivery again now, whatever its status; receivers drop duplicates by the event id. */
    public WebhookDelivery retry(TenantId tenant, UUID delivery) {
        requirePlan(tenant);
        DeliveryRow row = deliveries.find(tenant, delivery).orElseThrow(() ->
                ParleyException.notFound("WEBHOOK_DELIVERY_NOT_FOUND", "No webhook delivery has this id."));
        events.retry(tenant, row);
        audit.record(tenant, "webhook.delivery_retried", "webhook_delivery", delivery,
                Map.of("endpointId", row.endpointId(), "eventId", row.eventId(), "eventType", row.eventType()));
        return deliveries.find(tenant, delivery).orElseThrow().view();
    }

    private void requirePlan(TenantId tenant) {
        entitlements.require(tenant, Feature.WEBHOOKS);
    }

    private EndpointRow find(TenantId tenant, UUID id) {
        return endpoints.find(tenant, id).orElseThrow(() ->
                ParleyException.notFound("WEBHOOK_NOT_FOUND", "No webhook endpoint has this id."));
    }

    /** Known, subscribable event type keys, or {@code *} alone; at least one. */
    static List<String> eventTypes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ParleyException.invalidField("events", "choose at least one event type, or \"*\" for all");
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String key : requested) {
            if (WebhookEventType.ALL.equals(key)) {
                return List.of(WebhookEventType.ALL);
            }
            boolean known = WebhookEventType.of(key).filter(WebhookEventType::subscribable).isPresent();
            if (!known) {
                throw ParleyException.invalidField("events", "'" + key + "' is not an event type; use one of "
                        + WebhookEventType.subscribableTypes().stream().map(WebhookEventType::key).toList()
                        + " or \"*\"");
            }
            types.add(key);
        }
        return new ArrayList<>(types);
    }

    private static String description(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String trimmed = description.strip();
        if (trimmed.length() > DESCRIPTION_MAX) {
            throw ParleyException.invalidField("description", "must be at most " + DESCRIPTION_MAX + " characters");
        }
        return trimmed;
    }

    private static Map<String, Object> details(EndpointRow row) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", row.url());
        details.put("description", row.description());
        details.put("events", row.events());
        details.put("enabled", row.enabled());
        return details;
    }
}
