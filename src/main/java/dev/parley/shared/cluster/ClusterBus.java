package dev.parley.shared.cluster;

import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Short messages to every node of the installation, this one included (today: cache evictions). In-process on one
 * node; over Redis pub/sub when {@code PARLEY_REDIS_URL} is set. Other nodes get a message at most once and miss
 * what is published while they are cut off from Redis, which {@code onMissedMessages} tells them; caches that
 * listen keep a time-to-live as a safety net.
 */
public interface ClusterBus {

    /**
     * Delivers the payload to this node's subscribers of the topic at once, then to other nodes' as fast as the
     * transport carries it. Never throws: a message that cannot reach other nodes is logged and dropped.
     */
    void publish(String topic, String payload);

    /**
     * Publishes when the current transaction commits, not at all if it rolls back, and at once outside a
     * transaction: another node that heard of a change before it committed could reload and cache the old row.
     */
    default void publishAfterCommit(String topic, String payload) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            publish(topic, payload);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publish(topic, payload);
            }
        });
    }

    /**
     * Calls {@code onMessage} with every payload any node publishes on the topic, and {@code onMissedMessages}
     * whenever this node (re)joins the other nodes and may have missed some (a cache then forgets everything).
     * Handlers run on the publishing thread for this node's messages and on the bus's thread for other nodes';
     * they should be quick and must not block.
     */
    void subscribe(String topic, Consumer<String> onMessage, Runnable onMissedMessages);
}
