package dev.parley.identity.internal;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}. */
public record UserAccount(UUID id, String email, String name, String passwordHash, String platformRole,
                          String status, Instant createdAt, Instant lastLoginAt) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    public boolean superAdmin() {
        return "SUPER_ADMIN".equals(platformRole);
    }
}
