package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load against a running Parley: N visitor sockets and M operator sockets of one tenant; each visitor first opens
 * a conversation (at the target rate, unless {@code -Dbench.warmup=false}), then visitors send at a fixed rate for
 * the measured phase; reports messages per second and the p50/p99 time from send to delivery at an operator socket,
 * and checks every message was acknowledged (acknowledged = committed).
 *
 * <pre>
 * ./mvnw -Pbenchmark test-compile exec:java -Dbench.visitors=2000 -Dbench.operators=20 -Dbench.rate=200 -Dbench.seconds=60
 * </pre>
 * Connects to {@code bench.url} (default http://localhost:8080) as {@code bench.admin} / {@code bench.password}
 * (the super-admin) and provisions its own tenant.
 */
public final class ChatBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> deliveryMicros = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> steadyMicros = new ConcurrentLinkedQueue<>();
    private volatile long steadyFrom = Long.MAX_VALUE;
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();

    private ChatBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = System.getProperty("bench.url", "http://localhost:8080");
        int visitors = Integer.getInteger("bench.visitors", 2000);
        int operators = Integer.getInteger("bench.operators", 20);
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 60);
        String admin = System.getProperty("bench.admin", "admin@parley.local");
        String password = System.getProperty("bench.password", System.getenv("PARLEY_ADMIN_PASSWORD"));
        new ChatBenchmark(base).run(visitors, operators, rate, seconds, admin, password);
    }

    private void run(int visitorCount, int operatorCount, int rate, int seconds, String admin, String password)
            throws Exception {
        String root = post("/api/v1/auth/login", null, Map.of("email", admin, "password", password)).path("accessToken").asString();
        String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String host = slug + ".example.test";
        String origin = "https://" + host;
        JsonNode created = post("/api/v1/platform/tenants", root, Map.of("name", "Benchmark " + slug, "slug", slug,
                "domains", List.of(host), "adminEmail", "admin@" + host,
                "settings", Map.of("chat", Map.of("assignment", "auto", "maxConcurrentChats", 100))));
        String tenantId = created.path("tenant").path("id").asString();
        String key = get("/api/v1/platform/tenants/" + tenantId, root).path("widgetKey").asString();
        // Twenty operators need a plan with room for them (new tenants start on the default plan, Basic: one seat).
        put("/api/v1/platform/tenants/" + tenantId + "/plan", root, Map.of("planId", "enterprise"));
        String inviteLink = created.path("invitation").path("link").asString();
        String adminToken = post("/api/v1/invitations/accept", null, Map.of("token", token(inviteLink),
                "password", "benchmark-password")).path("accessToken").asString();

        List<String> operatorTokens = new ArrayList<>();
        operatorTokens.add(adminToken);
        for (int i = 1; i < operatorCount; i++) {
            JsonNode invited = post("/api/v1/users/invitations", adminToken,
                    Map.of("email", "op" + i + "@" + host, "role", "OPERATOR"));
            operatorTokens.add(post("/api/v1/invitations/accept", null, Map.of("token", token(invited.path("link").asString()),
                    "password", "benchmark-password")).path("accessToken").asString());
        }
        List<WebSocket> operatorSockets = new ArrayList<>();
        for (int i = 0; i < operatorTokens.size(); i++) {
            operatorSockets.add(socket("/ws/operator?token=" + operatorTokens.get(i), null, i == 0));
        }
        System.out.printf("%d operator sockets open%n", operatorSockets.size());

        long setupStart = System.nanoTime();
        List<WebSocket> visitorSockets = java.util.Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < visitorCount; i++) {
                pool.submit(() -> {
                    JsonNode session = widget("/api/v1/widget/session", origin, Map.of("key", key,
                            "url", origin + "/", "title", "Bench"));
                    visitorSockets.add(socket("/ws/visitor?token=" + session.path("visitorToken").asString(), origin,
                            false));
                    return null;
                });
            }
        }
        System.out.printf("%d visitor sockets open in %d s%n", visitorSockets.size(),
                Duration.ofNanos(System.nanoTime() - setupStart).toSeconds());

        if (Boolean.parseBoolean(System.getProperty("bench.warmup", "true"))) {
            // Every visitor opens their conversation first, at the target rate; the measured phase is then
            // sustained chatting with 2,000 connected visitors, as a support team's day looks.
            long warmStart = System.nanoTime();
            for (int i = 0; i < visitorSockets.size(); i++) {
                long wait = warmStart + i * (1_000_000_000L / rate) - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                visitorSockets.get(i).sendText(JSON.writeValueAsString(Map.of("type", "message.send",
                        "clientId", "open-" + i, "body", "hello")), true);
            }
            long warmDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acks.get() < visitorSockets.size() && System.nanoTime() < warmDeadline) {
                Thread.sleep(100);
            }
            System.out.printf("%d conversations opened in %d s%n", acks.get(),
                    Duration.ofNanos(System.nanoTime() - warmStart).toSeconds());
            acks.set(0);
            errors.set(0);
        }

        long total = (long) rate * seconds;
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        // The first third opens most conversations (routing, numbering); the rest is steady chatting.
        steadyFrom = start + Duration.ofSeconds(seconds).toNanos() / 3;
        for (long n = 0; n < total; n++) {
            long due = start + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            WebSocket visitor = visitorSockets.get(ThreadLocalRandom.current().nextInt(visitorSockets.size()));
            String clientId = "b" + n;
            sentAt.put(clientId, System.nanoTime());
            visitor.sendText(JSON.writeValueAsString(Map.of("type", "message.send", "clientId", clientId,
                    "ref", clientId, "body", "benchmark message " + n)), true);
        }
        long sendSeconds = Duration.ofNanos(System.nanoTime() - start).toMillis();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((acks.get() < total || delivered.get() < total) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();

        long[] micros = deliveryMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.println();
        System.out.printf("visitors=%d operators=%d target=%d msg/s for %d s%n", visitorSockets.size(),
                operatorSockets.size(), rate, seconds);
        System.out.printf("sent=%d acknowledged(persisted)=%d delivered-to-operator=%d errors=%d%n", total, acks.get(),
                delivered.get(), errors.get());
        System.out.printf("throughput=%.1f msg/s (sending took %d ms, all delivered after %d ms)%n",
                delivered.get() * 1000.0 / elapsed, sendSeconds, elapsed);
        System.out.printf("send->operator delivery: p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                percentile(micros, 50) / 1000.0, percentile(micros, 99) / 1000.0,
                micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0);
        long[] steady = steadyMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("after the first third (conversations open): p50=%.1f ms p99=%.1f ms (%d messages)%n",
                percentile(steady, 50) / 1000.0, percentile(steady, 99) / 1000.0, steady.length);
        visitorSockets.forEach(WebSocket::abort);
        operatorSockets.forEach(WebSocket::abort);
        System.exit(acks.get() == total && delivered.get() == total ? 0 : 1);
    }

    private WebSocket socket(String path, String origin, boolean observer) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(URI.create(base.replace("http", "ws") + path), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    if (observer || origin != null) {
                        handle(text, observer);
                    }
                }
                ws.request(1);
                return null;
            }
        }).join();
    }

    private void handle(String text, boolean observer) {
        JsonNode frame = JSON.readTree(text);
        String type = frame.path("type").asString();
        if (observer && "message.created".equals(type)) {
            String clientId = frame.path("message").path("clientId").asString(null);
            Long sent = clientId == null ? null : sentAt.get(clientId);
            if (sent != null && "VISITOR".equals(frame.path("message").path("senderKind").asString())) {
                deliveryMicros.add((System.nanoTime() - sent) / 1000);
                if (sent >= steadyFrom) {
                    steadyMicros.add((System.nanoTime() - sent) / 1000);
                }
                delivered.incrementAndGet();
            }
        } else if ("ack".equals(type)) {
            acks.incrementAndGet();
        } else if ("error".equals(type)) {
            errors.incrementAndGet();
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private JsonNode widget(String path, String origin, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Origin", origin).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode post(String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private void put(String path, String token, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .GET().build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + 6);
    }

}
