package dev.parley.billing.payment;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.net.Webhook;

import dev.parley.audit.AuditLog;
import dev.parley.billing.PaymentFailed;
import dev.parley.billing.PaymentSucceeded;
import dev.parley.billing.payment.PaymentAccount.Card;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.tenancy.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's webhook events: the signature is checked against the endpoint's secret (HMAC-SHA256 of
 * {@code "<t>.<payload>"}, at most five minutes old), each event id is handled once, and the handling runs in the
 * same transaction as recording the id, so a failure leaves nothing behind and Stripe delivers the event again.
 */
@Service
public class StripeWebhooks {

    /** Seconds a signature stays valid (Stripe's own default), against replays of an old delivery. */
    static final long TOLERANCE_SECONDS = 300;

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StripeProperties properties;
    private final StripeApi stripe;
    private final StripeEvents events;
    private final PaymentAccounts accounts;
    private final TenantDirectory tenants;
    private final PlatformTransactions platform;
    private final ApplicationEventPublisher publisher;
    private final AuditLog audit;
    private final Clock clock;

    StripeWebhooks(StripeProperties properties, StripeApi stripe, StripeEvents events, PaymentAccounts accounts,
                   TenantDirectory tenants, PlatformTransactions platform, ApplicationEventPublisher publisher,
                   AuditLog audit, Clock clock) {
        this.properties = properties;
        this.stripe = stripe;
        this.events = events;
        this.accounts = accounts;
        this.tenants = tenants;
        this.platform = platform;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
    }

    /** What became of a delivery. */
    public enum Outcome { HANDLED, REPLAYED }

    /** Verifies and handles one delivery: the raw body as Stripe sent it and its {@code Stripe-Signature} header. */
    public Outcome receive(byte[] body, String signature) {
        if (!properties.acceptsWebhooks()) {
            throw StripeApi.notConfigured(HttpStatus.NOT_FOUND);
        }
        String payload = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        verify(payload, signature);
        JsonNode event = parse(payload);
        String id = event.path("id").asText("");
        String type = event.path("type").asText("");
        if (id.isBlank() || type.isBlank()) {
            throw ParleyException.badRequest("INVALID_EVENT", "The event has no id or type.");
        }
        JsonNode object = event.path("data").path("object");
        return platform.call(() -> {
            if (!events.record(id, type, clock.instant())) {
                log.debug("Stripe event {} ({}) was handled before; skipped", id, type);
                return Outcome.REPLAYED;
            }
            handle(type, object);
            events.processed(id, clock.instant());
            return Outcome.HANDLED;
        });
    }

    private void verify(String payload, String signature) {
        if (signature == null || signature.isBlank()) {
            throw invalidSignature();
        }
        try {
            Webhook.Signature.verifyHeader(payload, signature, properties.webhookSecret(), TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException | RuntimeException e) {
            log.info("Refused a Stripe webhook: {}", e.getMessage());
            throw invalidSignature();
        }
    }

    private static ParleyException invalidSignature() {
        return ParleyException.badRequest("INVALID_SIGNATURE",
                "The Stripe-Signature header is missing, does not match the webhook secret, or is too old.");
    }

    private static JsonNode parse(String payload) {
        try {
            JsonNode event = JSON.readTree(payload);
            if (event == null || !event.isObject()) {
                throw ParleyException.badRequest("INVALID_EVENT", "The event is not a JSON object.");
            }
            return event;
        } catch (JacksonException e) {
            throw ParleyException.badRequest("INVALID_EVENT", "The event is not valid JSON.");
        }
    }

    private void handle(String type, JsonNode object) {
        switch (type) {
            case "checkout.session.completed" -> checkoutCompleted(object);
            case "setup_intent.succeeded" -> cardSaved(text(object, "customer"), text(object, "payment_method"));
            case "payment_intent.succeeded" -> paymentSucceeded(object);
            case "payment_intent.payment_failed" -> paymentFailed(object);
            case "payment_method.detached" -> paymentMethodDetached(text(object, "id"));
            case "customer.deleted" -> customerDeleted(text(object, "id"));
            default -> log.debug("Stripe event type {} recorded, nothing to do", type);
        }
    }

    private void checkoutCompleted(JsonNode session) {
        if (!"setup".equals(text(session, "mode"))) {
            return;
        }
        String setupIntent = text(session, "setup_intent");
        if (setupIntent == null) {
            log.warn("Stripe checkout session {} in setup mode has no SetupIntent; ignored", text(session, "id"));
            return;
        }
        String customer = text(session, "customer");
        if (accountOf(customer).isEmpty()) {
            return;
        }
        cardSaved(customer, call(() -> stripe.paymentMethodOfSetupIntent(setupIntent)));
    }

    /** The customer saved a card: it becomes the tenant's default and Stripe takes the tenant's payments. */
    private void cardSaved(String customer, String paymentMethod) {
        Optional<PaymentAccount> found = accountOf(customer);
        if (found.isEmpty() || paymentMethod == null) {
            return;
        }
        PaymentAccount account = found.get();
        if (paymentMethod.equals(account.paymentMethodId()) && account.paysWithStripe()) {
            return;
        }
        TenantId tenant = TenantId.of(account.tenantId());
        Card card = call(() -> stripe.card(paymentMethod));
        call(() -> {
            stripe.makeDefault(customer, paymentMethod);
            return null;
        });
        accounts.useCard(tenant, customer, card, clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("brand", card.brand());
        details.put("last4", card.last4());
        details.put("expMonth", card.expMonth());
        details.put("expYear", card.expYear());
        audit.record(tenant, "billing.payment_method_added", "payment_account", tenant.value(), details);
        String previous = account.paymentMethodId();
        if (previous != null && !previous.equals(paymentMethod)) {
            try {
                stripe.detach(previous);
            } catch (StripeException e) {
                log.warn("Could not detach the replaced payment method {} of tenant {}: {}", previous,
                        tenant.value(), e.getMessage());
            }
        }
    }

    private void paymentMethodDetached(String paymentMethod) {
        if (paymentMethod == null) {
            return;
        }
        accounts.lockByPaymentMethod(paymentMethod).ifPresent(account ->
                backToManual(account, false, "payment method detached at Stripe"));
    }

    private void customerDeleted(String customer) {
        accountOf(customer).ifPresent(account -> backToManual(account, true, "customer deleted at Stripe"));
    }

    private void backToManual(PaymentAccount account, boolean forgetCustomer, String reason) {
        TenantId tenant = TenantId.of(account.tenantId());
        accounts.useManual(tenant, forgetCustomer, clock.instant());
        if (account.paysWithStripe()) {
            audit.record(tenant, "billing.payment_method_removed", "payment_account", tenant.value(),
                    Map.of("reason", reason));
        }
    }

    private void paymentSucceeded(JsonNode intent) {
        invoiceOf(intent).ifPresent(invoice -> publisher.publishEvent(new PaymentSucceeded(invoice.tenant(),
                invoice.id(), StripePaymentProvider.ID, text(intent, "id"), clock.instant())));
    }

    private void paymentFailed(JsonNode intent) {
        String reason = text(intent.path("last_payment_error"), "message");
        invoiceOf(intent).ifPresent(invoice -> publisher.publishEvent(new PaymentFailed(invoice.tenant(),
                invoice.id(), StripePaymentProvider.ID, text(intent, "id"),
                reason != null ? reason : "The card payment failed.", clock.instant())));
    }

    private record Invoice(TenantId tenant, UUID id) {
    }

    /** The tenant and invoice a PaymentIntent was made for (its metadata); none for a payment Parley did not ask. */
    private Optional<Invoice> invoiceOf(JsonNode intent) {
        JsonNode metadata = intent.path("metadata");
        UUID tenant = uuid(text(metadata, "tenant_id"));
        UUID invoice = uuid(text(metadata, "invoice_id"));
        if (tenant == null || invoice == null) {
            log.info("Stripe PaymentIntent {} names no Parley tenant and invoice; ignored", text(intent, "id"));
            return Optional.empty();
        }
        if (tenants.find(TenantId.of(tenant)).isEmpty()) {
            log.warn("Stripe PaymentIntent {} names tenant {}, which does not exist; ignored", text(intent, "id"),
                    tenant);
            return Optional.empty();
        }
        return Optional.of(new Invoice(TenantId.of(tenant), invoice));
    }

    private Optional<PaymentAccount> accountOf(String customer) {
        if (customer == null) {
            return Optional.empty();
        }
        Optional<PaymentAccount> account = accounts.lockByCustomer(customer);
        if (account.isEmpty()) {
            log.warn("Stripe customer {} belongs to no Parley tenant; event ignored", customer);
        }
        return account;
    }

    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    /** A Stripe call while handling an event; when it fails the event is rolled back and Stripe sends it again. */
    private static <T> T call(StripeCall<T> work) {
        try {
            return work.call();
        } catch (StripeException e) {
            log.warn("Stripe call failed while handling a webhook: {}", e.getMessage());
            throw new ParleyException(HttpStatus.BAD_GATEWAY, "STRIPE_UNAVAILABLE",
                    "Stripe could not be asked about this event; send it again later.");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    private static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
