package dev.parley.billing;

/** A quantity a plan allows: its key is what a 402 names as the feature to upgrade for. */
public enum Limit {

    OPERATORS("operators"),
    MONTHLY_ACTIVE_CONVERSATIONS("conversations"),
    STORAGE_MB("storage"),
    API_RATE_PER_MINUTE("api_rate"),
    WIDGET_RATE_PER_MINUTE("widget_rate");

    private final String key;

    Limit(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
