package dev.parley.billing;

import java.util.regex.Pattern;

/** A feature flag a plan may include, such as {@code branding} or {@code analytics.professional}. */
public record Feature(String key) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,59}");

    public static final Feature BRANDING = new Feature("branding");
    public static final Feature WIDGET_CUSTOMISATION = new Feature("widget.customisation");
    public static final Feature WEBHOOKS = new Feature("webhooks");
    public static final Feature ANALYTICS_BASIC = new Feature("analytics.basic");
    public static final Feature ANALYTICS_PROFESSIONAL = new Feature("analytics.professional");
    public static final Feature ANALYTICS_ADVANCED = new Feature("analytics.advanced");
    public static final Feature PRIORITY_SUPPORT = new Feature("priority_support");
    public static final Feature SLA = new Feature("sla");

    public Feature {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("A feature key is lower-case letters, digits, '.', '_' or '-': " + key);
        }
    }

    public static boolean valid(String key) {
        return key != null && KEY.matcher(key).matches();
    }
}
