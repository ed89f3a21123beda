package dev.parley.tasks.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDirectory;

import org.springframework.stereotype.Component;

/** The tenant's time zone (its working hours' zone, UTC when it has none), for "today" and times in mail. */
@Component
public class TenantZone {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final TenantDirectory tenants;

    TenantZone(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    public ZoneId of(TenantId tenant) {
        String zone = tenants.findWidgetTenant(tenant)
                .map(t -> t.setting("hours.timezone", String.class, t.setting("timezone", String.class, null)))
                .orElse(null);
        if (zone == null || zone.isBlank()) {
            return UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return UTC;
        }
    }

    /** "Tue 4 Mar 2025, 14:30 (Europe/Lisbon)": a time as a person reads it in a notification. */
    public String format(TenantId tenant, Instant at) {
        ZoneId zone = of(tenant);
        return WHEN.format(at.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
