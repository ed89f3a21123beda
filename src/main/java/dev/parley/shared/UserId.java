package dev.parley.shared;

import java.util.Objects;
import java.util.UUID;

/** The identity of a person who can log in to Parley. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId of(UUID value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
