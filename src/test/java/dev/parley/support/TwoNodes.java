package dev.parley.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

import dev.parley.ParleyApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Parley nodes in the test JVM, as a cluster: both on the JVM's one embedded PostgreSQL (the "test" profile; the
 * second joins the server the first started) and on the machine's Redis at localhost:6379, with a channel prefix of
 * their own so that parallel runs on the same Redis never hear each other. Tests that use it are skipped where no
 * Redis listens ({@link #redisListening()}).
 */
public final class TwoNodes implements AutoCloseable {

    public final ConfigurableApplicationContext nodeA;
    public final ConfigurableApplicationContext nodeB;
    public final Api a;
    public final Api b;

    private TwoNodes(ConfigurableApplicationContext nodeA, ConfigurableApplicationContext nodeB) {
        this.nodeA = nodeA;
        this.nodeB = nodeB;
        this.a = new Api(port(nodeA));
        this.b = new Api(port(nodeB));
    }

    public static boolean redisListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", 6379), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static TwoNodes start() {
        String prefix = "parley-test-" + UUID.randomUUID();
        ConfigurableApplicationContext first = node(prefix);
        try {
            return new TwoNodes(first, node(prefix));
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            nodeB.close();
        } finally {
            nodeA.close();
        }
    }

    private static ConfigurableApplicationContext node(String channelPrefix) {
        // Command-line arguments win over application.properties, as real settings do.
        return new SpringApplicationBuilder(ParleyApplication.class).profiles("test").run(
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--parley.redis.url=redis://localhost:6379",
                "--parley.redis.channel-prefix=" + channelPrefix);
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }
}
