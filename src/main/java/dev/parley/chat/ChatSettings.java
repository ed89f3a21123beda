package dev.parley.chat;

import java.util.List;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.WidgetTenant;

import org.springframework.stereotype.Component;

/**
 * A tenant's chat settings, read from its settings document ({@code chat.*}, {@code widget.*}) with defaults:
 * automatic assignment, five concurrent chats per operator, no pre-chat form, offline form on.
 */
@Component
public class ChatSettings {

    private final TenantDirectory tenants;

    ChatSettings(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    public boolean automaticAssignment(TenantId tenant) {
        return !"manual".equals(tenant(tenant).setting("chat.assignment", String.class, "auto"));
    }

    public int maxConcurrentChats(TenantId tenant) {
        Number max = tenant(tenant).setting("chat.maxConcurrentChats", Number.class, 5);
        int value = max.intValue();
        return value < 1 ? 1 : Math.min(value, 100);
    }

    public boolean offlineForm(TenantId tenant) {
        return tenant(tenant).setting("chat.offlineForm", Boolean.class, Boolean.TRUE);
    }

    /** Which pre-chat fields the widget asks ({@code name}, {@code email}); none by default. */
    public List<String> prechatFields(WidgetTenant tenant) {
        return strings(tenant.setting("widget.prechatFields", List.class, List.of()));
    }

    public List<String> requiredPrechatFields(WidgetTenant tenant) {
        return strings(tenant.setting("widget.prechatRequired", List.class, List.of()));
    }

    private static List<String> strings(List<?> values) {
        return values.stream().filter(v -> v instanceof String).map(String.class::cast)
                .filter(v -> v.equals("name") || v.equals("email")).toList();
    }

    private WidgetTenant tenant(TenantId tenant) {
        return tenants.findWidgetTenant(tenant).orElseThrow();
    }
}
