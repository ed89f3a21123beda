package dev.parley.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A business that uses Parley, with its settings and the hosts its widget may run on. A deleted tenant shows when
 * its data will be purged ({@code purgeAt}, null otherwise); a purged one is a tombstone ({@code purgedAt}).
 */
public record Tenant(UUID id, String slug, String name, TenantStatus status, Map<String, Object> settings,
                     List<String> domains, Instant createdAt, Instant updatedAt, Instant suspendedAt,
                     Instant deletedAt, String widgetKey, Instant purgeAt, Instant purgedAt) {

    /** The tenant made by the first migration: data that predates tenancy and the platform owner's workspace. */
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-7000-8000-000000000001");
}
