package dev.parley.billing.payment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.stripe.exception.StripeException;

import dev.parley.shared.TenantId;
import dev.parley.tenancy.TenantDataPurge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A purged tenant's customer at Stripe (its saved cards with it) is deleted once the purge has committed, so the
 * tenant's data leaves Stripe too. Runs before {@code BillingDataPurge} empties {@code billing_payment_accounts}, which
 * holds the customer's id. A failed call is logged with the id to delete by hand; it never holds the purge up.
 */
@Component
@Order(29)
class StripeCustomerPurge implements TenantDataPurge {

    private static final Logger log = LoggerFactory.getLogger(StripeCustomerPurge.class);

    private final JdbcClient db;
    private final StripeApi stripe;

    StripeCustomerPurge(JdbcClient db, StripeApi stripe) {
        this.db = db;
        this.stripe = stripe;
    }

    @Override
    public List<String> tables() {
        return List.of();
    }

    @Override
    public Map<String, Integer> purge(TenantId tenant) {
        Optional<String> customer = db.sql("""
                        SELECT stripe_customer_id FROM billing_payment_accounts
                        WHERE tenant_id = :tenant AND stripe_customer_id IS NOT NULL
                        """)
                .param("tenant", tenant.value()).query(String.class).optional();
        if (customer.isEmpty()) {
            return Map.of();
        }
        if (!stripe.enabled()) {
            log.warn("Tenant {} was purged; Stripe is not configured, so its customer {} stays at Stripe",
                    tenant.value(), customer.get());
            return Map.of();
        }
        Runnable delete = () -> {
            try {
                stripe.deleteCustomer(customer.get());
                log.info("Deleted Stripe customer {} of purged tenant {}", customer.get(), tenant.value());
            } catch (StripeException | RuntimeException e) {
                log.warn("Could not delete Stripe customer {} of purged tenant {}; delete it in Stripe's dashboard",
                        customer.get(), tenant.value(), e);
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delete.run();
                }
            });
        } else {
            delete.run();
        }
        return Map.of();
    }
}
