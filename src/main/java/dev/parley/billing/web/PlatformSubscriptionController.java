package dev.parley.billing.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.parley.billing.AddOn;
import dev.parley.billing.CouponOffer;
import dev.parley.billing.Coupons;
import dev.parley.billing.SubscriptionStatus;
import dev.parley.billing.Subscriptions;
import dev.parley.billing.web.SubscriptionOverviews.Overview;
import dev.parley.shared.TenantId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The super-admin's coupons, the add-on catalogue, and any tenant's subscription with an override. */
@RestController
@PreAuthorize("hasRole('SUPER_ADMIN')")
class PlatformSubscriptionController {

    private final Coupons coupons;
    private final Subscriptions subscriptions;
    private final SubscriptionOverviews overviews;

    PlatformSubscriptionController(Coupons coupons, Subscriptions subscriptions, SubscriptionOverviews overviews) {
        this.coupons = coupons;
        this.subscriptions = subscriptions;
        this.overviews = overviews;
    }

    /** A new coupon: {@code percentOff} (0.01-100, two decimals) or {@code amountOff} in minor units + currency. */
    record CouponBody(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{1,39}",
                    message = "must be 2-40 letters, digits, '-' or '_'") String code,
            @NotBlank @Size(max = 100) String name,
            @DecimalMin("0.01") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal percentOff,
            @Positive Long amountOff,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
            @NotNull CouponOffer.Duration duration,
            @Min(1) @Max(120) Integer durationPeriods,
            Instant redeemBy,
            @Positive Integer maxRedemptions) {
    }

    record CouponChange(@NotBlank @Size(max = 100) String name, Instant redeemBy, @Positive Integer maxRedemptions) {
    }

    record Override(@Size(max = 40) String planId, SubscriptionStatus status, Instant trialEnd) {
    }

    @GetMapping("/api/v1/platform/coupons")
    List<CouponOffer> coupons() {
        return coupons.list();
    }

    @GetMapping("/api/v1/platform/coupons/{code}")
    CouponOffer coupon(@PathVariable String code) {
        return coupons.get(code);
    }

    @PostMapping("/api/v1/platform/coupons")
    ResponseEntity<CouponOffer> create(@Valid @RequestBody CouponBody body) {
        Integer basisPoints = body.percentOff() == null ? null
                : body.percentOff().movePointRight(2).intValueExact();
        CouponOffer created = coupons.create(new Coupons.CouponDefinition(body.code(), body.name(), basisPoints,
                body.amountOff(), body.currency(), body.duration(), body.durationPeriods(), body.redeemBy(),
                body.maxRedemptions()));
        return ResponseEntity.created(URI.create("/api/v1/platform/coupons/" + created.code())).body(created);
    }

    @PutMapping("/api/v1/platform/coupons/{code}")
    CouponOffer update(@PathVariable String code, @Valid @RequestBody CouponChange body) {
        return coupons.update(code, body.name(), body.redeemBy(), body.maxRedemptions());
    }

    @GetMapping("/api/v1/platform/add-ons")
    List<AddOn> addOns() {
        return subscriptions.catalogue();
    }

    @GetMapping("/api/v1/platform/tenants/{id}/subscription")
    Overview subscription(@PathVariable UUID id) {
        return overviews.of(TenantId.of(id));
    }

    /** Sets plan, status and trial end directly: no proration; audited on both trails. */
    @PutMapping("/api/v1/platform/tenants/{id}/subscription")
    Overview override(@PathVariable UUID id, @Valid @RequestBody Override body) {
        TenantId tenant = TenantId.of(id);
        subscriptions.override(tenant, body.planId(), body.status(), body.trialEnd());
        return overviews.of(tenant);
    }
}
