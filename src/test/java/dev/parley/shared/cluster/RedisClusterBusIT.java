package dev.parley.shared.cluster;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The Redis bus between nodes, each node here a small application with nothing but the bus: messages cross
 * between nodes once, stay within one channel prefix, and keep crossing after Redis was down at start or restarted.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisClusterBusIT {

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private Process redis;

    @AfterEach
    void stop() throws InterruptedException {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (redis != null) {
            redis.destroy();
            redis.waitFor();
        }
    }

    @Test
    void aMessageReachesTheOtherNodeOnceAndTheSendersOwnSubscribersOnce() throws InterruptedException {
        assumeTrue(listening(6379), "no Redis on localhost:6379");
        String prefix = uniquePrefix();
        Node a = node("redis://localhost:6379", prefix);
        Node b = node("redis://localhost:6379", prefix);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.joined.get() > 0 && b.joined.get() > 0);

        a.bus.publish("test.topic", "hello from A");

        await().atMost(Duration.ofSeconds(2)).until(() -> b.heard.contains("hello from A"));
        Thread.sleep(200); // time for an echo to come back, if the node did not ignore its own messages
        assertThat(a.heard).containsExactly("hello from A");
        assertThat(b.heard).containsExactly("hello from A");
    }

    @Test
    void installationsWithAnotherChannelPrefixDoNotHearEachOther() throws InterruptedException {
        assumeTrue(listening(6379), "no Redis on localhost:6379");
        Node a = node("redis://localhost:6379", uniquePrefix());
        Node other = node("redis://localhost:6379", uniquePrefix());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.joined.get() > 0 && other.joined.get() > 0);

        a.bus.publish("test.topic", "for my installation only");

        Thread.sleep(300);
        assertThat(other.heard).isEmpty();
    }

    @Test
    void aNodeStartedWhileRedisIsDownJoinsWhenItComesUpAndRejoinsAfterARestart(@TempDir Path dir,
                                                                                CapturedOutput output)
            throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-server")), "no redis-server to start");
        int port = freePort();
        String url = "redis://127.0.0.1:" + port;
        String prefix = uniquePrefix();

        Node a = node(url, prefix);
        a.bus.publish("test.topic", "while alone"); // this node's own subscribers still hear it
        assertThat(output).contains("is unreachable").contains("This node runs on");
        assertThat(a.heard).containsExactly("while alone");

        startRedis(port, dir);
        Node b = node(url, prefix);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.joined.get() > 0 && b.joined.get() > 0);
        b.bus.publish("test.topic", "after Redis came up");
        await().atMost(Duration.ofSeconds(2)).until(() -> a.heard.contains("after Redis came up"));

        int joinedBefore = a.joined.get();
        redis.destroy();
        redis.waitFor();
        startRedis(port, dir);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.joined.get() > joinedBefore);
        b.bus.publish("test.topic", "after a restart");

        await().atMost(Duration.ofSeconds(5)).until(() -> a.heard.contains("after a restart"));
        assertThat(output).contains("lost the connection to Redis");
    }

    /** A node: the bus, and what its one subscriber heard. */
    private record Node(ClusterBus bus, List<String> heard, AtomicInteger joined) {
    }

    private Node node(String url, String prefix) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BusOnly.class)
                .web(WebApplicationType.NONE)
                .run("--parley.redis.url=" + url, "--parley.redis.channel-prefix=" + prefix,
                        "--parley.redis.connect-retry=200ms", "--spring.main.banner-mode=off");
        nodes.add(context);
        Node node = new Node(context.getBean(ClusterBus.class), new CopyOnWriteArrayList<>(), new AtomicInteger());
        node.bus().subscribe("test.topic", node.heard()::add, node.joined()::incrementAndGet);
        return node;
    }

    private void startRedis(int port, Path dir) throws IOException {
        redis = new ProcessBuilder("/usr/bin/redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> listening(port));
    }

    private static String uniquePrefix() {
        return "parley-test-" + UUID.randomUUID();
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

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RedisProperties.class)
    @Import(ClusterBusConfiguration.class)
    static class BusOnly {
    }
}
