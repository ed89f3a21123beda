package dev.parley.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * A Server-Sent Events client, as the console reads {@code /api/v1/notifications/stream}: a GET with the bearer
 * token, events collected as they arrive ({@code event:} name and the JSON of {@code data:}).
 */
public final class EventStream implements AutoCloseable {

    /** One event: its name and its data (parsed JSON). */
    public record Event(String name, JsonNode data) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile boolean ended;

    private EventStream(HttpRequest request) {
        response = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> Thread.ofVirtual().start(() -> read(r.body())));
    }

    public static EventStream open(Api api, String path, String token) {
        return new EventStream(HttpRequest.newBuilder(java.net.URI.create(api.url(path)))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build());
    }

    /** The HTTP status of the answer. */
    public int status() {
        return response.orTimeout(10, TimeUnit.SECONDS).join().statusCode();
    }

    /** The next event of this name within the time (events of other names before it are skipped), or null. */
    public Event await(String name, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                Event event = events.poll(left, TimeUnit.NANOSECONDS);
                if (event == null) {
                    return null;
                }
                if (event.name().equals(name)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether the server closed the stream. */
    public boolean ended() {
        return ended;
    }

    private void read(Stream<String> lines) {
        String[] name = {"message"};
        StringBuilder data = new StringBuilder();
        try (lines) {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name[0], Api.JSON.readTree(data.toString())));
                    }
                    name[0] = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            });
        } catch (RuntimeException closed) {
            // The connection went away.
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
