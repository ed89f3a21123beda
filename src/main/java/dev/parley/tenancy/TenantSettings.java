package dev.parley.tenancy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;


import dev.parley.audit.AuditLog;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.tenancy.internal.DomainNames;
import dev.parley.tenancy.internal.TenantRepository;

import org.springframework.stereotype.Service;

/**
 * A tenant admin's own settings: chat behaviour, widget texts and options, and the domains the widget may run
 * on. Only ever the caller's tenant; every change is audit-logged and evicts the cached tenant.
 */
@Service
public class TenantSettings {

    /** Chat behaviour; a null field is left as it is. */
    public record Chat(String assignment, Integer maxConcurrentChats, Boolean offlineForm, Integer autoResolveHours) {
    }

    /**
     * Widget texts and options; a null field is left as it is, and an empty text other than the title removes it
     * (the widget then shows its own greeting and offline message, in its language, and no launcher label or
     * pre-chat intro).
     */
    public record Widget(String title, String greeting, String offlineMessage, List<String> prechatFields,
                         List<String> prechatRequired, String position, Boolean sound, String language,
                         Boolean showOperatorAvatars, String launcherLabel, String launcherIcon,
                         String prechatIntro) {
    }

    /** Opening hours: a time zone, ranges per weekday ({@code mon} … {@code sun}) and holiday dates. */
    public record Hours(String timezone, Map<String, List<List<String>>> weekly, List<String> holidays) {
    }

    /**
     * The settings as the settings screen shows them (only what the admin chose), what applies where they chose
     * nothing ({@code defaults.chat}, {@code defaults.widget}), and what the admin needs to embed the widget.
     */
    public record View(Map<String, Object> chat, Map<String, Object> widget, Map<String, Object> hours,
                       boolean openNow, List<String> domains, String widgetKey, Map<String, Object> defaults) {
    }

    /** The launcher icons the widget draws. */
    public static final List<String> LAUNCHER_ICONS = List.of("chat", "question", "headset", "envelope");

    /**
     * What the widget shows where the tenant chose nothing. The title defaults to the tenant's name; the greeting
     * and the offline message are the widget's own, in the tenant's language, so they are not here.
     */
    public static final Map<String, Object> WIDGET_DEFAULTS = Map.of(
            "prechatFields", List.of(), "prechatRequired", List.of(), "position", "right", "launcherIcon", "chat",
            "language", "en", "sound", true, "showOperatorAvatars", true);

    /** How chats are handled where the tenant chose nothing (0 hours: never resolved automatically). */
    public static final Map<String, Object> CHAT_DEFAULTS = Map.of(
            "assignment", "auto", "maxConcurrentChats", 5, "offlineForm", true, "autoResolveHours", 0);

    /** An active tenant that resolves idle conversations automatically, after this many hours without a message. */
    public record AutoResolve(TenantId tenant, int hours) {
    }

    private static final Set<String> PRECHAT = Set.of("name", "email");

    private final TenantRepository tenants;
    private final TenantDirectory directory;
    private final PlatformTransactions platform;
    private final AuditLog audit;
    private final Clock clock;

    TenantSettings(TenantRepository tenants, TenantDirectory directory, PlatformTransactions platform, AuditLog audit,
                   Clock clock) {
        this.tenants = tenants;
        this.directory = directory;
        this.platform = platform;
        this.audit = audit;
        this.clock = clock;
    }

    public View view(TenantId tenant) {
        Tenant t = platform.call(() -> tenants.findById(tenant.value()).orElseThrow());
        Map<String, Object> widgetDefaults = new LinkedHashMap<>(WIDGET_DEFAULTS);
        widgetDefaults.put("title", t.name());
        return new View(section(t, "chat"), section(t, "widget"), section(t, "hours"),
                WorkingHours.isOpen(t.settings(), clock.instant()), t.domains(), t.widgetKey(),
                Map.of("chat", CHAT_DEFAULTS, "widget", widgetDefaults));
    }

    /** Every active tenant whose {@code chat.autoResolveHours} is set (1 or more), in one query. */
    public List<AutoResolve> autoResolving() {
        return tenants.autoResolveHours().entrySet().stream()
                .map(e -> new AutoResolve(TenantId.of(e.getKey()), e.getValue()))
                .toList();
    }

    /** Sets the opening hours; {@code null} removes them (always open). */
    public View setHours(TenantId tenant, Hours hours) {
        Map<String, Object> stored = hours == null ? null
                : WorkingHours.validate(hours.timezone(), hours.weekly(), hours.holidays());
        return platform.call(() -> {
            Tenant t = tenants.findById(tenant.value()).orElseThrow();
            Map<String, Object> settings = new LinkedHashMap<>(t.settings());
            if (stored == null) {
                settings.remove("hours");
            } else {
                settings.put("hours", stored);
            }
            tenants.update(tenant.value(), t.name(), settings, clock.instant());
            audit.record(tenant, "settings.hours_changed", "tenant", tenant.value(),
                    stored == null ? Map.of("hours", "always open") : stored);
            directory.evict(tenant.value());
            return view(tenant);
        });
    }

    public View update(TenantId tenant, Chat chat, Widget widget) {
        Map<String, Object> chatChanges = chat == null ? Map.of() : validate(chat);
        Map<String, Object> widgetChanges = widget == null ? Map.of() : validate(widget);
        return platform.call(() -> {
            Tenant t = tenants.findById(tenant.value()).orElseThrow();
            Map<String, Object> settings = new LinkedHashMap<>(t.settings());
            settings.put("chat", merged(section(t, "chat"), chatChanges));
            settings.put("widget", merged(section(t, "widget"), widgetChanges));
            tenants.update(tenant.value(), t.name(), settings, clock.instant());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("chat", chatChanges);
            details.put("widget", widgetChanges.keySet());
            audit.record(tenant, "settings.updated", "tenant", tenant.value(), details);
            directory.evict(tenant.value());
            return view(tenant);
        });
    }

    /** Replaces the widget's allowed domains; a host that belongs to another tenant is a 409 naming it. */
    public View replaceDomains(TenantId tenant, List<String> domains) {
        List<String> hosts = DomainNames.normalise(domains);
        return platform.call(() -> {
            tenants.assignDomains(tenant.value(), hosts, clock.instant());
            audit.record(tenant, "settings.domains_replaced", "tenant", tenant.value(), Map.of("domains", hosts));
            directory.evict(tenant.value());
            return view(tenant);
        });
    }

    private static Map<String, Object> validate(Chat chat) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (chat.assignment() != null) {
            if (!List.of("auto", "manual").contains(chat.assignment())) {
                throw ParleyException.invalidField("chat.assignment", "must be auto or manual");
            }
            changes.put("assignment", chat.assignment());
        }
        if (chat.maxConcurrentChats() != null) {
            range("chat.maxConcurrentChats", chat.maxConcurrentChats(), 1, 100);
            changes.put("maxConcurrentChats", chat.maxConcurrentChats());
        }
        if (chat.offlineForm() != null) {
            changes.put("offlineForm", chat.offlineForm());
        }
        if (chat.autoResolveHours() != null) {
            range("chat.autoResolveHours", chat.autoResolveHours(), 0, 24 * 30);
            changes.put("autoResolveHours", chat.autoResolveHours());
        }
        return changes;
    }

    private static Map<String, Object> validate(Widget widget) {
        Map<String, Object> changes = new LinkedHashMap<>();
        text(changes, "title", widget.title(), 80);
        optionalText(changes, "greeting", widget.greeting(), 500);
        optionalText(changes, "offlineMessage", widget.offlineMessage(), 500);
        optionalText(changes, "launcherLabel", widget.launcherLabel(), 40);
        optionalText(changes, "prechatIntro", widget.prechatIntro(), 500);
        if (widget.launcherIcon() != null) {
            if (!LAUNCHER_ICONS.contains(widget.launcherIcon())) {
                throw ParleyException.invalidField("widget.launcherIcon",
                        "must be one of " + String.join(", ", LAUNCHER_ICONS));
            }
            changes.put("launcherIcon", widget.launcherIcon());
        }
        if (widget.prechatFields() != null) {
            changes.put("prechatFields", fields("widget.prechatFields", widget.prechatFields()));
        }
        if (widget.prechatRequired() != null) {
            changes.put("prechatRequired", fields("widget.prechatRequired", widget.prechatRequired()));
        }
        if (widget.position() != null) {
            if (!List.of("left", "right").contains(widget.position())) {
                throw ParleyException.invalidField("widget.position", "must be left or right");
            }
            changes.put("position", widget.position());
        }
        if (widget.language() != null) {
            if (!widget.language().matches("[a-z]{2}(-[A-Z]{2})?")) {
                throw ParleyException.invalidField("widget.language", "must be a language code such as en or pt-BR");
            }
            changes.put("language", widget.language());
        }
        if (widget.sound() != null) {
            changes.put("sound", widget.sound());
        }
        if (widget.showOperatorAvatars() != null) {
            changes.put("showOperatorAvatars", widget.showOperatorAvatars());
        }
        return changes;
    }

    private static List<String> fields(String name, List<String> values) {
        for (String value : values) {
            if (!PRECHAT.contains(value)) {
                throw ParleyException.invalidField(name, "may list name and email only");
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(values));
    }

    private static void text(Map<String, Object> changes, String key, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.isBlank() || value.length() > max) {
            throw ParleyException.invalidField("widget." + key, "must be 1 to " + max + " characters");
        }
        changes.put(key, value.strip());
    }

    /** Like {@link #text}, but an empty value removes the text (the widget then shows its own, or none). */
    private static void optionalText(Map<String, Object> changes, String key, String value, int max) {
        if (value != null && value.isBlank()) {
            changes.put(key, null);
        } else {
            text(changes, key, value, max);
        }
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw ParleyException.invalidField(field, "must be between " + min + " and " + max);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Tenant tenant, String name) {
        Object value = tenant.settings().get(name);
        return value instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
    }

    private static Map<String, Object> merged(Map<String, Object> current, Map<String, Object> changes) {
        Map<String, Object> result = new LinkedHashMap<>(current);
        changes.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

}
