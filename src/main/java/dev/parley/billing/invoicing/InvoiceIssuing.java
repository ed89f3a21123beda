package dev.parley.billing.invoicing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.parley.billing.Plan;
import dev.parley.billing.Plans;
import dev.parley.billing.Subscription;
import dev.parley.billing.SubscriptionStatus;
import dev.parley.billing.Subscriptions;
import dev.parley.billing.Subscriptions.RollOver;
import dev.parley.billing.internal.ConversationUsage;
import dev.parley.billing.internal.PendingInvoiceItems;
import dev.parley.billing.invoice.BillingPeriod;
import dev.parley.billing.invoice.Coupon;
import dev.parley.billing.invoice.InvoiceDraft;
import dev.parley.billing.invoice.InvoiceLine;
import dev.parley.billing.invoice.LineKind;
import dev.parley.billing.invoice.Money;
import dev.parley.shared.Ids;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.tenancy.TenantDirectory;
import dev.parley.tenancy.TenantStatus;
import dev.parley.tenancy.TenantSummary;

import org.springframework.stereotype.Component;

/**
 * Issues invoices. At a period's end ({@link #closePeriod}) the subscription rolls over and, in the same platform
 * transaction, the ended period is invoiced the way Stripe does it: the base price and add-ons <em>in advance</em>
 * for the period that starts, the conversation overage <em>in arrears</em> for the period that ended, the pending
 * proration items, the coupons and the tenant's tax. The subscription row stays locked until the commit and a cycle
 * invoice is unique per tenant and period, so a rerun, or two nodes at once, never bill a period twice. After the
 * commit the invoice is collected ({@link Collection}).
 */
@Component
public class InvoiceIssuing {

    private final Subscriptions subscriptions;
    private final Plans plans;
    private final ConversationUsage usage;
    private final PendingInvoiceItems pendingItems;
    private final BillingProfiles profiles;
    private final InvoiceRepository invoices;
    private final InvoiceNumbers numbers;
    private final TenantDirectory tenants;
    private final PlatformTransactions platform;
    private final InvoicingProperties properties;
    private final Collection collection;
    private final CreditBalance balance;
    private final InvoiceMails mails;

    InvoiceIssuing(Subscriptions subscriptions, Plans plans, ConversationUsage usage, PendingInvoiceItems pendingItems,
                   BillingProfiles profiles, InvoiceRepository invoices, InvoiceNumbers numbers,
                   TenantDirectory tenants, PlatformTransactions platform, InvoicingProperties properties,
                   Collection collection, CreditBalance balance, InvoiceMails mails) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.usage = usage;
        this.pendingItems = pendingItems;
        this.profiles = profiles;
        this.invoices = invoices;
        this.numbers = numbers;
        this.tenants = tenants;
        this.platform = platform;
        this.properties = properties;
        this.collection = collection;
        this.balance = balance;
        this.mails = mails;
    }

    /**
     * Ends the tenant's current period if it is over at {@code now} and invoices it; answers the invoice issued (empty
     * when the period is not over, the tenant is not active, or nothing is due). Call outside any transaction.
     */
    public Optional<UUID> closePeriod(TenantId tenant, Instant now) {
        Optional<UUID> issued = platform.call(() -> {
            if (!active(tenant)) {
                return Optional.<UUID>empty();
            }
            return subscriptions.rollOver(tenant, now).flatMap(roll -> invoicePeriod(tenant, roll, now));
        });
        issued.ifPresent(collection::collectSafely);
        return issued;
    }

    /** Bills the tenant's pending items (proration, one-off charges) now, on an invoice of their own. */
    public UUID invoicePendingNow(TenantId tenant, Instant now) {
        UUID id = platform.call(() -> {
            Subscription subscription = subscriptions.current(tenant);
            Currency currency = Currency.getInstance(plans.get(subscription.planId()).currency());
            InvoiceDraft.Builder draft = InvoiceDraft.builder(currency);
            List<UUID> items = addPendingItems(tenant, draft);
            if (items.isEmpty()) {
                throw ParleyException.conflict("NOTHING_TO_INVOICE", "This tenant has no pending items to invoice.");
            }
            return issue(tenant, "IMMEDIATE", null, draft.build(List.of(), profiles.of(tenant).taxRate()), items,
                    now).orElseThrow(() -> ParleyException.conflict("NOTHING_TO_INVOICE",
                    "The pending items of this tenant add up to nothing."));
        });
        collection.collectSafely(id);
        return id;
    }

    private boolean active(TenantId tenant) {
        return tenants.find(tenant).map(TenantSummary::status).filter(s -> s == TenantStatus.ACTIVE).isPresent();
    }

    private Optional<UUID> invoicePeriod(TenantId tenant, RollOver roll, Instant now) {
        Subscription ended = roll.ended();
        Subscription next = roll.next();
        Plan endedPlan = plans.get(ended.planId());
        Currency currency = Currency.getInstance(endedPlan.currency());
        InvoiceDraft.Builder draft = InvoiceDraft.builder(currency);
        boolean continues = next.status() != SubscriptionStatus.CANCELED;
        // Base price and add-ons are charged in advance: the period that starts now is billed here. A paid period that
        // started outside a roll-over (no trial, a reactivation, a trial ended early) left its base as a pending item.
        BillingPeriod billed = continues ? next.currentPeriod() : ended.currentPeriod();
        if (continues) {
            Plan nextPlan = plans.get(next.planId());
            draft.charge(LineKind.BASE, baseDescription(nextPlan, next), Money.of(nextPlan.price(next.interval()),
                    Currency.getInstance(nextPlan.currency())));
            for (Subscriptions.ActiveAddOn addOn : subscriptions.addOns(tenant)) {
                draft.charge(LineKind.ADD_ON, addOn.name() + (addOn.quantity() > 1 ? " × " + addOn.quantity() : "")
                                + ", " + InvoiceMails.DATE.format(next.currentPeriodStart()) + " – "
                                + InvoiceMails.DATE.format(next.currentPeriodEnd()),
                        Money.of(Math.multiplyExact(addOn.unitPrice(), (long) addOn.quantity()),
                                Currency.getInstance(addOn.currency())));
            }
        }
        if (!ended.trialing()) {
            draft.addAll(overage(tenant, endedPlan, ended.currentPeriod()));
        }
        List<UUID> items = addPendingItems(tenant, draft);
        List<Coupon> coupons = subscriptions.couponsFor(tenant, billed.start());
        InvoiceDraft built = draft.build(coupons, profiles.of(tenant).taxRate());
        return issue(tenant, "CYCLE", ended.currentPeriod(), built, items, now);
    }

    /** The overage lines: conversations above the plan's allowance, priced on its graduated tiers. */
    private List<InvoiceLine> overage(TenantId tenant, Plan plan, BillingPeriod period) {
        Integer included = plan.allowance(dev.parley.billing.Limit.MONTHLY_ACTIVE_CONVERSATIONS);
        if (included == null || plan.conversationOverage().isEmpty()) {
            return List.of();
        }
        long over = usage.activeConversations(tenant, period) - included;
        if (over <= 0) {
            return List.of();
        }
        return plan.conversationOverage().get().price("Extra conversations (over " + included + ")", over);
    }

    private List<UUID> addPendingItems(TenantId tenant, InvoiceDraft.Builder draft) {
        List<UUID> ids = new ArrayList<>();
        for (PendingInvoiceItems.Item item : pendingItems.pending(tenant.value())) {
            draft.add(item.line());
            ids.add(item.id());
        }
        return ids;
    }

    /** Stores the draft, takes the pending items, numbers it and opens it; empty when nothing at all is charged. */
    private Optional<UUID> issue(TenantId tenant, String reason, BillingPeriod period, InvoiceDraft draft,
                                 List<UUID> items, Instant now) {
        if (draft.lines().stream().allMatch(line -> line.amount().isZero())) {
            return Optional.empty();
        }
        UUID id = Ids.newId();
        // The customer's balance in this currency comes off the amount due, after tax (Stripe's customer balance).
        String currency = draft.currency().getCurrencyCode();
        balance.lock(tenant.value());
        Money applied = draft.balanceApplied(Money.of(balance.available(tenant.value(), currency),
                draft.currency()));
        List<Invoice.Line> lines = new ArrayList<>();
        for (InvoiceLine line : draft.lines()) {
            lines.add(new Invoice.Line(lines.size(), line.kind().name(), line.description(),
                    line.amount().minorUnits()));
        }
        String tenantName = tenants.find(tenant).map(TenantSummary::name).orElse("");
        Invoice invoice = new Invoice(tenant.value(), id, null, Invoice.Kind.INVOICE, InvoiceStatus.DRAFT, reason,
                null, period == null ? null : period.start(), period == null ? null : period.end(),
                draft.currency().getCurrencyCode(), draft.subtotal().minorUnits(), draft.discountTotal().minorUnits(),
                profiles.of(tenant).taxRateBasisPoints(), draft.taxTotal().minorUnits(), draft.total().minorUnits(),
                0, 0, applied.minorUnits(), BillingProfiles.snapshot(profiles.of(tenant), tenantName), null, now, null, null, null, null,
                null, 0, null, null, 0, null, lines);
        invoices.insertDraft(invoice);
        if (pendingItems.take(tenant.value(), items, id) != items.size()) {
            // Another invoice took some of them meanwhile: roll back, the next run bills what is left.
            throw new IllegalStateException("Pending items of tenant " + tenant.value() + " were taken meanwhile");
        }
        balance.move(tenant.value(), draft.creditCarriedForward().minorUnits(), currency,
                CreditBalance.Reason.CREDIT_CARRIED_FORWARD, id, now);
        balance.move(tenant.value(), applied.negate().minorUnits(), currency, CreditBalance.Reason.APPLIED_TO_INVOICE,
                id, now);
        boolean owed = draft.total().minus(applied).isPositive();
        invoices.issue(tenant.value(), id, numbers.next(Invoice.Kind.INVOICE, now),
                owed ? InvoiceStatus.OPEN : InvoiceStatus.PAID, now, now.plus(properties.paymentTerms()),
                owed ? now : null);
        if (!owed && applied.isPositive()) {
            // Nothing to collect, so no collection step mails it: the customer still gets the invoice.
            mails.issued(invoices.find(tenant.value(), id).orElseThrow(), "Your credit balance paid it in full.",
                    true);
        }
        return Optional.of(id);
    }

    private static String baseDescription(Plan plan, Subscription period) {
        return plan.name() + ", " + period.interval().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + InvoiceMails.DATE.format(period.currentPeriodStart()) + " – "
                + InvoiceMails.DATE.format(period.currentPeriodEnd());
    }

    static Map<String, Object> summary(Invoice invoice) {
        return Map.of("number", invoice.number() == null ? "" : invoice.number(), "total", invoice.total(),
                "currency", invoice.currency());
    }
}
