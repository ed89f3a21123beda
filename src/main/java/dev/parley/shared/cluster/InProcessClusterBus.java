package dev.parley.shared.cluster;

import java.util.function.Consumer;

/** The bus of a single node: a message reaches this node's subscribers, on the publishing thread. */
final class InProcessClusterBus implements ClusterBus {

    private final Subscribers subscribers = new Subscribers();

    @Override
    public void publish(String topic, String payload) {
        subscribers.deliver(topic, payload);
    }

    @Override
    public void subscribe(String topic, Consumer<String> onMessage, Runnable onMissedMessages) {
        subscribers.add(topic, onMessage, onMissedMessages);
    }
}
