package dev.parley.billing.payment;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;

import dev.parley.billing.PaymentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Card payments through Stripe: a PaymentIntent against the tenant's saved card, confirmed at once and off session.
 * Stripe answers succeeded, processing or requires_action (then the outcome arrives as a webhook), or refuses the card
 * with a 402 {@code card_error}. Network trouble is a failure the billing cycle may retry with the same key.
 */
@Component
class StripePaymentProvider implements PaymentProvider {

    static final String ID = PaymentAccount.STRIPE;

    private static final Logger log = LoggerFactory.getLogger(StripePaymentProvider.class);

    /** Declines a later attempt may get past: the bank said no for now, not "never with this card". */
    private static final Set<String> TEMPORARY_DECLINES = Set.of("card_declined", "insufficient_funds",
            "generic_decline", "do_not_honor", "try_again_later", "processing_error", "card_velocity_exceeded",
            "withdrawal_count_limit_exceeded", "issuer_not_available", "reenter_transaction",
            "approve_with_id", "call_issuer", "no_action_taken", "not_permitted", "service_not_allowed");

    /** Declines no retry will change: the card is gone, wrong or not to be used. */
    private static final Set<String> FINAL_DECLINES = Set.of("expired_card", "incorrect_number", "incorrect_cvc",
            "invalid_number", "invalid_cvc", "invalid_expiry_month", "invalid_expiry_year", "lost_card", "stolen_card",
            "pickup_card", "fraudulent", "restricted_card", "invalid_account", "new_account_information_available",
            "authentication_required", "card_not_supported", "currency_not_supported", "security_violation");

    private final StripeApi stripe;
    private final PaymentAccounts accounts;

    StripePaymentProvider(StripeApi stripe, PaymentAccounts accounts) {
        this.stripe = stripe;
        this.accounts = accounts;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        if (!stripe.enabled()) {
            return new Failed(null, "Stripe is not configured on this installation.", false);
        }
        Optional<PaymentAccount> account = accounts.lookup(request.tenant());
        if (account.isEmpty() || !account.get().paysWithStripe()) {
            return new Failed(null, "No card is saved for this tenant.", false);
        }
        Map<String, String> metadata = Map.of(
                "tenant_id", request.tenant().value().toString(),
                "invoice_id", request.invoiceId().toString(),
                "invoice_number", request.invoiceNumber() == null ? "" : request.invoiceNumber());
        try {
            PaymentIntent intent = stripe.charge(account.get().stripeCustomerId(), account.get().paymentMethodId(),
                    request.amount().minorUnits(), request.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT),
                    request.description(), metadata, request.idempotencyKey());
            return outcome(intent);
        } catch (CardException e) {
            return declined(e);
        } catch (ApiConnectionException e) {
            log.warn("Stripe unreachable charging invoice {}: {}", request.invoiceId(), e.getMessage());
            return new Failed(null, "Stripe could not be reached; the payment will be tried again.", true);
        } catch (IdempotencyException | InvalidRequestException e) {
            log.warn("Stripe refused the charge of invoice {}: {}", request.invoiceId(), e.getMessage());
            return new Failed(reference(e), stripeMessage(e), false);
        } catch (StripeException e) {
            log.warn("Stripe failed charging invoice {}: {}", request.invoiceId(), e.getMessage());
            return new Failed(reference(e), stripeMessage(e), true);
        }
    }

    private static ChargeResult outcome(PaymentIntent intent) {
        return switch (intent.getStatus()) {
            case "succeeded" -> new Succeeded(intent.getId());
            case "processing" -> new Pending(intent.getId(), "The card payment is being processed.");
            case "requires_action", "requires_confirmation" -> new Pending(intent.getId(),
                    "The bank asks the customer to confirm this payment.");
            case "requires_capture" -> new Pending(intent.getId(), "The payment is authorised, not yet captured.");
            default -> new Failed(intent.getId(), intent.getLastPaymentError() != null
                    ? intent.getLastPaymentError().getMessage() : "The card payment did not go through.", true);
        };
    }

    private static Failed declined(CardException e) {
        String decline = e.getDeclineCode();
        String code = e.getCode();
        boolean retryable;
        if (decline != null && FINAL_DECLINES.contains(decline) || code != null && FINAL_DECLINES.contains(code)) {
            retryable = false;
        } else {
            retryable = decline == null || TEMPORARY_DECLINES.contains(decline) || TEMPORARY_DECLINES.contains(code);
        }
        return new Failed(reference(e), stripeMessage(e), retryable);
    }

    private static String reference(StripeException e) {
        if (e.getStripeError() != null && e.getStripeError().getPaymentIntent() != null) {
            return e.getStripeError().getPaymentIntent().getId();
        }
        return null;
    }

    /** Stripe's own sentence ("Your card has insufficient funds."), without the request id the SDK appends. */
    private static String stripeMessage(StripeException e) {
        if (e.getStripeError() != null && e.getStripeError().getMessage() != null) {
            return e.getStripeError().getMessage();
        }
        return "Stripe refused the payment.";
    }
}
