package dev.parley.billing.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live usage streams open on this node (Server-Sent Events, one per tenant admin's Billing page), by tenant. A
 * change of a tenant's conversation count goes through the cluster bus (topic {@value #TOPIC}) after its commit, so
 * every node's streams hear it; each node sends a tenant's streams at most one {@code usage} event a second, carrying
 * the latest count (a burst of visitor messages is one event).
 */
@Component
public class UsageStreams implements DisposableBean {

    /** Payload: {@code {"tenant", "periodStart", "conversations"}}. */
    static final String TOPIC = "billing.usage-changed";
    static final Duration THROTTLE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(UsageStreams.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a tenant's streams are told next, and when they were last told. */
    private static final class Pending {
        Map<String, Object> latest;
        boolean scheduled;
        long lastSentNanos = System.nanoTime() - THROTTLE.toNanos();
    }

    private final Map<UUID, Set<SseEmitter>> byTenant = new ConcurrentHashMap<>();
    private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("usage-stream").factory());
    private final ClusterBus bus;
    private final Clock clock;

    UsageStreams(ClusterBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
        bus.subscribe(TOPIC, this::onMessage, this::onMissedMessages);
    }

    /** Opens a stream for a tenant admin until the token expires; it starts with {@code hello}. */
    public SseEmitter open(TenantId tenant, Instant tokenExpiresAt) {
        long millis = Math.max(1_000, Math.min(Duration.ofMinutes(30).toMillis(),
                Duration.between(clock.instant(), tokenExpiresAt).toMillis()));
        SseEmitter emitter = new SseEmitter(millis);
        byTenant.computeIfAbsent(tenant.value(), k -> ConcurrentHashMap.newKeySet()).add(emitter);
        Runnable remove = () -> forget(tenant.value(), emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(() -> {
            // The token ends (or half an hour passed): the console refreshes its token and reconnects.
            remove.run();
            emitter.complete();
        });
        emitter.onError(e -> remove.run());
        send(tenant.value(), emitter, "hello", Map.of());
        return emitter;
    }

    /** Tells every node's streams of the tenant the period's new count, once the current transaction commits. */
    public void conversationsChanged(TenantId tenant, Instant periodStart, long conversations) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("tenant", tenant.value());
        message.put("periodStart", periodStart.toString());
        message.put("conversations", conversations);
        bus.publishAfterCommit(TOPIC, JSON.writeValueAsString(message));
    }

    /** How many streams this node holds for the tenant (tests). */
    public int open(TenantId tenant) {
        return byTenant.getOrDefault(tenant.value(), Set.of()).size();
    }

    private void onMessage(String payload) {
        JsonNode message;
        UUID tenant;
        try {
            message = JSON.readTree(payload);
            tenant = UUID.fromString(message.path("tenant").asString());
        } catch (RuntimeException e) {
            log.warn("Ignored a malformed message on {}", TOPIC);
            return;
        }
        if (!byTenant.containsKey(tenant)) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("periodStart", message.path("periodStart").asString());
        event.put("conversations", message.path("conversations").asLong());
        Pending p = pending.computeIfAbsent(tenant, t -> new Pending());
        synchronized (p) {
            // Counts only grow within a period: a late message from another node never takes the meter back.
            if (newer(event, p.latest)) {
                p.latest = event;
            }
            if (p.scheduled) {
                return;
            }
            p.scheduled = true;
            long wait = Math.max(0, p.lastSentNanos + THROTTLE.toNanos() - System.nanoTime());
            timer.schedule(() -> flush(tenant, p), wait, TimeUnit.NANOSECONDS);
        }
    }

    private static boolean newer(Map<String, Object> event, Map<String, Object> latest) {
        if (latest == null) {
            return true;
        }
        int period = event.get("periodStart").toString().compareTo(latest.get("periodStart").toString());
        return period > 0 || period == 0 && (long) event.get("conversations") > (long) latest.get("conversations");
    }

    private void flush(UUID tenant, Pending p) {
        Map<String, Object> event;
        synchronized (p) {
            event = p.latest;
            p.scheduled = false;
            p.lastSentNanos = System.nanoTime();
        }
        for (SseEmitter emitter : byTenant.getOrDefault(tenant, Set.of())) {
            send(tenant, emitter, "usage", event);
        }
    }

    /** This node may have missed counts (Redis was out of reach): the pages read the usage again. */
    private void onMissedMessages() {
        byTenant.forEach((tenant, emitters) -> emitters.forEach(e -> send(tenant, e, "resync", Map.of())));
    }

    /** A comment now and then keeps proxies from closing an idle stream and finds clients that went away. */
    @Scheduled(fixedDelayString = "${parley.notify.stream-heartbeat:20s}")
    void heartbeat() {
        byTenant.forEach((tenant, emitters) -> emitters.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException gone) {
                forget(tenant, emitter);
            }
        }));
    }

    private void send(UUID tenant, SseEmitter emitter, String name, Object data) {
        try {
            synchronized (emitter) {
                emitter.send(SseEmitter.event().name(name).data(JSON.writeValueAsString(data)));
            }
        } catch (IOException | IllegalStateException gone) {
            forget(tenant, emitter);
        }
    }

    private void forget(UUID tenant, SseEmitter emitter) {
        byTenant.computeIfPresent(tenant, (k, emitters) -> {
            emitters.remove(emitter);
            return emitters.isEmpty() ? null : emitters;
        });
        if (!byTenant.containsKey(tenant)) {
            pending.remove(tenant);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        byTenant.values().forEach(emitters -> emitters.forEach(SseEmitter::complete));
        byTenant.clear();
    }
}
