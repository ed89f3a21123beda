package dev.parley.integrations.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import dev.parley.integrations.WebhookDelivery;
import dev.parley.integrations.WebhookEndpoint;
import dev.parley.integrations.Webhooks;
import dev.parley.integrations.Webhooks.EndpointChange;
import dev.parley.integrations.Webhooks.EndpointWithSecret;
import dev.parley.integrations.Webhooks.NewEndpoint;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.web.CursorPage;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Outgoing webhooks of the token's tenant, for its admins (a Professional feature); see docs/webhooks.md. */
@RestController
@RequestMapping("/api/v1/webhooks")
@PreAuthorize("hasRole('TENANT_ADMIN')")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    record Create(@Size(max = 2000) String url, @Size(max = 500) String description,
                  @Size(max = 50) List<String> events, Boolean enabled) {
    }

    record Change(@Size(max = 2000) String url, @Size(max = 500) String description,
                  @Size(max = 50) List<String> events, Boolean enabled) {
    }

    /** An endpoint with its signing secret: only in the answers that make one (creation, roll). */
    record Secured(UUID id, String url, String description, List<String> events, boolean enabled, Instant createdAt,
                   Instant updatedAt, String secret) {

        static Secured of(EndpointWithSecret made) {
            WebhookEndpoint e = made.endpoint();
            return new Secured(e.id(), e.url(), e.description(), e.events(), e.enabled(), e.createdAt(),
                    e.updatedAt(), made.secret());
        }
    }

    /** An event type an endpoint may subscribe to. */
    record EventType(String key, String description) {
    }

    @GetMapping
    List<WebhookEndpoint> list() {
        return webhooks.list(tenant());
    }

    /** The event types endpoints may subscribe to ({@code *} subscribes to all, later ones included). */
    @GetMapping("/event-types")
    List<EventType> eventTypes() {
        return webhooks.eventTypes(tenant()).stream()
                .map(type -> new EventType(type.key(), type.description())).toList();
    }

    @PostMapping
    ResponseEntity<Secured> create(@Valid @RequestBody Create body) {
        EndpointWithSecret made = webhooks.create(tenant(),
                new NewEndpoint(body.url(), body.description(), body.events(), body.enabled()));
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + made.endpoint().id())).body(Secured.of(made));
    }

    @GetMapping("/{id}")
    WebhookEndpoint get(@PathVariable UUID id) {
        return webhooks.get(tenant(), id);
    }

    @PatchMapping("/{id}")
    WebhookEndpoint update(@PathVariable UUID id, @Valid @RequestBody Change body) {
        return webhooks.update(tenant(), id,
                new EndpointChange(body.url(), body.description(), body.events(), body.enabled()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        webhooks.delete(tenant(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/roll-secret")
    Secured rollSecret(@PathVariable UUID id) {
        return Secured.of(webhooks.rollSecret(tenant(), id));
    }

    /** Sends a {@code ping} event; answers its delivery (202: it is sent right after). */
    @PostMapping("/{id}/test")
    ResponseEntity<WebhookDelivery> test(@PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(webhooks.sendTest(tenant(), id));
    }

    @GetMapping("/{id}/deliveries")
    CursorPage<WebhookDelivery> deliveries(@PathVariable UUID id, @RequestParam(required = false) String cursor,
                                           @RequestParam(required = false) Integer limit) {
        return webhooks.deliveries(tenant(), id, cursor, limit);
    }

    @PostMapping("/deliveries/{id}/retry")
    ResponseEntity<WebhookDelivery> retry(@PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(webhooks.retry(tenant(), id));
    }

    private static TenantId tenant() {
        return TenantContext.require();
    }
}
