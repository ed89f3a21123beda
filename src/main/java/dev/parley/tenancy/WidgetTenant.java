package dev.parley.tenancy;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant as its widget sees it: name, status, settings, the hosts the widget may run on and the secret
 * that signs identified users' hashes.
 */
public record WidgetTenant(UUID id, String name, TenantStatus status, Map<String, Object> settings,
                           List<String> domains, String identitySecret) {

    /**
     * Whether a page of this origin may use the widget: an exact host (any port, unless the entry names one)
     * or a {@code *.example.com} wildcard, which covers sub-domains but not {@code example.com} itself.
     */
    public boolean allowsOrigin(String origin) {
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String hostPort = uri.getPort() > 0 ? host + ":" + uri.getPort() : host;
        for (String entry : domains) {
            if (entry.startsWith("*.")) {
                String suffix = entry.substring(1);
                String candidate = entry.contains(":") ? hostPort : host;
                if (candidate.endsWith(suffix) && candidate.length() > suffix.length()) {
                    return true;
                }
            } else if (entry.contains(":") ? entry.equals(hostPort) : entry.equals(host)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the tenant's opening hours include this instant (always, without a schedule). */
    public boolean openAt(java.time.Instant now) {
        return WorkingHours.isOpen(settings, now);
    }

    /** A tenant setting by dotted path, or the default. */
    public <T> T setting(String path, Class<T> type, T fallback) {
        Object current = settings;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return fallback;
            }
            current = map.get(part);
        }
        return type.isInstance(current) ? type.cast(current) : fallback;
    }
}
