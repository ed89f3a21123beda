package dev.parley.billing.web;

import java.util.Map;

import dev.parley.billing.payment.PaymentMethods;
import dev.parley.billing.payment.PaymentMethods.View;
import dev.parley.shared.TenantContext;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant admin's payment method: see it, add a card through Stripe Checkout, go back to bank transfer. */
@RestController
@PreAuthorize("hasRole('TENANT_ADMIN')")
class PaymentMethodController {

    private final PaymentMethods methods;

    PaymentMethodController(PaymentMethods methods) {
        this.methods = methods;
    }

    @GetMapping("/api/v1/billing/payment-method")
    View get() {
        return methods.view(TenantContext.require());
    }

    /** Answers {@code {"url": ...}}, Stripe's page where the admin saves a card; 409 without Stripe configured. */
    @PostMapping("/api/v1/billing/payment-method/checkout")
    Map<String, String> checkout() {
        return Map.of("url", methods.startCardSetup(TenantContext.require()));
    }

    @DeleteMapping("/api/v1/billing/payment-method")
    View remove() {
        return methods.remove(TenantContext.require());
    }
}
