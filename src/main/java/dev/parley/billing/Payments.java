package dev.parley.billing;

import java.util.List;

import dev.parley.billing.PaymentProvider.ChargeRequest;
import dev.parley.billing.PaymentProvider.ChargeResult;
import dev.parley.billing.payment.PaymentAccount;
import dev.parley.billing.payment.PaymentAccounts;
import dev.parley.billing.payment.StripeProperties;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Service;

/**
 * Which payment provider takes a tenant's payments, and charging through it. Every tenant pays through the
 * {@code manual} provider (bank transfer) unless it has saved a card with Stripe (and Stripe is configured).
 */
@Service
public class Payments {

    public static final String MANUAL = "manual";
    public static final String STRIPE = "stripe";

    private final List<PaymentProvider> providers;
    private final PaymentAccounts accounts;
    private final StripeProperties stripe;

    Payments(List<PaymentProvider> providers, PaymentAccounts accounts, StripeProperties stripe) {
        this.providers = List.copyOf(providers);
        this.accounts = accounts;
        this.stripe = stripe;
    }

    /**
     * The id of the provider that takes this tenant's payments: {@code stripe} once the tenant has saved a card with
     * Stripe, while Stripe is configured; otherwise {@code manual}.
     */
    public String providerOf(TenantId tenant) {
        if (!stripe.enabled()) {
            return MANUAL;
        }
        return accounts.lookup(tenant).filter(PaymentAccount::paysWithStripe).isPresent() ? STRIPE : MANUAL;
    }

    public ChargeResult charge(ChargeRequest request) {
        String id = providerOf(request.tenant());
        return providers.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No payment provider '" + id + "'"))
                .charge(request);
    }
}
