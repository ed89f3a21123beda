package dev.parley.billing.invoicing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.audit.AuditLog;
import dev.parley.billing.PaymentFailed;
import dev.parley.billing.PaymentProvider.ChargeRequest;
import dev.parley.billing.PaymentProvider.ChargeResult;
import dev.parley.billing.PaymentProvider.Failed;
import dev.parley.billing.PaymentProvider.Pending;
import dev.parley.billing.PaymentProvider.Succeeded;
import dev.parley.billing.PaymentSucceeded;
import dev.parley.billing.Payments;
import dev.parley.billing.SubscriptionStatus;
import dev.parley.billing.Subscriptions;
import dev.parley.billing.invoice.Money;
import dev.parley.shared.Ids;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.tenancy.TenantAdministration;
import dev.parley.tenancy.TenantStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Collects issued invoices: the first charge through the tenant's payment provider, then dunning. A card whose charge
 * fails is charged again {@code parley.billing.dunning.retry-days} after the first failure, with a mail each time; a
 * bank transfer gets reminders on the same days after its due date. The first failure (or the due date passing) makes
 * the subscription past due; after the last step the invoice is written off (UNCOLLECTIBLE) and the tenant suspended
 * per {@code parley.billing.dunning.final-action}. Payment makes the subscription active again.
 *
 * <p>Each step locks the invoice row in a platform transaction and charges inside it, so two nodes never attempt the
 * same invoice at once; the idempotency key {@code invoice-<id>-attempt-<n>} is only advanced once an attempt's
 * outcome is recorded, so an attempt cut short is repeated with the same key and never charges twice.
 */
@Component
public class Collection {

    private static final Logger log = LoggerFactory.getLogger(Collection.class);

    private final InvoiceRepository invoices;
    private final Payments payments;
    private final Subscriptions subscriptions;
    private final TenantAdministration tenants;
    private final InvoiceMails mails;
    private final AuditLog audit;
    private final PlatformTransactions platform;
    private final DunningProperties dunning;
    private final Clock clock;
    private final BillingSuspensions suspensions;

    Collection(InvoiceRepository invoices, Payments payments, Subscriptions subscriptions,
               TenantAdministration tenants, InvoiceMails mails, AuditLog audit, PlatformTransactions platform,
               DunningProperties dunning, BillingSuspensions suspensions, Clock clock) {
        this.suspensions = suspensions;
        this.invoices = invoices;
        this.payments = payments;
        this.subscriptions = subscriptions;
        this.tenants = tenants;
        this.mails = mails;
        this.audit = audit;
        this.platform = platform;
        this.dunning = dunning;
        this.clock = clock;
    }

    /** Takes the invoice's next collection step if it is due; a failure is logged and retried by the next run. */
    public void collectSafely(UUID invoice) {
        try {
            collect(invoice);
        } catch (RuntimeException e) {
            log.warn("Collecting invoice {} failed; the billing cycle tries again", invoice, e);
        }
    }

    void collect(UUID invoiceId) {
        platform.run(() -> {
            Instant now = clock.instant();
            Invoice invoice = invoices.lock(invoiceId).orElse(null);
            if (invoice == null || invoice.status() != InvoiceStatus.OPEN || invoice.nextAttemptAt() == null
                    || invoice.nextAttemptAt().isAfter(now)) {
                return;
            }
            if (invoice.attemptCount() == 0) {
                firstAttempt(invoice, now);
            } else {
                dunningStep(invoice, now);
            }
        });
    }

    /** Platform path: open invoices whose next step is due, for the billing cycle. */
    List<UUID> due(Instant now, int limit) {
        return platform.call(() -> invoices.dueForCollection(now, limit));
    }

    private void firstAttempt(Invoice invoice, Instant now) {
        ChargeResult result = charge(invoice, 1);
        switch (result) {
            case Succeeded paid -> {
                mails.issued(invoice, "It is paid with your card, thank you.", true);
                paid(invoice, payments.providerOf(tenant(invoice)), paid.reference(), now);
            }
            case Pending pending -> {
                boolean transfer = Payments.MANUAL.equals(payments.providerOf(tenant(invoice)));
                // A card payment waiting for the customer or the bank ends by webhook; still, at the due date
                // dunning takes over if nothing came.
                invoices.collectionStep(invoice.tenantId(), invoice.id(), 1, invoice.dueAt(), null, 0, null, now);
                mails.issued(invoice, transfer ? pending.instructions()
                        : "Your card payment is being processed.", false);
            }
            case Failed failed -> {
                mails.issued(invoice, "We could not charge your card.", false);
                startDunning(invoice, now, now, 1, failed.reason(), true);
            }
        }
    }

    private void dunningStep(Invoice invoice, Instant now) {
        if (invoice.dunningSince() == null) {
            // An invoice waiting for a bank transfer (or a card payment in processing) reached its due date.
            startDunning(invoice, invoice.dueAt(), now, invoice.attemptCount(), invoice.lastPaymentError(), false);
            return;
        }
        int step = invoice.dunningStep() + 1;
        int attempts = invoice.attemptCount();
        String error = invoice.lastPaymentError();
        boolean card = Payments.STRIPE.equals(payments.providerOf(tenant(invoice)));
        if (card) {
            attempts++;
            ChargeResult result = charge(invoice, attempts);
            switch (result) {
                case Succeeded paid -> {
                    invoices.collectionStep(invoice.tenantId(), invoice.id(), attempts, null,
                            invoice.dunningSince(), step, null, now);
                    paid(invoice, Payments.STRIPE, paid.reference(), now);
                    return;
                }
                case Pending pending -> {
                    invoices.collectionStep(invoice.tenantId(), invoice.id(), attempts, null,
                            invoice.dunningSince(), invoice.dunningStep(), error, now);
                    return;
                }
                case Failed failed -> error = failed.reason();
            }
        }
        List<Integer> days = dunning.retryDays();
        if (step >= days.size()) {
            invoices.collectionStep(invoice.tenantId(), invoice.id(), attempts, null, invoice.dunningSince(), step,
                    error, now);
            writeOff(invoice, now);
            return;
        }
        Instant next = invoice.dunningSince().plus(Duration.ofDays(days.get(step)));
        invoices.collectionStep(invoice.tenantId(), invoice.id(), attempts, next, invoice.dunningSince(), step, error,
                now);
        if (card) {
            mails.paymentFailed(invoice, error, next);
        } else {
            mails.overdue(invoice, transferInstructions(invoice), next);
        }
    }

    private void startDunning(Invoice invoice, Instant since, Instant now, int attempts, String reason,
                              boolean cardFailed) {
        Instant next = since.plus(Duration.ofDays(dunning.retryDays().getFirst()));
        invoices.collectionStep(invoice.tenantId(), invoice.id(), attempts, next, since, 0, reason, now);
        pastDue(invoice);
        audit.record(tenant(invoice), "billing.invoice_overdue", "invoice", invoice.id(),
                Map.of("number", invoice.number(), "reason", reason == null ? "due date passed" : reason));
        if (cardFailed) {
            mails.paymentFailed(invoice, reason, next);
        } else {
            mails.overdue(invoice, transferInstructions(invoice), next);
        }
    }

    private void pastDue(Invoice invoice) {
        try {
            subscriptions.find(tenant(invoice)).filter(s -> s.status() == SubscriptionStatus.ACTIVE
                    || s.status() == SubscriptionStatus.TRIALING).ifPresent(s -> subscriptions.markPastDue(
                    tenant(invoice)));
        } catch (ParleyException e) {
            log.warn("Could not mark the subscription of tenant {} past due: {}", invoice.tenantId(), e.getMessage());
        }
    }

    /** After the last dunning step: written off, and the platform's policy applied. */
    private void writeOff(Invoice invoice, Instant now) {
        invoices.changeStatus(invoice.tenantId(), invoice.id(), InvoiceStatus.UNCOLLECTIBLE, now);
        boolean suspended = false;
        boolean canceled = false;
        if (dunning.finalAction() == DunningProperties.FinalAction.SUSPEND) {
            try {
                // Only an active tenant becomes billing's to lift: one the super-admin suspended stays theirs.
                if (tenants.get(invoice.tenantId()).status() == TenantStatus.ACTIVE) {
                    tenants.suspend(invoice.tenantId());
                    suspensions.record(invoice.tenantId(), invoice.id(), now);
                    suspended = true;
                }
            } catch (ParleyException e) {
                log.warn("Tenant {} was not suspended for invoice {}: {}", invoice.tenantId(), invoice.number(),
                        e.getMessage());
            }
        } else if (dunning.finalAction() == DunningProperties.FinalAction.CANCEL) {
            subscriptions.cancelNow(tenant(invoice), "invoice " + invoice.number() + " uncollectible");
            canceled = true;
        }
        Map<String, Object> details = Map.of("number", invoice.number(), "amountDue", invoice.amountDue(),
                "currency", invoice.currency(), "suspended", suspended, "canceled", canceled);
        audit.record(tenant(invoice), "billing.invoice_uncollectible", "invoice", invoice.id(), details);
        audit.recordPlatform("billing.invoice_uncollectible", tenant(invoice), "invoice", invoice.id(), details);
        mails.writtenOff(invoice, suspended);
    }

    /**
     * Records a payment of what is due and marks the invoice paid; the subscription is active again unless another
     * invoice is still overdue. Idempotent per provider reference. Call on the platform path with the row locked.
     */
    void paid(Invoice invoice, String provider, String reference, Instant now) {
        long due = invoice.amountDue();
        if (due > 0) {
            invoices.recordPayment(invoice.tenantId(), Ids.newId(), invoice.id(), provider, reference, due,
                    invoice.currency(), now);
        }
        invoices.changeStatus(invoice.tenantId(), invoice.id(), InvoiceStatus.PAID, now);
        audit.record(tenant(invoice), "billing.invoice_paid", "invoice", invoice.id(),
                Map.of("number", invoice.number(), "amount", due, "currency", invoice.currency(),
                        "provider", provider));
        settled(invoice);
    }

    /**
     * The invoice is paid or voided: unless another invoice is still being dunned, the subscription is active again
     * and a suspension dunning made is lifted. Call on the platform path.
     */
    void settled(Invoice invoice) {
        if (invoices.hasOtherOverdue(invoice.tenantId(), invoice.id())) {
            return;
        }
        subscriptions.find(tenant(invoice)).filter(s -> s.status() == SubscriptionStatus.PAST_DUE)
                .ifPresent(s -> subscriptions.markActive(tenant(invoice)));
        if (suspensions.take(invoice.tenantId())) {
            try {
                if (tenants.get(invoice.tenantId()).status() == TenantStatus.SUSPENDED) {
                    tenants.reactivate(invoice.tenantId());
                    Map<String, Object> details = Map.of("number", invoice.number());
                    audit.record(tenant(invoice), "billing.suspension_lifted", "invoice", invoice.id(), details);
                    audit.recordPlatform("billing.suspension_lifted", tenant(invoice), "invoice", invoice.id(),
                            details);
                }
            } catch (ParleyException e) {
                log.warn("The billing suspension of tenant {} was not lifted: {}", invoice.tenantId(),
                        e.getMessage());
            }
        }
    }

    /**
     * The tenant admin's "Pay now": charges the card at once. Answers the invoice afterwards; 409 for an invoice that
     * is not open or a tenant without a card, 402 {@code PAYMENT_FAILED} when the card is refused.
     */
    Invoice payNow(TenantId tenant, UUID invoiceId) {
        String[] refused = new String[1];
        Invoice after = platform.call(() -> {
            Instant now = clock.instant();
            Invoice invoice = invoices.lock(invoiceId).filter(i -> i.tenantId().equals(tenant.value()))
                    .orElseThrow(Invoices::notFound);
            if (invoice.status() != InvoiceStatus.OPEN || invoice.isCreditNote()) {
                throw Invoices.notOpen(invoice);
            }
            if (!Payments.STRIPE.equals(payments.providerOf(tenant))) {
                throw ParleyException.conflict("CARD_REQUIRED",
                        "This invoice is paid by bank transfer; add a card to pay it now.");
            }
            int attempts = invoice.attemptCount() + 1;
            switch (charge(invoice, attempts)) {
                case Succeeded paid -> {
                    invoices.collectionStep(invoice.tenantId(), invoice.id(), attempts, null, invoice.dunningSince(),
                            invoice.dunningStep(), null, now);
                    paid(invoice, Payments.STRIPE, paid.reference(), now);
                }
                case Pending pending -> invoices.collectionStep(invoice.tenantId(), invoice.id(), attempts, null,
                        invoice.dunningSince(), invoice.dunningStep(), null, now);
                case Failed failed -> {
                    refused[0] = failed.reason();
                    if (invoice.dunningSince() == null) {
                        startDunning(invoice, now, now, attempts, failed.reason(), true);
                    } else {
                        invoices.collectionStep(invoice.tenantId(), invoice.id(), attempts, invoice.nextAttemptAt(),
                                invoice.dunningSince(), invoice.dunningStep(), failed.reason(), now);
                    }
                }
            }
            return invoices.find(invoice.tenantId(), invoice.id()).orElseThrow();
        });
        if (refused[0] != null) {
            throw new ParleyException(org.springframework.http.HttpStatus.PAYMENT_REQUIRED, "PAYMENT_FAILED",
                    "The card was refused: " + refused[0]);
        }
        return after;
    }

    /** Stripe's webhook confirmed a payment: paid, once, however often the event comes. */
    @EventListener
    void on(PaymentSucceeded event) {
        platform.run(() -> invoices.lock(event.invoiceId())
                .filter(i -> i.tenantId().equals(event.tenant().value()))
                .filter(i -> i.status() == InvoiceStatus.OPEN || i.status() == InvoiceStatus.UNCOLLECTIBLE)
                .ifPresent(invoice -> paid(invoice, event.provider(), event.reference(), clock.instant())));
    }

    /** Stripe's webhook reported a failed payment: dunning starts, unless it already runs. */
    @EventListener
    void on(PaymentFailed event) {
        platform.run(() -> invoices.lock(event.invoiceId())
                .filter(i -> i.tenantId().equals(event.tenant().value()))
                .filter(i -> i.status() == InvoiceStatus.OPEN && i.dunningSince() == null)
                .ifPresent(invoice -> startDunning(invoice, clock.instant(), clock.instant(),
                        Math.max(1, invoice.attemptCount()), event.reason(), true)));
    }

    private ChargeResult charge(Invoice invoice, int attempt) {
        return payments.charge(new ChargeRequest(tenant(invoice), invoice.id(), invoice.number(),
                Money.of(invoice.amountDue(), Currency.getInstance(invoice.currency())),
                "Parley invoice " + invoice.number(), "invoice-" + invoice.id() + "-attempt-" + attempt));
    }

    private String transferInstructions(Invoice invoice) {
        return "Pay " + InvoiceMails.money(invoice.amountDue(), invoice.currency())
                + " by bank transfer with the reference " + invoice.number() + ".";
    }

    private static TenantId tenant(Invoice invoice) {
        return TenantId.of(invoice.tenantId());
    }
}
