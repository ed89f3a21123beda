package dev.parley.billing.payment;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;

import dev.parley.audit.AuditLog;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.web.PublicUrl;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant admin's payment method: bank transfer (manual) or a card saved with Stripe. Adding a card goes through
 * Stripe Checkout in setup mode, so the card is typed on Stripe's page only; the card arrives by webhook.
 * Runs in the caller's tenant transactions; Stripe is never called while a database connection is held.
 */
@Service
public class PaymentMethods {

    /** Where Stripe's page sends the admin back to: the console's billing page. */
    static final String RETURN_PATH = "/console/#/billing/";

    private static final Logger log = LoggerFactory.getLogger(PaymentMethods.class);

    /** What the console shows; the card fields are null while the tenant pays by bank transfer. */
    public record View(String provider, String brand, String last4, Integer expMonth, Integer expYear,
                       boolean stripeEnabled, String publishableKey) {
    }

    private final StripeProperties properties;
    private final StripeApi stripe;
    private final PaymentAccounts accounts;
    private final TenantDirectory tenants;
    private final PublicUrl publicUrl;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate reading;
    private final TransactionTemplate writing;

    PaymentMethods(StripeProperties properties, StripeApi stripe, PaymentAccounts accounts, TenantDirectory tenants,
                   PublicUrl publicUrl, AuditLog audit, Clock clock, PlatformTransactionManager transactions) {
        this.properties = properties;
        this.stripe = stripe;
        this.accounts = accounts;
        this.tenants = tenants;
        this.publicUrl = publicUrl;
        this.audit = audit;
        this.clock = clock;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.writing = new TransactionTemplate(transactions);
    }

    public View view(TenantId tenant) {
        Optional<PaymentAccount> account = reading.execute(status -> accounts.find(tenant));
        String publishable = properties.enabled() ? properties.publishableKey() : null;
        if (account.isPresent() && account.get().paysWithStripe()) {
            PaymentAccount a = account.get();
            return new View(PaymentAccount.STRIPE, a.cardBrand(), a.cardLast4(), a.cardExpMonth(), a.cardExpYear(),
                    properties.enabled(), publishable);
        }
        return new View(PaymentAccount.MANUAL, null, null, null, null, properties.enabled(), publishable);
    }

    /**
     * Starts saving a card: the tenant's Stripe customer (made on first use) and a Checkout Session in setup mode;
     * answers the address of Stripe's page. The card becomes the default when Stripe reports the setup done.
     */
    public String startCardSetup(TenantId tenant) {
        if (!stripe.enabled()) {
            throw StripeApi.notConfigured(HttpStatus.CONFLICT);
        }
        String customer = reading.execute(status -> accounts.find(tenant))
                .map(PaymentAccount::stripeCustomerId).orElse(null);
        if (customer == null) {
            String name = tenants.find(tenant).map(TenantSummary::name).orElse(tenant.value().toString());
            String created = call(() -> stripe.createCustomer(tenant, name));
            customer = writing.execute(status -> {
                String recorded = accounts.rememberCustomer(tenant, created, clock.instant());
                audit.record(tenant, "billing.stripe_customer_created", "payment_account", tenant.value(),
                        Map.of("customer", recorded));
                return recorded;
            });
        }
        String forCustomer = customer;
        String url = call(() -> stripe.createSetupSession(tenant, forCustomer,
                publicUrl.resolve(RETURN_PATH + "card-saved"), publicUrl.resolve(RETURN_PATH + "card-cancelled")));
        writing.executeWithoutResult(status -> audit.record(tenant, "billing.card_setup_started", "payment_account",
                tenant.value(), Map.of("customer", forCustomer)));
        return url;
    }

    /** Back to bank transfer: the card is detached at Stripe (so it cannot be charged) and forgotten here. */
    public View remove(TenantId tenant) {
        Optional<PaymentAccount> account = reading.execute(status -> accounts.find(tenant));
        boolean hadCard = account.isPresent() && account.get().paymentMethodId() != null;
        if (hadCard && stripe.enabled()) {
            String paymentMethod = account.get().paymentMethodId();
            try {
                stripe.detach(paymentMethod);
            } catch (InvalidRequestException gone) {
                // Already detached or deleted at Stripe: nothing there to charge either.
                log.info("Payment method {} was already gone at Stripe: {}", paymentMethod, gone.getMessage());
            } catch (StripeException e) {
                throw unavailable(e);
            }
        }
        if (hadCard) {
            writing.executeWithoutResult(status -> {
                accounts.useManual(tenant, false, clock.instant());
                audit.record(tenant, "billing.payment_method_removed", "payment_account", tenant.value(),
                        Map.of("reason", "removed by a tenant admin"));
            });
        }
        return view(tenant);
    }

    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    private static <T> T call(StripeCall<T> work) {
        try {
            return work.call();
        } catch (StripeException e) {
            throw unavailable(e);
        }
    }

    private static ParleyException unavailable(StripeException e) {
        log.warn("Stripe call failed: {}", e.getMessage());
        return new ParleyException(HttpStatus.BAD_GATEWAY, "STRIPE_UNAVAILABLE",
                "Stripe did not accept the request just now; try again in a moment.");
    }
}
