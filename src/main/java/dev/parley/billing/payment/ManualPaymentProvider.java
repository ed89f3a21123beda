package dev.parley.billing.payment;

import dev.parley.billing.PaymentProvider;
import dev.parley.billing.Payments;

import org.springframework.stereotype.Component;

/**
 * Bank transfer: nothing is charged; the invoice stays open with transfer instructions until the super-admin marks
 * it paid. Needs no account, so it is every tenant's provider until it sets up another.
 */
@Component
class ManualPaymentProvider implements PaymentProvider {

    @Override
    public String id() {
        return Payments.MANUAL;
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        return new Pending("transfer-" + request.invoiceNumber(), "Pay " + request.amount()
                + " by bank transfer with the reference " + request.invoiceNumber() + ".");
    }
}
