package dev.parley.shared.usage;

import dev.parley.shared.TenantId;

/**
 * What a module stores for a tenant in files (logos, attachments), in bytes: billing sums every implementation to
 * measure the tenant's storage against its plan. Called inside the tenant's own transaction; keep it one query.
 */
public interface StoredBytes {

    long storedBytes(TenantId tenant);
}
