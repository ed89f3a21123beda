package dev.parley.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.RedisProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Two nodes' Redis buckets against a {@code redis-server} of the test's own: calls go through while Redis is down
 * (at start and after it went away), saying so at most once a minute per node, and are limited together while it
 * is up.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisTenantBucketsIT {

    private final TenantId tenant = new TenantId(UUID.randomUUID());
    private Process redis;

    @AfterEach
    void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor();
        }
    }

    @Test
    void callsGoThroughWhileRedisIsDownAndAreLimitedTogetherWhileItIsUp(@TempDir Path dir, CapturedOutput output)
            throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-server")), "no redis-server to start");
        int port = freePort();
        RedisProperties properties = new RedisProperties("redis://127.0.0.1:" + port,
                "parley-test-" + UUID.randomUUID(), Duration.ofMillis(200));

        try (RedisTenantBuckets a = RedisTenantBuckets.start(properties);
             RedisTenantBuckets b = RedisTenantBuckets.start(properties)) {
            for (int call = 1; call <= 4; call++) {
                assertThat(a.tryConsume("api", tenant, 2)).as("Redis down at start: call " + call).isZero();
            }
            assertThat(output).contains("Rate limits: Redis at 127.0.0.1:" + port + " is unreachable");

            startRedis(port, dir);
            await().atMost(Duration.ofSeconds(5)).until(() -> a.tryConsume("api", tenant, 2) > 0);
            assertThat(b.tryConsume("api", tenant, 2)).as("node B sees node A's empty bucket").isPositive();
            assertThat(b.tryConsume("widget", tenant, 2)).as("another kind").isZero();

            redis.destroy();
            redis.waitFor();
            long started = System.nanoTime();
            for (int call = 1; call <= 5; call++) {
                assertThat(a.tryConsume("api", tenant, 2)).as("Redis gone: call " + call).isZero();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(output.getOut().split("WARN", -1).length - 1)
                    .as("one warning per node in the minute, from the start, not one per call or retry")
                    .isEqualTo(2);

            startRedis(port, dir); // empty: a restarted Redis without persistence starts every bucket full
            await().atMost(Duration.ofSeconds(15)).until(() -> a.tryConsume("api", tenant, 2) > 0);
            assertThat(b.tryConsume("api", tenant, 2)).isPositive();
        }
    }

    private void startRedis(int port, Path dir) throws IOException {
        redis = new ProcessBuilder("/usr/bin/redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> listening(port));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
