package dev.parley.shared;

import java.util.Objects;
import java.util.UUID;

/** The identity of a tenant (a business using Parley). */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    public static TenantId of(UUID value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
