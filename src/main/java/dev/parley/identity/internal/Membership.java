package dev.parley.identity.internal;

import java.time.Instant;
import java.util.UUID;

import dev.parley.identity.Role;

/** A person's place in one tenant, with the user's details for listing. */
public record Membership(UUID tenantId, UUID id, UUID userId, Role role, String status, String email, String name,
                         Instant createdAt, Instant lastLoginAt) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
