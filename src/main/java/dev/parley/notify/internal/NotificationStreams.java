package dev.parley.notify.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.parley.identity.BearerTokens;
import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;
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
 * The notification streams open on this node (Server-Sent Events, one per console tab), by tenant and person.
 * Whatever a person should hear goes through the cluster bus (topic {@value #TOPIC}), so the node that holds their
 * stream delivers it whichever node made the change. Each stream stays open only while its access token does:
 * an expired token, a revoked session, a deactivated person or a tenant no longer active ends it.
 */
@Component
public class NotificationStreams implements DisposableBean {

    /** Payload: {@code {"tenant", "user", "event", "data"}}. */
    static final String TOPIC = "notify.person-events";

    private static final Logger log = LoggerFactory.getLogger(NotificationStreams.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One open stream: who, on which token, until when; its frames leave in order, one writer per stream. */
    private record Stream(SseEmitter emitter, TenantId tenant, UserId user, String token, String address,
                          Instant expiresAt, ExecutorService writer) {
    }

    private final Map<String, Set<Stream>> byPerson = new ConcurrentHashMap<>();
    private final ClusterBus bus;
    private final BearerTokens tokens;
    private final Clock clock;

    NotificationStreams(ClusterBus bus, BearerTokens tokens, Clock clock) {
        this.bus = bus;
        this.tokens = tokens;
        this.clock = clock;
        bus.subscribe(TOPIC, this::onMessage, this::onMissedMessages);
    }

    /** Opens a stream for the person of this token; it starts with {@code hello} and the unread count. */
    public SseEmitter open(TenantId tenant, UserId user, String token, String address, Instant expiresAt,
                           int unread) {
        SseEmitter emitter = new SseEmitter(java.time.Duration.ofMinutes(30).toMillis());
        // Writes to the client happen on the stream's own (virtual) thread, never on the bus's or a committing
        // request's thread, so a slow client holds up nobody else.
        Stream stream = new Stream(emitter, tenant, user, token, address, expiresAt,
                Executors.newSingleThreadExecutor(Thread.ofVirtual().name("notification-stream").factory()));
        String key = key(tenant, user);
        byPerson.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(stream);
        Runnable remove = () -> forget(key, stream);
        emitter.onCompletion(remove);
        emitter.onTimeout(() -> {
            // Only if the token outlives it (a long token lifetime): the client reconnects as after any close.
            remove.run();
            emitter.complete();
        });
        emitter.onError(e -> remove.run());
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("unread", unread);
        hello.put("expiresAt", expiresAt);
        write(stream, "hello", hello);
        return emitter;
    }

    /** Tells a person's streams, on whichever node they are, once the current transaction commits. */
    public void tell(TenantId tenant, UserId user, String event, Map<String, ?> data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("tenant", tenant.value());
        message.put("user", user.value());
        message.put("event", event);
        message.put("data", data);
        bus.publishAfterCommit(TOPIC, JSON.writeValueAsString(message));
    }

    /** How many streams this node holds for the person (for tests and metrics). */
    public int open(TenantId tenant, UserId user) {
        return byPerson.getOrDefault(key(tenant, user), Set.of()).size();
    }

    private void onMessage(String payload) {
        JsonNode message;
        try {
            message = JSON.readTree(payload);
        } catch (RuntimeException e) {
            log.warn("Ignored a malformed message on {}", TOPIC);
            return;
        }
        String key = message.path("tenant").asString() + "/" + message.path("user").asString();
        Set<Stream> streams = byPerson.get(key);
        if (streams == null) {
            return;
        }
        String event = message.path("event").asString();
        JsonNode data = message.path("data");
        for (Stream stream : streams) {
            write(stream, event, data);
        }
    }

    /** This node may have missed messages (Redis was out of reach): every client reloads what it shows. */
    private void onMissedMessages() {
        byPerson.values().forEach(streams -> streams.forEach(stream -> write(stream, "resync", Map.of())));
    }

    /**
     * Ends the streams whose token no longer stands: expired, session signed out or revoked, person deactivated,
     * tenant suspended or deleted. The client gets {@code end} with the reason, refreshes its token and reconnects.
     */
    @Scheduled(fixedDelayString = "${parley.realtime.recheck-interval:10s}")
    void recheck() {
        Instant now = clock.instant();
        for (Set<Stream> streams : byPerson.values()) {
            for (Stream stream : streams) {
                String refusal = !now.isBefore(stream.expiresAt()) ? "TOKEN_EXPIRED"
                        : tokens.verify(stream.token(), stream.address()).refusal();
                if (refusal != null) {
                    end(stream, refusal);
                }
            }
        }
    }

    /** A comment now and then keeps proxies from closing an idle stream and finds clients that went away. */
    @Scheduled(fixedDelayString = "${parley.notify.stream-heartbeat:20s}")
    void heartbeat() {
        byPerson.values().forEach(streams -> streams.forEach(stream -> run(stream, () -> {
            try {
                stream.emitter().send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException gone) {
                forget(key(stream.tenant(), stream.user()), stream);
            }
        })));
    }

    private void end(Stream stream, String reason) {
        run(stream, () -> {
            try {
                stream.emitter().send(SseEmitter.event().name("end")
                        .data(JSON.writeValueAsString(Map.of("reason", reason))));
                stream.emitter().complete();
            } catch (IOException | IllegalStateException gone) {
                // Already closed by the client.
            }
            forget(key(stream.tenant(), stream.user()), stream);
        });
    }

    private void write(Stream stream, String event, Object data) {
        run(stream, () -> {
            try {
                stream.emitter().send(SseEmitter.event().name(event).data(JSON.writeValueAsString(data)));
            } catch (IOException | IllegalStateException gone) {
                forget(key(stream.tenant(), stream.user()), stream);
            }
        });
    }

    private static void run(Stream stream, Runnable work) {
        try {
            stream.writer().execute(work);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // The stream was closed meanwhile.
        }
    }

    private void forget(String key, Stream stream) {
        byPerson.computeIfPresent(key, (k, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
        stream.writer().shutdown();
    }

    private static String key(TenantId tenant, UserId user) {
        return tenant.value() + "/" + user.value();
    }

    @Override
    public void destroy() {
        byPerson.values().forEach(streams -> streams.forEach(stream -> {
            stream.writer().shutdownNow();
            stream.emitter().complete();
        }));
        byPerson.clear();
    }

}
