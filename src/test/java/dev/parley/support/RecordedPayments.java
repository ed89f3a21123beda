package dev.parley.support;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.parley.billing.PaymentFailed;
import dev.parley.billing.PaymentSucceeded;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** The payment outcomes billing published, as invoicing receives them: only those whose transaction committed. */
@Component
@Profile("test")
public class RecordedPayments {

    private final ConcurrentLinkedQueue<Object> published = new ConcurrentLinkedQueue<>();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(PaymentSucceeded succeeded) {
        published.add(succeeded);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(PaymentFailed failed) {
        published.add(failed);
    }

    public List<PaymentSucceeded> succeeded(UUID invoice) {
        return published.stream().filter(e -> e instanceof PaymentSucceeded s && s.invoiceId().equals(invoice))
                .map(PaymentSucceeded.class::cast).toList();
    }

    public List<PaymentFailed> failed(UUID invoice) {
        return published.stream().filter(e -> e instanceof PaymentFailed f && f.invoiceId().equals(invoice))
                .map(PaymentFailed.class::cast).toList();
    }
}
