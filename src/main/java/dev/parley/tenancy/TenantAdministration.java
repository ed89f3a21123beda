package dev.parley.tenancy;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.parley.audit.AuditLog;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.shared.web.CursorPage;
import dev.parley.tenancy.FirstAdminInvitations.InvitationLink;
import dev.parley.tenancy.internal.DomainNames;
import dev.parley.tenancy.internal.TenantPurgeSchedule;
import dev.parley.tenancy.internal.TenantRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * The platform owner's operations on tenants: provisioning (idempotent by slug), search, edits, suspension,
 * reactivation and soft deletion (purged after a grace period unless reactivated). Every change is audit-logged on
 * the platform trail and the tenant's own.
 */
@Service
public class TenantAdministration {

    static final int MAX_SETTINGS_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantRepository tenants;
    private final TenantDirectory directory;
    private final FirstAdminInvitations invitations;
    private final TenantPurgeSchedule purges;
    private final PlatformTransactions platform;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TenantAdministration(TenantRepository tenants, TenantDirectory directory, FirstAdminInvitations invitations,
                         TenantPurgeSchedule purges, PlatformTransactions platform, AuditLog audit,
                         ApplicationEventPublisher events, Clock clock) {
        this.tenants = tenants;
        this.directory = directory;
        this.invitations = invitations;
        this.purges = purges;
        this.platform = platform;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** What to provision: the tenant, its widget hosts, its first admin and initial settings. */
    public record Provision(String name, String slug, List<String> domains, String adminEmail,
                            Map<String, Object> settings) {
    }

    /** The provisioned (or already existing) tenant; the invitation only when this call created the tenant. */
    public record Provisioned(Tenant tenant, boolean created, InvitationLink invitation) {
    }

    public Provisioned provision(Provision request) {
        List<String> hosts = DomainNames.normalise(request.domains());
        Map<String, Object> settings = request.settings() != null ? request.settings() : Map.of();
        checkSettingsSize(settings);
        checkTimeZone(settings);
        return platform.call(() -> {
            var inserted = tenants.insertIfSlugFree(request.slug(), request.name().trim(), settings, clock.instant());
            if (inserted.isEmpty()) {
                Tenant existing = tenants.findBySlug(request.slug()).orElseThrow();
                if (!existing.name().equals(request.name().trim())) {
                    throw ParleyException.conflict("SLUG_TAKEN",
                            "The slug '" + request.slug() + "' belongs to another tenant ('" + existing.name() + "').");
                }
                return new Provisioned(existing, false, null);
            }
            UUID id = inserted.get();
            TenantId tenant = TenantId.of(id);
            assignDomains(id, hosts);
            events.publishEvent(new TenantProvisioned(tenant));
            InvitationLink invitation = invitations.inviteFirstAdmin(tenant, request.adminEmail());
            audit.recordPlatform("tenant.created", tenant, "tenant", id,
                    Map.of("slug", request.slug(), "name", request.name(), "domains", hosts,
                            "adminEmail", invitation.email()));
            audit.record(tenant, "tenant.created", "tenant", id, Map.of("adminEmail", invitation.email()));
            return new Provisioned(tenants.findById(id).orElseThrow(), true, invitation);
        });
    }

    public Tenant get(UUID id) {
        return tenants.findById(id)
                .orElseThrow(() -> ParleyException.notFound("TENANT_NOT_FOUND", "No tenant has this id."));
    }

    public CursorPage<Tenant> search(String text, TenantStatus status, String cursor, Integer limit) {
        return search(text, status, null, cursor, limit);
    }

    /** As {@link #search(String, TenantStatus, String, Integer)}, among these tenants only when {@code only} is given. */
    public CursorPage<Tenant> search(String text, TenantStatus status, java.util.Set<UUID> only, String cursor,
                                     Integer limit) {
        int size = CursorPage.limit(limit);
        return CursorPage.of(tenants.search(text, status, only, CursorPage.decode(cursor), size + 1), size,
                Tenant::id);
    }

    /** What a super-admin may change on a tenant; absent fields stay as they are. */
    public record Change(String name, Map<String, Object> settings, List<String> domains) {
    }

    public Tenant update(UUID id, Change change) {
        List<String> hosts = change.domains() != null ? DomainNames.normalise(change.domains()) : null;
        return platform.call(() -> {
            tenants.lock(id); // not while its purge runs
            Tenant current = get(id);
            refuseIfPurged(current);
            String name = change.name() != null ? change.name().trim() : current.name();
            Map<String, Object> settings = current.settings();
            if (change.settings() != null) {
                settings = merge(current.settings(), change.settings());
                checkSettingsSize(settings);
                checkTimeZone(change.settings());
            }
            tenants.update(id, name, settings, clock.instant());
            if (hosts != null) {
                assignDomains(id, hosts);
            }
            Map<String, Object> details = new HashMap<>();
            if (!Objects.equals(name, current.name())) {
                details.put("name", name);
            }
            if (change.settings() != null) {
                details.put("settings", change.settings().keySet());
            }
            if (hosts != null) {
                details.put("domains", hosts);
            }
            audit.recordPlatform("tenant.updated", TenantId.of(id), "tenant", id, details);
            audit.record(TenantId.of(id), "tenant.updated", "tenant", id, details);
            directory.evict(id);
            return get(id);
        });
    }

    /** Sends a new invitation to a tenant admin (a lost first invitation, a new owner). */
    public InvitationLink inviteAdmin(UUID id, String email) {
        return platform.call(() -> {
            Tenant tenant = get(id);
            if (tenant.status() != TenantStatus.ACTIVE) {
                throw ParleyException.conflict("TENANT_NOT_ACTIVE", "Reactivate the tenant before inviting to it.");
            }
            InvitationLink invitation = invitations.inviteFirstAdmin(TenantId.of(id), email);
            audit.recordPlatform("tenant.admin_invited", TenantId.of(id), "tenant", id,
                    Map.of("email", invitation.email()));
            return invitation;
        });
    }

    public Tenant suspend(UUID id) {
        return transition(id, TenantStatus.SUSPENDED, "tenant.suspended");
    }

    public Tenant reactivate(UUID id) {
        return transition(id, TenantStatus.ACTIVE, "tenant.reactivated");
    }

    /**
     * Soft delete: the tenant's data stays, its people can no longer use it, and it can be restored until its data
     * is purged, {@code parley.tenancy.purge-after} later ({@link Tenant#purgeAt()}).
     */
    public Tenant delete(UUID id) {
        return transition(id, TenantStatus.DELETED, "tenant.deleted");
    }

    private Tenant transition(UUID id, TenantStatus next, String action) {
        return platform.call(() -> {
            // The purge job locks the row too: a restore and a purge never cross.
            tenants.lock(id);
            Tenant current = get(id);
            if (current.status() == next) {
                return current;
            }
            refuseIfPurged(current);
            if (Tenant.DEFAULT_ID.equals(id) && next != TenantStatus.ACTIVE) {
                throw ParleyException.conflict("DEFAULT_TENANT_PROTECTED",
                        "The default tenant is the platform's own and cannot be suspended or deleted.");
            }
            if (!current.status().canBecome(next)) {
                throw ParleyException.conflict("INVALID_STATUS_TRANSITION",
                        "A " + current.status() + " tenant cannot become " + next + ".");
            }
            tenants.changeStatus(id, next, clock.instant());
            Map<String, Object> details = Map.of("from", current.status().name(), "to", next.name());
            audit.recordPlatform(action, TenantId.of(id), "tenant", id, details);
            audit.record(TenantId.of(id), action, "tenant", id, details);
            directory.evict(id);
            Tenant changed = get(id);
            if (next == TenantStatus.DELETED) {
                purges.schedule(id, changed.purgeAt());
            } else if (current.status() == TenantStatus.DELETED) {
                purges.cancel(id);
            }
            return changed;
        });
    }

    private static void refuseIfPurged(Tenant tenant) {
        if (tenant.purgedAt() != null) {
            throw ParleyException.conflict("TENANT_PURGED",
                    "This tenant's data was purged on " + tenant.purgedAt() + "; it cannot be changed or restored.");
        }
    }

    private void assignDomains(UUID tenant, List<String> hosts) {
        tenants.assignDomains(tenant, hosts, clock.instant());
    }

    /** Shallow merge: a key set to null is removed. */
    private static Map<String, Object> merge(Map<String, Object> current, Map<String, Object> change) {
        Map<String, Object> merged = new HashMap<>(current);
        change.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** A tenant's time zone, when the settings name one, is an IANA zone such as Europe/Paris. */
    private static void checkTimeZone(Map<String, Object> settings) {
        Object zone = settings.get("timezone");
        if (zone == null) {
            return;
        }
        try {
            ZoneId.of(String.valueOf(zone));
        } catch (DateTimeException e) {
            throw ParleyException.invalidField("settings.timezone", "must be a time zone such as Europe/Paris");
        }
    }

    private static void checkSettingsSize(Map<String, Object> settings) {
        if (JSON.writeValueAsBytes(settings).length > MAX_SETTINGS_BYTES) {
            throw ParleyException.invalidField("settings", "must be at most " + MAX_SETTINGS_BYTES + " bytes of JSON");
        }
    }
}
