package dev.parley.billing.web;

import java.util.List;

import dev.parley.billing.Entitlements;
import dev.parley.billing.Limit;
import dev.parley.billing.Plan;
import dev.parley.identity.People;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's own view of its plan: what it includes and how much of it is used. */
@RestController
class BillingController {

    private final Entitlements entitlements;
    private final People people;

    BillingController(Entitlements entitlements, People people) {
        this.entitlements = entitlements;
        this.people = people;
    }

    /** Seats: active members and the plan's allowance ({@code included} null means unlimited). */
    record Seats(long used, Integer included, Long remaining) {
    }

    record PlanOverview(String id, String name, String currency, long monthlyPrice, long yearlyPrice,
                        Integer includedConversations, Integer storageMb, Integer apiRatePerMinute,
                        List<String> features, Seats seats) {
    }

    @GetMapping("/api/v1/billing/plan")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    @Transactional(readOnly = true)
    public PlanOverview plan() {
        TenantId tenant = TenantContext.require();
        Plan plan = entitlements.plan(tenant);
        long used = people.all(tenant).stream().filter(People.Person::active).count();
        var remaining = entitlements.remaining(tenant, Limit.OPERATORS, used);
        return new PlanOverview(plan.id(), plan.name(), plan.currency(), plan.monthlyPrice(), plan.yearlyPrice(),
                plan.includedConversations(), plan.storageMb(), plan.apiRatePerMinute(), plan.features(),
                new Seats(used, plan.includedOperators(), remaining.isPresent() ? remaining.getAsLong() : null));
    }
}
