package dev.parley.tenancy;

import java.util.UUID;

/** What other modules need to know of a tenant on hot paths (cached). */
public record TenantSummary(UUID id, String slug, String name, TenantStatus status) {
}
