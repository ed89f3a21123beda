package dev.parley.billing.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.parley.billing.payment.PaymentAccount.Card;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code billing_payment_accounts} rows: one per tenant that has ever set up a payment method. Runs in the
 * caller's transaction: the tenant's own (row-level security shows its row) or the platform path for webhooks,
 * which find the tenant by Stripe's customer or payment method id.
 */
@Repository
public class PaymentAccounts {

    private static final String COLUMNS = """
            tenant_id, provider, stripe_customer_id, default_payment_method_id, card_brand, card_last4,
            card_exp_month, card_exp_year, updated_at""";

    private final JdbcClient db;
    private final PlatformTransactions platform;

    PaymentAccounts(JdbcClient db, PlatformTransactions platform) {
        this.db = db;
        this.platform = platform;
    }

    /**
     * The tenant's account from anywhere: in the caller's transaction when that can see the row (the platform path,
     * or the tenant's own transaction), else in a platform transaction of its own.
     */
    public Optional<PaymentAccount> lookup(TenantId tenant) {
        return platform.callFor(tenant, () -> find(tenant));
    }

    public Optional<PaymentAccount> find(TenantId tenant) {
        return db.sql("SELECT " + COLUMNS + " FROM billing_payment_accounts WHERE tenant_id = :tenant")
                .param("tenant", tenant.value()).query(PaymentAccounts::map).optional();
    }

    /**
     * Platform path: the tenant whose Stripe customer this is, its row locked until the transaction ends (Stripe sends
     * {@code checkout.session.completed} and {@code setup_intent.succeeded} for one card at the same moment).
     */
    Optional<PaymentAccount> lockByCustomer(String customerId) {
        return db.sql("SELECT " + COLUMNS + " FROM billing_payment_accounts WHERE stripe_customer_id = :customer "
                        + "FOR UPDATE")
                .param("customer", customerId).query(PaymentAccounts::map).optional();
    }

    /** Platform path: the tenant whose default payment method this is, its row locked. */
    Optional<PaymentAccount> lockByPaymentMethod(String paymentMethodId) {
        return db.sql("SELECT " + COLUMNS + " FROM billing_payment_accounts "
                        + "WHERE default_payment_method_id = :pm FOR UPDATE")
                .param("pm", paymentMethodId).query(PaymentAccounts::map).optional();
    }

    /**
     * Remembers the tenant's Stripe customer (a tenant still paying manually); a customer recorded meanwhile wins,
     * and the answer is the one that is recorded.
     */
    String rememberCustomer(TenantId tenant, String customerId, Instant now) {
        db.sql("""
                        INSERT INTO billing_payment_accounts (tenant_id, provider, stripe_customer_id, updated_at)
                        VALUES (:tenant, 'manual', :customer, :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET stripe_customer_id = :customer, updated_at = :now
                            WHERE billing_payment_accounts.stripe_customer_id IS NULL
                        """)
                .param("tenant", tenant.value()).param("customer", customerId).param("now", Timestamp.from(now))
                .update();
        return find(tenant).map(PaymentAccount::stripeCustomerId).orElse(customerId);
    }

    /** Stripe takes the tenant's payments from now on, with this card. */
    void useCard(TenantId tenant, String customerId, Card card, Instant now) {
        db.sql("""
                        INSERT INTO billing_payment_accounts (tenant_id, provider, stripe_customer_id,
                            default_payment_method_id, card_brand, card_last4, card_exp_month, card_exp_year, updated_at)
                        VALUES (:tenant, 'stripe', :customer, :pm, :brand, :last4, :month, :year, :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET provider = 'stripe', stripe_customer_id = :customer,
                            default_payment_method_id = :pm, card_brand = :brand, card_last4 = :last4,
                            card_exp_month = :month, card_exp_year = :year, updated_at = :now
                        """)
                .param("tenant", tenant.value()).param("customer", customerId).param("pm", card.paymentMethodId())
                .param("brand", card.brand()).param("last4", card.last4())
                .param("month", card.expMonth()).param("year", card.expYear())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Back to bank transfer; the Stripe customer is kept for a later card unless {@code forgetCustomer}. */
    boolean useManual(TenantId tenant, boolean forgetCustomer, Instant now) {
        return db.sql("""
                        UPDATE billing_payment_accounts SET provider = 'manual', default_payment_method_id = NULL,
                            card_brand = NULL, card_last4 = NULL, card_exp_month = NULL, card_exp_year = NULL,
                            stripe_customer_id = CASE WHEN :forget THEN NULL ELSE stripe_customer_id END,
                            updated_at = :now
                        WHERE tenant_id = :tenant
                        """)
                .param("tenant", tenant.value()).param("forget", forgetCustomer).param("now", Timestamp.from(now))
                .update() > 0;
    }

    private static PaymentAccount map(ResultSet rs, int row) throws SQLException {
        return new PaymentAccount(rs.getObject("tenant_id", UUID.class), rs.getString("provider"),
                rs.getString("stripe_customer_id"), rs.getString("default_payment_method_id"),
                rs.getString("card_brand"), rs.getString("card_last4"),
                rs.getObject("card_exp_month", Integer.class),
                rs.getObject("card_exp_year", Integer.class),
                rs.getTimestamp("updated_at").toInstant());
    }
}
