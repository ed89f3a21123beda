package dev.parley.billing;

import java.util.Optional;

import dev.parley.billing.internal.SubscriptionRepository;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each tenant's subscription: its plan, interval, status and current billing period. A tenant gets one when it is
 * provisioned (a trial of its plan's trial length, or active at once for a plan without a trial).
 */
@Service
public class Subscriptions {

    private final SubscriptionRepository subscriptions;
    private final PlatformTransactions platform;

    Subscriptions(SubscriptionRepository subscriptions, PlatformTransactions platform) {
        this.subscriptions = subscriptions;
        this.platform = platform;
    }

    /** The tenant's subscription; 404 {@code SUBSCRIPTION_NOT_FOUND} for a tenant without one. */
    public Subscription current(TenantId tenant) {
        return find(tenant).orElseThrow(() -> ParleyException.notFound("SUBSCRIPTION_NOT_FOUND",
                "This tenant has no subscription."));
    }

    public Optional<Subscription> find(TenantId tenant) {
        boolean ownTransaction = TransactionSynchronizationManager.isActualTransactionActive()
                && tenant.equals(TenantContext.current().orElse(null));
        return ownTransaction || PlatformTransactions.active()
                ? subscriptions.find(tenant.value())
                : platform.call(() -> subscriptions.find(tenant.value()));
    }
}
