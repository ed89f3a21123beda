package dev.parley.tenancy;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;
import dev.parley.tenancy.internal.TenantRepository;

import org.springframework.stereotype.Service;

/**
 * Looks tenants up by id on hot paths (every authenticated request checks its tenant's status) and by widget key
 * on every widget load. Cached for 30 seconds; a change on any node evicts the tenant on every node at once,
 * through the cluster bus, and the time-to-live covers what a node cut off from the others missed.
 */
@Service
public class TenantDirectory {

    /** Payload: the id of a tenant whose cached lookups every node drops. */
    static final String EVICTIONS = "tenancy.tenant-changed";

    private final TenantRepository tenants;
    private final ClusterBus bus;
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

    TenantDirectory(TenantRepository tenants, ClusterBus bus) {
        this.tenants = tenants;
        this.bus = bus;
        bus.subscribe(EVICTIONS, tenant -> evictHere(UUID.fromString(tenant)), this::evictAllHere);
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

    /**
     * Forgets the tenant on this node now, and on every node (this one again) when the current transaction
     * commits: another node that reloaded before the commit would otherwise keep the old row until it expires.
     */
    public void evict(UUID tenant) {
        evictHere(tenant);
        bus.publishAfterCommit(EVICTIONS, tenant.toString());
    }

    private void evictHere(UUID tenant) {
        cache.invalidate(tenant);
        widgetsById.invalidate(tenant);
        widgetsByKey.asMap().values().removeIf(w -> w.isPresent() && w.get().id().equals(tenant));
    }

    private void evictAllHere() {
        cache.invalidateAll();
        widgetsById.invalidateAll();
        widgetsByKey.invalidateAll();
    }
}
