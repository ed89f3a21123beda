package dev.parley.tenancy;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.internal.TenantRepository;

import org.springframework.stereotype.Service;

/**
 * Looks tenants up by id on hot paths (every authenticated request checks its tenant's status). Cached,
 * and evicted whenever this node changes a tenant.
 */
@Service
public class TenantDirectory {

    private final TenantRepository tenants;
    private final Cache<UUID, Optional<TenantSummary>> cache = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    private final Cache<String, Optional<WidgetTenant>> widgetsByKey = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();
    private final Cache<UUID, Optional<WidgetTenant>> widgetsById = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    TenantDirectory(TenantRepository tenants) {
        this.tenants = tenants;
    }

    public Optional<TenantSummary> find(TenantId tenant) {
        return cache.get(tenant.value(), id -> tenants.findSummary(id));
    }

    /** The tenant whose widget key this is, for widget loads (cached). */
    public Optional<WidgetTenant> findByWidgetKey(String key) {
        if (key == null || key.length() > 100) {
            return Optional.empty();
        }
        return widgetsByKey.get(key, k -> tenants.findByWidgetKey(k));
    }

    public Optional<WidgetTenant> findWidgetTenant(TenantId tenant) {
        return widgetsById.get(tenant.value(), id -> tenants.findWidgetTenant(id));
    }

    public void evict(UUID tenant) {
        cache.invalidate(tenant);
        widgetsById.invalidate(tenant);
        widgetsByKey.asMap().values().removeIf(w -> w.isPresent() && w.get().id().equals(tenant));
    }
}
