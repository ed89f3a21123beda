package dev.parley.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.parley.shared.db.PlatformTransactions;
import dev.parley.tenancy.TenantActivity;
import dev.parley.tenancy.TenantActivity.Figures;

import org.springframework.stereotype.Component;

/**
 * Adds up what every {@link TenantActivity} source knows of a set of tenants: one query per source for the
 * whole set, however many tenants a page shows, on the platform path (the figures span tenants).
 */
@Component
public class ActivityFigures {

    private final List<TenantActivity> sources;
    private final PlatformTransactions platform;
    private final Clock clock;

    ActivityFigures(List<TenantActivity> sources, PlatformTransactions platform, Clock clock) {
        this.sources = sources;
        this.platform = platform;
        this.clock = clock;
    }

    /** The figures of each of these tenants, {@link Figures#NONE} for a tenant with no activity at all. */
    public Map<UUID, Figures> of(Collection<UUID> tenants) {
        Set<UUID> ids = new LinkedHashSet<>(tenants);
        Map<UUID, Figures> result = new HashMap<>();
        ids.forEach(id -> result.put(id, Figures.NONE));
        if (ids.isEmpty()) {
            return result;
        }
        Instant monthStart = monthStart(clock.instant());
        platform.run(() -> {
            for (TenantActivity source : sources) {
                source.figures(ids, monthStart).forEach((id, figures) -> result.merge(id, figures, Figures::plus));
            }
        });
        return result;
    }

    /** Midnight UTC on the first day of the instant's calendar month. */
    static Instant monthStart(Instant now) {
        return now.atOffset(ZoneOffset.UTC).with(TemporalAdjusters.firstDayOfMonth()).truncatedTo(ChronoUnit.DAYS)
                .toInstant();
    }
}
