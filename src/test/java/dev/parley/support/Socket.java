package dev.parley.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/** A WebSocket client that records every frame it receives, for protocol tests. */
public final class Socket implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private Socket(String url, String origin) {
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(URI.create(url), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(Api.JSON.readTree(partial.toString()));
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        }).join();
    }

    public static Socket operator(int port, String accessToken) {
        return new Socket("ws://localhost:" + port + "/ws/operator?token=" + accessToken, null);
    }

    public static Socket visitor(int port, String visitorToken, String origin) {
        return new Socket("ws://localhost:" + port + "/ws/visitor?token=" + visitorToken, origin);
    }

    public void send(Object frame) {
        socket.sendText(Api.JSON.writeValueAsString(frame), true).join();
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** The next frame matching, waiting up to 10 seconds; frames passed over stay in {@link #seen()}. */
    public JsonNode await(Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (seen) {
            for (JsonNode frame : seen) {
                if (wanted.test(frame)) {
                    seen.remove(frame);
                    return frame;
                }
            }
        }
        try {
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(100, TimeUnit.MILLISECONDS);
                if (frame == null) {
                    continue;
                }
                if (wanted.test(frame)) {
                    return frame;
                }
                synchronized (seen) {
                    seen.add(frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no matching frame within 10 s; got " + seen);
    }

    public JsonNode await(String type) {
        return await(f -> type.equals(f.path("type").asString()));
    }

    /** Every frame received so far and not yet awaited, after waiting a moment for stragglers. */
    public List<JsonNode> drain(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<JsonNode> all;
        synchronized (seen) {
            all = new ArrayList<>(seen);
            seen.clear();
        }
        frames.drainTo(all);
        return all;
    }

    /** The close code the server sent, waiting up to the given seconds; -2 if still open. */
    public int closeCode(int seconds) {
        try {
            return closed.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -2;
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
