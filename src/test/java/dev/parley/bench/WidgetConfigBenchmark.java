package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Widget loads against a running Parley: C concurrent clients request the widget configuration (tenant lookup by
 * key, origin check, settings) for T seconds; reports requests per second and p50/p99 latency.
 *
 * <pre>
 * ./mvnw -Pbenchmark test-compile exec:java -Dbench.main=dev.parley.bench.WidgetConfigBenchmark \
 *     -Dbench.url=http://localhost:8090 -Dbench.password=... -Dbench.clients=32 -Dbench.seconds=20
 * </pre>
 */
public final class WidgetConfigBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        String base = System.getProperty("bench.url", "http://localhost:8080");
        int clients = Integer.getInteger("bench.clients", 32);
        int seconds = Integer.getInteger("bench.seconds", 20);
        String admin = System.getProperty("bench.admin", "admin@parley.local");
        String password = System.getProperty("bench.password", System.getenv("PARLEY_ADMIN_PASSWORD"));
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

        String root = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("email", admin, "password", password)))).build())).path("accessToken").asString();
        String slug = "cfg-" + UUID.randomUUID().toString().substring(0, 8);
        String host = slug + ".example.test";
        JsonNode created = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/platform/tenants"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + root)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", "Config " + slug,
                        "slug", slug, "domains", List.of(host), "adminEmail", "a@" + host)))).build()));
        String id = created.path("tenant").path("id").asString();
        // The plans limit the widget API per tenant (Enterprise: 30,000 a minute); this measures the endpoint itself,
        // so the tenant goes on a plan without a widget limit (created once; a 409 on later runs is fine).
        Map<String, Object> unlimited = new java.util.HashMap<>(Map.of("id", "bench-unlimited", "name", "Benchmark",
                "currency", "EUR", "monthlyPrice", 0, "yearlyPrice", 0));
        unlimited.put("widgetRatePerMinute", null);
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/platform/plans"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + root)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(unlimited))).build(),
                HttpResponse.BodyHandlers.discarding());
        send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/platform/tenants/" + id + "/plan"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + root)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("planId", "bench-unlimited"))))
                .build());
        String key = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/platform/tenants/" + id))
                .header("Authorization", "Bearer " + root).GET().build())).path("widgetKey").asString();
        HttpRequest config = HttpRequest.newBuilder(URI.create(base + "/api/v1/widget/config?key=" + key))
                .header("Origin", "https://" + host).GET().build();

        for (int i = 0; i < 2000; i++) {
            send(http, config); // warm-up
        }
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(config, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            done.incrementAndGet();
                            micros.add((System.nanoTime() - t0) / 1000);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("clients=%d seconds=%d requests=%d failed=%d -> %.0f req/s, p50=%.2f ms p99=%.2f ms%n",
                clients, seconds, done.get(), failed.get(), done.get() / elapsed,
                sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0);
    }

    private static String send(HttpClient http, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
