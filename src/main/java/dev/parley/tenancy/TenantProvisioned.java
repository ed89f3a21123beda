package dev.parley.tenancy;

import dev.parley.shared.TenantId;

/** A tenant was just created; published inside the provisioning transaction (billing gives it its first plan). */
public record TenantProvisioned(TenantId tenant) {
}
