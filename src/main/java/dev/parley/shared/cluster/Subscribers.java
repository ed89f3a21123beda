package dev.parley.shared.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** This node's subscribers by topic; a failing handler is logged and does not stop the others. */
final class Subscribers {

    private static final Logger log = LoggerFactory.getLogger(Subscribers.class);

    private record Subscriber(Consumer<String> onMessage, Runnable onMissedMessages) {
    }

    private final Map<String, List<Subscriber>> byTopic = new ConcurrentHashMap<>();

    /** Adds a subscriber; true when it is the topic's first. */
    boolean add(String topic, Consumer<String> onMessage, Runnable onMissedMessages) {
        if (topic == null || topic.isBlank() || !topic.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("A topic is letters, digits, dots, dashes and underscores: " + topic);
        }
        boolean[] first = {false};
        byTopic.computeIfAbsent(topic, t -> {
            first[0] = true;
            return new CopyOnWriteArrayList<>();
        }).add(new Subscriber(onMessage, onMissedMessages));
        return first[0];
    }

    Set<String> topics() {
        return Set.copyOf(byTopic.keySet());
    }

    void deliver(String topic, String payload) {
        for (Subscriber subscriber : byTopic.getOrDefault(topic, List.of())) {
            try {
                subscriber.onMessage().accept(payload);
            } catch (RuntimeException e) {
                log.warn("A subscriber of {} failed on a message", topic, e);
            }
        }
    }

    void missedMessages(String topic) {
        for (Subscriber subscriber : byTopic.getOrDefault(topic, List.of())) {
            try {
                subscriber.onMissedMessages().run();
            } catch (RuntimeException e) {
                log.warn("A subscriber of {} failed to catch up after missed messages", topic, e);
            }
        }
    }
}
