package dev.parley.billing;

import java.util.List;

import dev.parley.billing.PaymentProvider.ChargeRequest;
import dev.parley.billing.PaymentProvider.ChargeResult;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Service;

/**
 * Which payment provider takes a tenant's payments, and charging through it. Every tenant pays through the
 * {@code manual} provider (bank transfer) unless it has set up another one.
 */
@Service
public class Payments {

    public static final String MANUAL = "manual";

    private final List<PaymentProvider> providers;

    Payments(List<PaymentProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** The id of the provider that takes this tenant's payments. */
    public String providerOf(TenantId tenant) {
        return MANUAL;
    }

    public ChargeResult charge(ChargeRequest request) {
        String id = providerOf(request.tenant());
        return providers.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No payment provider '" + id + "'"))
                .charge(request);
    }
}
