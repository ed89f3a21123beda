package dev.parley.widget.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.parley.chat.MessageView;
import dev.parley.chat.VisitorChat;
import dev.parley.chat.VisitorChat.Session;
import dev.parley.chat.ChatSettings;
import dev.parley.chat.VisitorIdentity;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantSettings;
import dev.parley.tenancy.TenantStatus;
import dev.parley.tenancy.WidgetTenant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The widget's API. Every call names the tenant by its public widget key or by the visitor's token, and must
 * come from a page of one of the tenant's allowed origins.
 */
@RestController
class WidgetController {

    private final TenantDirectory tenants;
    private final VisitorChat chat;
    private final ChatSettings settings;
    private final dev.parley.tenancy.Branding branding;
    private final WidgetRateLimit rateLimit;

    WidgetController(TenantDirectory tenants, VisitorChat chat, ChatSettings settings,
                     dev.parley.tenancy.Branding branding, WidgetRateLimit rateLimit) {
        this.tenants = tenants;
        this.chat = chat;
        this.settings = settings;
        this.branding = branding;
        this.rateLimit = rateLimit;
    }

    record Start(@NotBlank @Size(max = 100) String key, @Size(max = 200) String visitorToken,
                 @Size(max = 2000) String url, @Size(max = 500) String title, @Size(max = 2000) String referrer,
                 @Size(max = 35) String locale) {
    }

    record Identify(@Size(max = 200) String name, @Size(max = 320) String email, @Size(max = 50) String phone,
                    @Size(max = 200) String userId, @Size(max = 128) String userHash, Map<String, Object> attributes) {
    }

    record Prechat(@Size(max = 200) String name, @Size(max = 320) String email) {
    }

    record Send(@Size(max = 10_000) String body, @Size(max = 100) String clientId) {
    }

    record Offline(@Size(max = 200) String name, @NotBlank @jakarta.validation.constraints.Email @Size(max = 320) String email,
                   @Size(max = 10_000) String body) {
    }

    @GetMapping("/api/v1/widget/config")
    Map<String, Object> config(@RequestParam String key, HttpServletRequest request) {
        WidgetTenant tenant = byKey(key, request);
        TenantId id = TenantId.of(tenant.id());
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, Object> defaults = TenantSettings.WIDGET_DEFAULTS;
        String primary = tenant.setting("branding.primaryColor", String.class, "#3b5bdb");
        config.put("tenantName", tenant.name());
        config.put("title", tenant.setting("widget.title", String.class, tenant.name()));
        // Unset, these are null: the widget shows its own greeting and offline message, in the tenant's language.
        config.put("greeting", tenant.setting("widget.greeting", String.class, null));
        config.put("offlineMessage", tenant.setting("widget.offlineMessage", String.class, null));
        config.put("prechatIntro", tenant.setting("widget.prechatIntro", String.class, null));
        config.put("prechatFields", settings.prechatFields(tenant));
        config.put("prechatRequired", settings.requiredPrechatFields(tenant));
        config.put("offlineForm", settings.offlineForm(id));
        config.put("open", chat.openNow(id));
        config.put("operatorsOnline", chat.operatorsOnline(id));
        config.put("sound", tenant.setting("widget.sound", Boolean.class, (Boolean) defaults.get("sound")));
        config.put("showOperatorAvatars", tenant.setting("widget.showOperatorAvatars", Boolean.class,
                (Boolean) defaults.get("showOperatorAvatars")));
        config.put("language", tenant.setting("widget.language", String.class, (String) defaults.get("language")));
        config.put("position", tenant.setting("widget.position", String.class, (String) defaults.get("position")));
        config.put("launcherIcon", tenant.setting("widget.launcherIcon", String.class,
                (String) defaults.get("launcherIcon")));
        config.put("launcherLabel", tenant.setting("widget.launcherLabel", String.class, null));
        config.put("primaryColor", primary);
        // Buttons wear the accent colour; a tenant that chose only a primary colour gets it everywhere.
        config.put("accentColor", tenant.setting("branding.accentColor", String.class, primary));
        config.put("logoUrl", branding.logo(id).isPresent() ? "/api/v1/widget/logo?key=" + key : null);
        return config;
    }

    /** The tenant's logo for the widget; served so that an SVG can never run anything. */
    @GetMapping("/api/v1/widget/logo")
    ResponseEntity<byte[]> logo(@RequestParam String key) {
        WidgetTenant tenant = tenants.findByWidgetKey(key).filter(t -> t.status() == TenantStatus.ACTIVE)
                .orElseThrow(() -> ParleyException.notFound("WIDGET_KEY_UNKNOWN", "No active tenant has this widget key."));
        rateLimit.take(TenantId.of(tenant.id()));
        var logo = branding.logo(TenantId.of(tenant.id()))
                .orElseThrow(() -> ParleyException.notFound("LOGO_NOT_FOUND", "This tenant has no logo."));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, logo.contentType())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .body(logo.bytes());
    }

    @PostMapping("/api/v1/widget/session")
    Session start(@Valid @RequestBody Start body, HttpServletRequest request) {
        WidgetTenant tenant = byKey(body.key(), request);
        return chat.start(tenant, body.visitorToken(), body.url(), body.title(), body.referrer(), body.locale(),
                request.getHeader(HttpHeaders.USER_AGENT));
    }

    @PostMapping("/api/v1/widget/identify")
    Session identify(@RequestHeader("X-Visitor-Token") String token, @Valid @RequestBody Identify body,
                     HttpServletRequest request) {
        VisitorIdentity visitor = visitor(token, request);
        WidgetTenant tenant = tenants.findWidgetTenant(TenantId.of(visitor.tenantId())).orElseThrow();
        return chat.identify(tenant, visitor, token, new VisitorChat.Identity(body.name(), body.email(), body.phone(),
                body.userId(), body.userHash(), body.attributes()));
    }

    @PostMapping("/api/v1/widget/prechat")
    ResponseEntity<Void> prechat(@RequestHeader("X-Visitor-Token") String token, @Valid @RequestBody Prechat body,
                                 HttpServletRequest request) {
        chat.prechat(visitor(token, request), body.name(), body.email());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/widget/messages")
    ResponseEntity<MessageView> send(@RequestHeader("X-Visitor-Token") String token, @Valid @RequestBody Send body,
                                     HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(chat.send(visitor(token, request), body.body(),
                body.clientId()));
    }

    @GetMapping("/api/v1/widget/messages")
    List<MessageView> messages(@RequestHeader("X-Visitor-Token") String token, @RequestParam UUID conversationId,
                               @RequestParam(defaultValue = "0") long afterSeq, HttpServletRequest request) {
        return chat.history(visitor(token, request), conversationId, afterSeq);
    }

    @PostMapping("/api/v1/widget/offline")
    ResponseEntity<MessageView> offline(@RequestHeader("X-Visitor-Token") String token,
                                        @Valid @RequestBody Offline body, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(chat.offline(visitor(token, request), body.name(),
                body.email(), body.body()));
    }

    private WidgetTenant byKey(String key, HttpServletRequest request) {
        WidgetTenant tenant = tenants.findByWidgetKey(key)
                .filter(t -> t.status() == TenantStatus.ACTIVE)
                .orElseThrow(() -> ParleyException.notFound("WIDGET_KEY_UNKNOWN", "No active tenant has this widget key."));
        checkOrigin(tenant, request);
        rateLimit.take(TenantId.of(tenant.id()));
        return tenant;
    }

    private VisitorIdentity visitor(String token, HttpServletRequest request) {
        VisitorIdentity visitor = chat.authenticate(token).orElseThrow(() -> new ParleyException(
                HttpStatus.UNAUTHORIZED, "VISITOR_TOKEN_INVALID", "Start a widget session first."));
        WidgetTenant tenant = tenants.findWidgetTenant(TenantId.of(visitor.tenantId()))
                .filter(t -> t.status() == TenantStatus.ACTIVE)
                .orElseThrow(() -> ParleyException.forbidden("TENANT_SUSPENDED", "This chat is not available."));
        checkOrigin(tenant, request);
        rateLimit.take(TenantId.of(tenant.id()));
        return visitor;
    }

    private static void checkOrigin(WidgetTenant tenant, HttpServletRequest request) {
        if (!tenant.allowsOrigin(request.getHeader(HttpHeaders.ORIGIN))) {
            throw ParleyException.forbidden("ORIGIN_NOT_ALLOWED",
                    "This site is not on the tenant's list of allowed domains.");
        }
    }
}
