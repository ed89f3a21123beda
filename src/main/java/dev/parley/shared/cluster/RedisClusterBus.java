package dev.parley.shared.cluster;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.shared.Ids;

/**
 * The bus of several nodes, over Redis pub/sub: one channel per topic ({@code <prefix>:<topic>}), each message
 * {@code <node id> <payload>}. This node's subscribers get its own messages at once, without Redis, and ignore
 * their echo. Lettuce reconnects and resubscribes by itself after a lost connection; a node that starts while
 * Redis is unreachable starts all the same and keeps trying. After every (re)subscription the topic's
 * subscribers hear that they may have missed messages.
 */
final class RedisClusterBus implements ClusterBus, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterBus.class);

    private final String node = Ids.newId().toString();
    private final String ownTag = node + " ";
    private final String prefix;
    private final String where;
    private final Duration connectRetry;
    private final RedisClient client;
    private final Subscribers subscribers = new Subscribers();
    /** Other nodes' messages are handled here, in order, off Lettuce's event loop. */
    private final ExecutorService inbox = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("parley-cluster-bus").daemon().factory());
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-cluster-connect").daemon().factory());
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> listener;
    private volatile boolean closed;

    private RedisClusterBus(RedisProperties properties) {
        RedisURI uri = RedisURI.create(properties.url());
        uri.setClientName("parley-" + node);
        this.prefix = properties.channelPrefix() + ":";
        this.where = uri.getHost() + ":" + uri.getPort();
        this.connectRetry = properties.connectRetry();
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                // While disconnected, publishes and subscriptions wait for the reconnection, up to a bound.
                .requestQueueSize(10_000)
                .build());
        client.addListener(new ConnectionLog());
    }

    /** Connects, or, when Redis is unreachable, warns and keeps trying in the background. */
    static RedisClusterBus start(RedisProperties properties) {
        RedisClusterBus bus = new RedisClusterBus(properties);
        if (!bus.connect()) {
            bus.connector.scheduleWithFixedDelay(() -> {
                if (bus.listener == null && !bus.closed && bus.connect()) {
                    bus.connector.shutdown();
                }
            }, bus.connectRetry.toMillis(), bus.connectRetry.toMillis(), TimeUnit.MILLISECONDS);
        }
        return bus;
    }

    /** The id this node signs its messages with. */
    String node() {
        return node;
    }

    private synchronized boolean connect() {
        if (closed) {
            return false;
        }
        try {
            StatefulRedisConnection<String, String> pub = client.connect();
            StatefulRedisPubSubConnection<String, String> sub;
            try {
                sub = client.connectPubSub();
            } catch (RuntimeException e) {
                pub.closeAsync();
                throw e;
            }
            sub.addListener(new Inbound());
            publisher = pub;
            listener = sub;
            for (String topic : subscribers.topics()) {
                sub.async().subscribe(prefix + topic);
            }
            log.info("Cluster bus: Redis at {} (channels {}*, node {})", where, prefix, node);
            return true;
        } catch (RuntimeException e) {
            log.warn("Cluster bus: Redis at {} is unreachable ({}). This node runs on, but other nodes' changes "
                            + "reach its caches only when they expire (tenant data 30 s, sessions 10 s); "
                            + "trying again every {}.", where, rootMessage(e),
                    connectRetry.toMillis() % 1000 == 0 ? connectRetry.toSeconds() + " s" : connectRetry.toMillis() + " ms");
            return false;
        }
    }

    @Override
    public void publish(String topic, String payload) {
        subscribers.deliver(topic, payload);
        StatefulRedisConnection<String, String> connection = publisher;
        if (connection == null) {
            return;
        }
        try {
            connection.async().publish(prefix + topic, ownTag + payload).exceptionally(e -> {
                log.debug("Cluster bus: could not publish on {}: {}", topic, e.toString());
                return null;
            });
        } catch (RuntimeException e) {
            log.debug("Cluster bus: could not publish on {}: {}", topic, e.toString());
        }
    }

    @Override
    public synchronized void subscribe(String topic, Consumer<String> onMessage, Runnable onMissedMessages) {
        boolean first = subscribers.add(topic, onMessage, onMissedMessages);
        StatefulRedisPubSubConnection<String, String> connection = listener;
        if (first && connection != null) {
            connection.async().subscribe(prefix + topic);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        connector.shutdownNow();
        inbox.shutdownNow();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private void handle(Runnable work) {
        try {
            inbox.execute(work);
        } catch (RejectedExecutionException shuttingDown) {
            // The node is stopping; nothing left to keep fresh.
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** Messages and subscription confirmations from Redis. */
    private final class Inbound extends RedisPubSubAdapter<String, String> {

        @Override
        public void message(String channel, String message) {
            int space = message.indexOf(' ');
            if (space < 0 || !channel.startsWith(prefix) || message.startsWith(ownTag)) {
                return; // not ours, or our own echo (delivered locally when published)
            }
            String topic = channel.substring(prefix.length());
            String payload = message.substring(space + 1);
            handle(() -> subscribers.deliver(topic, payload));
        }

        @Override
        public void subscribed(String channel, long count) {
            // A first subscription, or one Lettuce restored after a lost connection: messages may have gone by.
            if (channel.startsWith(prefix)) {
                String topic = channel.substring(prefix.length());
                handle(() -> subscribers.missedMessages(topic));
            }
        }
    }

    /** Says when this node loses and regains the other nodes, once per change, about the listening connection. */
    private final class ConnectionLog implements RedisConnectionStateListener {

        private volatile boolean lost;

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, java.net.SocketAddress address) {
            if (lost && connection == listener) {
                lost = false;
                log.info("Cluster bus: connected to Redis at {} again", where);
            }
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (!closed && !lost && connection == listener) {
                lost = true;
                log.warn("Cluster bus: lost the connection to Redis at {}; reconnecting. Until then other nodes' "
                        + "changes reach this node's caches only when they expire.", where);
            }
        }
    }
}
