package dev.parley.tenancy.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.parley.shared.web.CursorPage;
import dev.parley.tenancy.Tenant;
import dev.parley.tenancy.TenantAdministration;
import dev.parley.tenancy.TenantAdministration.Change;
import dev.parley.tenancy.TenantAdministration.Provision;
import dev.parley.tenancy.TenantAdministration.Provisioned;
import dev.parley.tenancy.TenantActivity.Figures;
import dev.parley.tenancy.TenantPlans;
import dev.parley.tenancy.TenantPlans.PlanLabel;
import dev.parley.tenancy.TenantStatus;
import dev.parley.tenancy.internal.ActivityFigures;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The super-admin's tenant API: provisioning and the life of every tenant. */
@RestController
@RequestMapping("/api/v1/platform/tenants")
@PreAuthorize("hasRole('SUPER_ADMIN')")
class PlatformTenantController {

    static final String SLUG = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";

    private final TenantAdministration administration;
    private final ActivityFigures activity;
    private final TenantPlans plans;

    PlatformTenantController(TenantAdministration administration, ActivityFigures activity, TenantPlans plans) {
        this.administration = administration;
        this.activity = activity;
        this.plans = plans;
    }

    /** A tenant as the platform owner's list and detail show it: the tenant, its activity at a glance, its plan. */
    record TenantOverview(@JsonUnwrapped Tenant tenant, Figures activity, PlanLabel plan) {
    }

    record CreateTenant(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = SLUG, message = "must be 1-63 lower-case letters, digits or dashes, "
                    + "not starting or ending with a dash") String slug,
            List<String> domains,
            @NotBlank @Email @Size(max = 320) String adminEmail,
            Map<String, Object> settings) {
    }

    /** Creates a tenant, or answers 200 with the existing one when the same slug and name were sent before. */
    @PostMapping
    ResponseEntity<Provisioned> create(@Valid @RequestBody CreateTenant body) {
        Provisioned result = administration.provision(
                new Provision(body.name(), body.slug(), body.domains(), body.adminEmail(), body.settings()));
        if (result.created()) {
            return ResponseEntity.created(URI.create("/api/v1/platform/tenants/" + result.tenant().id())).body(result);
        }
        return ResponseEntity.status(HttpStatus.OK).body(result);
    }

    @GetMapping
    CursorPage<TenantOverview> list(@RequestParam(required = false) String q,
                                    @RequestParam(required = false) TenantStatus status,
                                    @RequestParam(required = false) String plan,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(required = false) Integer limit) {
        Set<UUID> only = plan == null || plan.isBlank() ? null : plans.tenantsOn(plan.trim());
        CursorPage<Tenant> page = administration.search(q, status, only, cursor, limit);
        Set<UUID> ids = page.items().stream().map(Tenant::id).collect(Collectors.toSet());
        Map<UUID, Figures> figures = activity.of(List.copyOf(ids));
        Map<UUID, PlanLabel> labels = plans.plans(ids);
        return new CursorPage<>(page.items().stream()
                .map(t -> new TenantOverview(t, figures.get(t.id()), labels.get(t.id()))).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    TenantOverview get(@PathVariable UUID id) {
        Tenant tenant = administration.get(id);
        return new TenantOverview(tenant, activity.of(List.of(id)).get(id), plans.plans(Set.of(id)).get(id));
    }

    record UpdateTenant(@Size(min = 1, max = 200) String name, Map<String, Object> settings, List<String> domains) {
    }

    @PatchMapping("/{id}")
    Tenant update(@PathVariable UUID id, @Valid @RequestBody UpdateTenant body) {
        if (body.name() != null && body.name().isBlank()) {
            throw dev.parley.shared.ParleyException.invalidField("name", "must not be blank");
        }
        return administration.update(id, new Change(body.name(), body.settings(), body.domains()));
    }

    record InviteAdmin(@NotBlank @Email @Size(max = 320) String email) {
    }

    /** A new invitation for a tenant admin, for example when the first one was lost. */
    @PostMapping("/{id}/admin-invitations")
    ResponseEntity<dev.parley.tenancy.FirstAdminInvitations.InvitationLink> inviteAdmin(@PathVariable UUID id,
            @Valid @RequestBody InviteAdmin body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(administration.inviteAdmin(id, body.email()));
    }

    @PostMapping("/{id}/suspend")
    Tenant suspend(@PathVariable UUID id) {
        return administration.suspend(id);
    }

    @PostMapping("/{id}/reactivate")
    Tenant reactivate(@PathVariable UUID id) {
        return administration.reactivate(id);
    }

    @DeleteMapping("/{id}")
    Tenant delete(@PathVariable UUID id) {
        return administration.delete(id);
    }
}
