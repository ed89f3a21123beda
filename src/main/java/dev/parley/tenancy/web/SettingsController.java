package dev.parley.tenancy.web;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import dev.parley.shared.TenantContext;
import dev.parley.tenancy.TenantSettings;
import dev.parley.tenancy.TenantSettings.View;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tenant admin's settings of their own tenant (the tenant is the token's). */
@RestController
@PreAuthorize("hasRole('TENANT_ADMIN')")
class SettingsController {

    private final TenantSettings settings;

    SettingsController(TenantSettings settings) {
        this.settings = settings;
    }

    record Change(TenantSettings.Chat chat, TenantSettings.Widget widget) {
    }

    record Domains(@NotNull List<String> domains) {
    }

    @GetMapping("/api/v1/settings")
    View get() {
        return settings.view(TenantContext.require());
    }

    @PatchMapping("/api/v1/settings")
    View update(@RequestBody Change body) {
        return settings.update(TenantContext.require(), body.chat(), body.widget());
    }

    @PutMapping("/api/v1/settings/hours")
    View hours(@RequestBody TenantSettings.Hours body) {
        return settings.setHours(TenantContext.require(), body);
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/api/v1/settings/hours")
    View alwaysOpen() {
        return settings.setHours(TenantContext.require(), null);
    }

    @PutMapping("/api/v1/settings/domains")
    View domains(@jakarta.validation.Valid @RequestBody Domains body) {
        return settings.replaceDomains(TenantContext.require(), body.domains());
    }
}
