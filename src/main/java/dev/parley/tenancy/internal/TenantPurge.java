package dev.parley.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import dev.parley.audit.AuditLog;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.tenancy.Tenant;
import dev.parley.tenancy.TenantDataPurge;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Purges a deleted tenant once its grace period is over: every module deletes the tenant's rows (in one platform
 * transaction, in the order their foreign keys need), and the {@code tenants} row stays as a tombstone.
 */
@Component
class TenantPurge {

    private static final Logger log = LoggerFactory.getLogger(TenantPurge.class);

    private final TenantRepository tenants;
    private final TenantDirectory directory;
    private final List<TenantDataPurge> modules;
    private final PlatformTransactions platform;
    private final AuditLog audit;
    private final Clock clock;

    TenantPurge(TenantRepository tenants, TenantDirectory directory, List<TenantDataPurge> modules,
                PlatformTransactions platform, AuditLog audit, Clock clock) {
        this.tenants = tenants;
        this.directory = directory;
        this.modules = modules;
        this.platform = platform;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Purges the tenant if it is still deleted and its purge date has come. A tenant that was reactivated (or is
     * already purged, or gone) is left alone; one whose date has not come, because it was restored and deleted again
     * while this execution waited, answers when to look again.
     */
    Optional<Instant> purgeIfDue(UUID id) {
        return platform.call(() -> {
            if (!tenants.lock(id)) {
                return Optional.<Instant>empty();
            }
            Tenant tenant = tenants.findById(id).orElseThrow();
            if (tenant.status() != TenantStatus.DELETED || tenant.purgedAt() != null) {
                log.info("Tenant {} is {}{}: nothing to purge", tenant.slug(), tenant.status(),
                        tenant.purgedAt() != null ? " and purged" : "");
                return Optional.<Instant>empty();
            }
            if (tenant.purgeAt().isAfter(clock.instant())) {
                return Optional.of(tenant.purgeAt());
            }
            purge(tenant);
            return Optional.<Instant>empty();
        });
    }

    private void purge(Tenant tenant) {
        TenantId id = TenantId.of(tenant.id());
        Map<String, Integer> rows = new TreeMap<>();
        for (TenantDataPurge module : modules) {
            rows.putAll(module.purge(id));
        }
        tenants.tombstone(tenant.id(), clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", tenant.slug());
        details.put("name", tenant.name());
        details.put("deletedAt", tenant.deletedAt().toString());
        details.put("rows", rows);
        audit.recordPlatform("tenant.purged", id, "tenant", tenant.id(), details);
        directory.evict(tenant.id());
        log.info("Purged tenant {} ({}), deleted {}: {}", tenant.slug(), tenant.id(), tenant.deletedAt(), rows);
    }
}
