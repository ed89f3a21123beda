package dev.parley.billing.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.billing.Usage;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDirectory;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's usage for the platform owner (the tenant's page in the platform console); read as the tenant. */
@RestController
@PreAuthorize("hasRole('SUPER_ADMIN')")
class PlatformUsageController {

    private final Usage usage;
    private final TenantDirectory tenants;

    PlatformUsageController(Usage usage, TenantDirectory tenants) {
        this.usage = usage;
        this.tenants = tenants;
    }

    @GetMapping("/api/v1/platform/tenants/{id}/usage")
    Usage.Current current(@PathVariable UUID id) {
        TenantId tenant = existing(id);
        return TenantContext.callAs(tenant, () -> usage.current(tenant));
    }

    @GetMapping("/api/v1/platform/tenants/{id}/usage/history")
    Map<String, List<Usage.Period>> history(@PathVariable UUID id, @RequestParam(required = false) String months) {
        TenantId tenant = existing(id);
        int count = UsageController.months(months);
        return Map.of("periods", TenantContext.callAs(tenant, () -> usage.history(tenant, count)));
    }

    private TenantId existing(UUID id) {
        TenantId tenant = TenantId.of(id);
        if (tenants.find(tenant).isEmpty()) {
            throw ParleyException.notFound("TENANT_NOT_FOUND", "No tenant has this id.");
        }
        return tenant;
    }
}
