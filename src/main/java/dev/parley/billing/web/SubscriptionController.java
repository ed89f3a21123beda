package dev.parley.billing.web;

import dev.parley.billing.BillingInterval;
import dev.parley.billing.Subscriptions;
import dev.parley.billing.Subscriptions.Preview;
import dev.parley.billing.web.SubscriptionOverviews.Overview;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tenant admin's subscription: see it, preview and change the plan, cancel and resume, add-ons, a coupon. */
@RestController
@PreAuthorize("hasRole('TENANT_ADMIN')")
class SubscriptionController {

    private final Subscriptions subscriptions;
    private final SubscriptionOverviews overviews;

    SubscriptionController(Subscriptions subscriptions, SubscriptionOverviews overviews) {
        this.subscriptions = subscriptions;
        this.overviews = overviews;
    }

    record PlanChoice(@NotBlank @Size(max = 40) String planId, @NotNull BillingInterval interval) {
    }

    record Reactivation(@Size(max = 40) String planId, BillingInterval interval) {
    }

    record Quantity(@NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    record CouponCode(@NotBlank @Size(max = 40) String code) {
    }

    /** The subscription and what it may change to. */
    record Changed(Preview change, Overview subscription) {
    }

    @GetMapping("/api/v1/billing/subscription")
    Overview get() {
        return overviews.of(TenantContext.require());
    }

    @PostMapping("/api/v1/billing/subscription/preview")
    Preview preview(@Valid @RequestBody PlanChoice body) {
        return subscriptions.preview(TenantContext.require(), body.planId(), body.interval());
    }

    @PutMapping("/api/v1/billing/subscription")
    Changed change(@Valid @RequestBody PlanChoice body) {
        TenantId tenant = TenantContext.require();
        Preview change = subscriptions.changePlan(tenant, body.planId(), body.interval());
        return new Changed(change, overviews.of(tenant));
    }

    @PostMapping("/api/v1/billing/subscription/cancel")
    Overview cancel() {
        TenantId tenant = TenantContext.require();
        subscriptions.cancel(tenant);
        return overviews.of(tenant);
    }

    @PostMapping("/api/v1/billing/subscription/resume")
    Overview resume() {
        TenantId tenant = TenantContext.require();
        subscriptions.resume(tenant);
        return overviews.of(tenant);
    }

    @PostMapping("/api/v1/billing/subscription/reactivate")
    Overview reactivate(@Valid @RequestBody(required = false) Reactivation body) {
        TenantId tenant = TenantContext.require();
        subscriptions.reactivate(tenant, body == null ? null : body.planId(), body == null ? null : body.interval());
        return overviews.of(tenant);
    }

    @PutMapping("/api/v1/billing/subscription/add-ons/{id}")
    Overview addAddOn(@PathVariable String id, @Valid @RequestBody(required = false) Quantity body) {
        TenantId tenant = TenantContext.require();
        subscriptions.addAddOn(tenant, id, body == null ? 1 : body.quantity());
        return overviews.of(tenant);
    }

    @DeleteMapping("/api/v1/billing/subscription/add-ons/{id}")
    Overview removeAddOn(@PathVariable String id) {
        TenantId tenant = TenantContext.require();
        subscriptions.removeAddOn(tenant, id);
        return overviews.of(tenant);
    }

    @PostMapping("/api/v1/billing/subscription/coupon")
    Overview applyCoupon(@Valid @RequestBody CouponCode body) {
        TenantId tenant = TenantContext.require();
        subscriptions.applyCoupon(tenant, body.code());
        return overviews.of(tenant);
    }
}
