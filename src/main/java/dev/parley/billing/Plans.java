package dev.parley.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.audit.AuditLog;
import dev.parley.billing.internal.PlanRepository;
import dev.parley.billing.invoice.PricingTiers;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.tenancy.TenantDirectory;

import org.springframework.stereotype.Service;

/**
 * The platform owner's plans: list, read, create, edit, and which plan a tenant is on. Every change is audit-logged
 * and evicts the cached plans on every node after it commits, so it is effective at once.
 */
@Service
public class Plans {

    /** What a plan holds, as the super-admin writes it (the id only when creating). */
    public record PlanDefinition(String name, String currency, long monthlyPrice, long yearlyPrice,
                                 Integer includedOperators, Integer includedConversations, Integer storageMb,
                                 Integer apiRatePerMinute, List<String> features, Integer trialDays,
                                 List<PricingTiers.Tier> overageTiers, Integer widgetRatePerMinute,
                                 Boolean selfServe) {
    }

    /** A tenant's plan and since when it holds it. */
    public record TenantPlan(java.util.UUID tenantId, Plan plan, Instant since) {
    }

    private final PlanRepository plans;
    private final Entitlements entitlements;
    private final TenantDirectory tenants;
    private final PlatformTransactions platform;
    private final ClusterBus bus;
    private final AuditLog audit;
    private final Clock clock;
    private final Subscriptions subscriptions;

    Plans(PlanRepository plans, Entitlements entitlements, TenantDirectory tenants, PlatformTransactions platform,
          ClusterBus bus, AuditLog audit, Clock clock, Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.entitlements = entitlements;
        this.tenants = tenants;
        this.platform = platform;
        this.bus = bus;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Plan> list() {
        return platform.call(plans::all);
    }

    public Plan get(String id) {
        return platform.call(() -> plans.find(id).orElseThrow(Plans::planNotFound));
    }

    public Plan create(String id, PlanDefinition definition) {
        Plan plan = plan(id, definition);
        return platform.call(() -> {
            if (!plans.insert(plan, clock.instant())) {
                throw ParleyException.conflict("PLAN_EXISTS", "A plan with the id '" + id + "' already exists.");
            }
            audit.recordPlatform("plan.created", null, "plan", id, details(plan));
            return plans.find(id).orElseThrow();
        });
    }

    public Plan update(String id, PlanDefinition definition) {
        Plan plan = plan(id, definition);
        return platform.call(() -> {
            if (!plans.update(plan, clock.instant())) {
                throw planNotFound();
            }
            audit.recordPlatform("plan.updated", null, "plan", id, details(plan));
            bus.publishAfterCommit(Entitlements.EVICTIONS, Entitlements.ALL);
            return plans.find(id).orElseThrow();
        });
    }

    /** The tenant's current plan, as the platform owner sees it; 404 for an unknown tenant. */
    public TenantPlan planOf(TenantId tenant) {
        requireTenant(tenant);
        return platform.call(() -> new TenantPlan(tenant.value(), entitlements.plan(tenant),
                plans.since(tenant.value()).orElse(null)));
    }

    /** Puts the tenant on the plan from now on; effective on every node as soon as it commits. */
    public TenantPlan assign(TenantId tenant, String planId) {
        requireTenant(tenant);
        platform.run(() -> {
            Plan plan = plans.find(planId)
                    .orElseThrow(() -> ParleyException.invalidField("planId", "no plan has the id '" + planId + "'"));
            String previous = plans.planOf(tenant.value()).orElse(null);
            // The subscription moves with the plan (no proration: the platform owner decides), or, for a tenant
            // without one, only the effective plan.
            if (subscriptions.find(tenant).isPresent()) {
                subscriptions.override(tenant, plan.id(), null, null);
            } else {
                plans.assign(tenant.value(), plan.id(), clock.instant());
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", previous);
            details.put("to", plan.id());
            audit.recordPlatform("tenant.plan_changed", tenant, "tenant", tenant.value(), details);
            audit.record(tenant, "tenant.plan_changed", "tenant", tenant.value(), details);
            bus.publishAfterCommit(Entitlements.EVICTIONS, tenant.value().toString());
        });
        return planOf(tenant);
    }

    private void requireTenant(TenantId tenant) {
        if (tenants.find(tenant).isEmpty()) {
            throw ParleyException.notFound("TENANT_NOT_FOUND", "No tenant has this id.");
        }
    }

    private static Plan plan(String id, PlanDefinition d) {
        if (id == null || !id.matches("[a-z][a-z0-9-]{1,39}")) {
            throw ParleyException.invalidField("id", "must be 2-40 lower-case letters, digits or dashes, "
                    + "starting with a letter");
        }
        List<String> features = d.features() == null ? List.of() : d.features().stream().distinct().sorted().toList();
        for (String feature : features) {
            if (!Feature.valid(feature)) {
                throw ParleyException.invalidField("features", "'" + feature + "' is not a feature key "
                        + "(lower-case letters, digits, '.', '_' or '-')");
            }
        }
        List<PricingTiers.Tier> tiers = d.overageTiers() == null ? List.of() : d.overageTiers();
        if (!tiers.isEmpty()) {
            try {
                new PricingTiers(java.util.Currency.getInstance(d.currency()), PricingTiers.Mode.GRADUATED, tiers);
            } catch (IllegalArgumentException e) {
                throw ParleyException.invalidField("overageTiers", e.getMessage());
            }
        }
        return new Plan(id, d.name().trim(), d.currency(), d.monthlyPrice(), d.yearlyPrice(), d.includedOperators(),
                d.includedConversations(), d.storageMb(), d.apiRatePerMinute(), features,
                d.trialDays() == null ? 14 : d.trialDays(), tiers, null, null, d.widgetRatePerMinute(),
                d.selfServe() == null || d.selfServe());
    }

    private static Map<String, Object> details(Plan plan) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", plan.name());
        details.put("currency", plan.currency());
        details.put("monthlyPrice", plan.monthlyPrice());
        details.put("yearlyPrice", plan.yearlyPrice());
        details.put("includedOperators", plan.includedOperators());
        details.put("includedConversations", plan.includedConversations());
        details.put("storageMb", plan.storageMb());
        details.put("apiRatePerMinute", plan.apiRatePerMinute());
        details.put("widgetRatePerMinute", plan.widgetRatePerMinute());
        details.put("selfServe", plan.selfServe());
        details.put("features", plan.features());
        details.put("trialDays", plan.trialDays());
        details.put("overageTiers", plan.overageTiers().stream()
                .map(t -> t.upTo() + "@" + t.unitPrice().toPlainString()).toList());
        return details;
    }

    private static ParleyException planNotFound() {
        return ParleyException.notFound("PLAN_NOT_FOUND", "No plan has this id.");
    }
}
