package dev.parley.billing.web;

import java.net.URI;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.parley.billing.Plan;
import dev.parley.billing.invoice.PricingTiers;
import dev.parley.billing.Plans;
import dev.parley.billing.Plans.PlanDefinition;
import dev.parley.billing.Plans.TenantPlan;
import dev.parley.shared.TenantId;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The super-admin's plans API and the plan of each tenant. */
@RestController
@PreAuthorize("hasRole('SUPER_ADMIN')")
class PlatformPlanController {

    private final Plans plans;

    PlatformPlanController(Plans plans) {
        this.plans = plans;
    }

    record PlanBody(
            @Pattern(regexp = "[a-z][a-z0-9-]{1,39}", message = "must be 2-40 lower-case letters, digits or dashes, "
                    + "starting with a letter") String id,
            @NotBlank @Size(max = 100) String name,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
            @NotNull @PositiveOrZero Long monthlyPrice,
            @NotNull @PositiveOrZero Long yearlyPrice,
            @PositiveOrZero Integer includedOperators,
            @PositiveOrZero Integer includedConversations,
            @PositiveOrZero Integer storageMb,
            @PositiveOrZero Integer apiRatePerMinute,
            @Size(max = 50) List<@NotBlank @Size(max = 60) String> features,
            @Min(0) @Max(365) Integer trialDays,
            @Size(max = 10) List<@NotNull @Valid TierBody> overageTiers,
            @PositiveOrZero Integer widgetRatePerMinute,
            Boolean selfServe) {

        PlanDefinition definition() {
            return new PlanDefinition(name, currency, monthlyPrice, yearlyPrice, includedOperators,
                    includedConversations, storageMb, apiRatePerMinute, features, trialDays,
                    overageTiers == null ? null : overageTiers.stream().map(TierBody::tier).toList(),
                    widgetRatePerMinute, selfServe);
        }
    }

    /** An overage tier: up to {@code upTo} conversations over the allowance (null: any more), at a unit price. */
    record TierBody(@Positive Long upTo, @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 6) BigDecimal unitPrice) {

        PricingTiers.Tier tier() {
            return new PricingTiers.Tier(upTo, unitPrice);
        }
    }

    record PlanChoice(@NotBlank @Size(max = 40) String planId) {
    }

    @GetMapping("/api/v1/platform/plans")
    List<Plan> list() {
        return plans.list();
    }

    @GetMapping("/api/v1/platform/plans/{id}")
    Plan get(@PathVariable String id) {
        return plans.get(id);
    }

    @PostMapping("/api/v1/platform/plans")
    ResponseEntity<Plan> create(@Valid @RequestBody PlanBody body) {
        if (body.id() == null) {
            throw dev.parley.shared.ParleyException.invalidField("id", "must not be blank");
        }
        Plan plan = plans.create(body.id(), body.definition());
        return ResponseEntity.created(URI.create("/api/v1/platform/plans/" + plan.id())).body(plan);
    }

    /** Replaces the plan's definition; the id in the path wins over one in the body. */
    @PutMapping("/api/v1/platform/plans/{id}")
    Plan update(@PathVariable String id, @Valid @RequestBody PlanBody body) {
        return plans.update(id, body.definition());
    }

    @GetMapping("/api/v1/platform/tenants/{id}/plan")
    TenantPlan planOf(@PathVariable UUID id) {
        return plans.planOf(TenantId.of(id));
    }

    @PutMapping("/api/v1/platform/tenants/{id}/plan")
    TenantPlan assign(@PathVariable UUID id, @Valid @RequestBody PlanChoice body) {
        return plans.assign(TenantId.of(id), body.planId());
    }
}
