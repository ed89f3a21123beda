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

    /** The tenant's look for everyone in it (the console wears it): colours and the logo as a data URL. */
    @GetMapping("/api/v1/branding")
    @PreAuthorize("isAuthenticated()")
    java.util.Map<String, Object> look() {
        var tenant = TenantContext.require();
        var colors = branding.colors(tenant);
        java.util.Map<String, Object> look = new java.util.LinkedHashMap<>();
        look.put("primaryColor", colors.primaryColor());
        look.put("accentColor", colors.accentColor());
        look.put("logo", branding.logo(tenant).map(l -> "data:" + l.contentType() + ";base64,"
                + java.util.Base64.getEncoder().encodeToString(l.bytes())).orElse(null));
        return look;
    }

    private final TenantSettings settings;
    private final dev.parley.tenancy.Branding branding;

    SettingsController(TenantSettings settings, dev.parley.tenancy.Branding branding) {
        this.settings = settings;
        this.branding = branding;
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

    record Colors(String primaryColor, String accentColor) {
    }

    @org.springframework.web.bind.annotation.GetMapping("/api/v1/settings/branding")
    dev.parley.tenancy.Branding.Colors branding() {
        return branding.colors(TenantContext.require());
    }

    @PutMapping("/api/v1/settings/branding")
    dev.parley.tenancy.Branding.Colors setBranding(@RequestBody Colors body) {
        return branding.setColors(TenantContext.require(), body.primaryColor(), body.accentColor());
    }

    /** The logo as the request body (image/png, image/jpeg or image/svg+xml; at most 1 MB). */
    @PutMapping(value = "/api/v1/settings/logo", consumes = {"image/png", "image/jpeg", "image/svg+xml"})
    org.springframework.http.ResponseEntity<Void> setLogo(@RequestBody byte[] body) {
        branding.setLogo(TenantContext.require(), body);
        return org.springframework.http.ResponseEntity.noContent().build();
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/api/v1/settings/logo")
    org.springframework.http.ResponseEntity<Void> removeLogo() {
        branding.removeLogo(TenantContext.require());
        return org.springframework.http.ResponseEntity.noContent().build();
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
