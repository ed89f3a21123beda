package dev.parley.integrations;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The events a webhook endpoint can receive, by their wire name ({@code usage.threshold_reached}). A new event is one
 * more constant here and the listener that publishes it; {@code ping} is sent only when a tenant admin asks for it.
 */
public enum WebhookEventType {

    PING("ping", false, "A test event, sent when you press \"Send test\"."),
    USAGE_THRESHOLD_REACHED("usage.threshold_reached", true,
            "Usage of a plan allowance reached 80 %, 100 % or 120 % in the billing period.");

    /** Subscribes an endpoint to every event type, including those added later. */
    public static final String ALL = "*";

    private final String key;
    private final boolean subscribable;
    private final String description;

    WebhookEventType(String key, boolean subscribable, String description) {
        this.key = key;
        this.subscribable = subscribable;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** Whether an endpoint may choose it; {@code ping} goes to one endpoint on request whatever it chose. */
    public boolean subscribable() {
        return subscribable;
    }

    public String description() {
        return description;
    }

    public static Optional<WebhookEventType> of(String key) {
        return Arrays.stream(values()).filter(type -> type.key.equals(key)).findFirst();
    }

    /** The types an endpoint may subscribe to, in the order the console lists them. */
    public static List<WebhookEventType> subscribableTypes() {
        return Arrays.stream(values()).filter(WebhookEventType::subscribable).toList();
    }
}
