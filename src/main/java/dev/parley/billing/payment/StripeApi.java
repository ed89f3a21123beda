package dev.parley.billing.payment;

import java.util.Map;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.checkout.SessionCreateParams;

import dev.parley.billing.payment.PaymentAccount.Card;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The Stripe calls Parley makes, through Stripe's own SDK (stripe-java), against {@code parley.stripe.api-base}.
 * Absent a secret key there is no client and every call is refused with {@code STRIPE_NOT_CONFIGURED}.
 */
@Component
class StripeApi {

    private final StripeClient client;

    StripeApi(StripeProperties properties) {
        this.client = properties.enabled() ? StripeClient.builder()
                .setApiKey(properties.secretKey())
                .setApiBase(stripped(properties.apiBase()))
                .setConnectTimeout(10_000)
                .setReadTimeout(30_000)
                // The SDK retries connection failures and 5xx with the same idempotency key, so never twice.
                .setMaxNetworkRetries(2)
                .build() : null;
    }

    boolean enabled() {
        return client != null;
    }

    /** A new Stripe customer for the tenant; the tenant id in the key makes a repeated call answer the same one. */
    String createCustomer(TenantId tenant, String name) throws StripeException {
        CustomerCreateParams params = CustomerCreateParams.builder()
                .setName(name)
                .putMetadata("tenant_id", tenant.value().toString())
                .build();
        return client().v1().customers().create(params, idempotent("parley-customer-" + tenant.value())).getId();
    }

    /** A Checkout Session in setup mode: Stripe's page where the customer saves a card; answers its URL. */
    String createSetupSession(TenantId tenant, String customerId, String successUrl, String cancelUrl)
            throws StripeException {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP)
                .setCustomer(customerId)
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD)
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .setClientReferenceId(tenant.value().toString())
                .putMetadata("tenant_id", tenant.value().toString())
                .setSetupIntentData(SessionCreateParams.SetupIntentData.builder()
                        .putMetadata("tenant_id", tenant.value().toString()).build())
                .build();
        Session session = client().v1().checkout().sessions().create(params);
        return session.getUrl();
    }

    /** The payment method a (succeeded) SetupIntent saved. */
    String paymentMethodOfSetupIntent(String setupIntentId) throws StripeException {
        SetupIntent intent = client().v1().setupIntents().retrieve(setupIntentId);
        return intent.getPaymentMethod();
    }

    /** The card behind a payment method: brand, last four digits and expiry, as Stripe reports them. */
    Card card(String paymentMethodId) throws StripeException {
        PaymentMethod method = client().v1().paymentMethods().retrieve(paymentMethodId);
        PaymentMethod.Card card = method.getCard();
        if (card == null) {
            return new Card(paymentMethodId, method.getType(), null, null, null);
        }
        return new Card(paymentMethodId, card.getBrand(), card.getLast4(),
                card.getExpMonth() == null ? null : card.getExpMonth().intValue(),
                card.getExpYear() == null ? null : card.getExpYear().intValue());
    }

    /** Makes the payment method the customer's default (for invoices Stripe itself would send, too). */
    void makeDefault(String customerId, String paymentMethodId) throws StripeException {
        client().v1().customers().update(customerId, CustomerUpdateParams.builder()
                .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod(paymentMethodId).build())
                .build());
    }

    /** Removes the payment method from its customer: Stripe keeps no card of the tenant's to charge. */
    void detach(String paymentMethodId) throws StripeException {
        client().v1().paymentMethods().detach(paymentMethodId);
    }

    /** Deletes the customer at Stripe, with its payment methods (a purged tenant's data leaves Stripe too). */
    void deleteCustomer(String customerId) throws StripeException {
        client().v1().customers().delete(customerId);
    }

    /** Charges the saved card now, off session (the customer is not there); the key makes a retry charge once. */
    PaymentIntent charge(String customerId, String paymentMethodId, long amount, String currency, String description,
                         Map<String, String> metadata, String idempotencyKey) throws StripeException {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(amount)
                .setCurrency(currency)
                .setCustomer(customerId)
                .setPaymentMethod(paymentMethodId)
                .setOffSession(true)
                .setConfirm(true)
                .setDescription(description)
                .putAllMetadata(metadata)
                .build();
        return client().v1().paymentIntents().create(params, idempotent(idempotencyKey));
    }

    private StripeClient client() {
        if (client == null) {
            throw notConfigured(HttpStatus.CONFLICT);
        }
        return client;
    }

    static ParleyException notConfigured(HttpStatus status) {
        return new ParleyException(status, "STRIPE_NOT_CONFIGURED",
                "Stripe is not set up on this Parley installation; payments are by bank transfer.");
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private static String stripped(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
