package dev.parley.shared.usage;

import dev.parley.shared.TenantId;

/**
 * What a module stores for a tenant in files (logos, attachments), in bytes: billing sums every implementation to
 * measure the tenant's storage against its plan. Called inside the tenant's own transaction, or in a platform one
 * (which bypasses row-level security) when a downgrade is checked: filter by {@code tenant_id}; keep it one query.
 */
public interface StoredBytes {

    long storedBytes(TenantId tenant);
}
