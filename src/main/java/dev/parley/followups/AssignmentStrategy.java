package dev.parley.followups;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a tenant's follow-ups scheduled without an assignee get one. */
public enum AssignmentStrategy {
    /** The conversation's operator if they are an admin operator; otherwise the least loaded. */
    @JsonProperty("conversation") CONVERSATION("conversation"),
    /** Each active admin operator in turn. */
    @JsonProperty("round_robin") ROUND_ROBIN("round_robin"),
    /** The active admin operator with the fewest scheduled follow-ups. */
    @JsonProperty("least_loaded") LEAST_LOADED("least_loaded");

    private final String key;

    AssignmentStrategy(String key) {
        this.key = key;
    }

    /** The name in the API and the database. */
    public String key() {
        return key;
    }

    public static AssignmentStrategy of(String key) {
        for (AssignmentStrategy strategy : values()) {
            if (strategy.key.equals(key)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("Unknown assignment strategy " + key);
    }

    @Override
    public String toString() {
        return key;
    }
}
