package dev.parley.billing.invoicing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import dev.parley.billing.invoice.Money;
import dev.parley.identity.People;
import dev.parley.identity.Role;
import dev.parley.notify.Mail;
import dev.parley.shared.TenantId;
import dev.parley.shared.web.PublicUrl;

import org.springframework.stereotype.Component;

/**
 * The mails of invoicing, to the tenant's billing contact: the billing profile's email, else every tenant admin.
 * Queued in the caller's transaction (the mail outbox), so a mail leaves only if its change commits.
 */
@Component
class InvoiceMails {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Mail mail;
    private final People people;
    private final BillingProfiles profiles;
    private final PublicUrl publicUrl;
    private final InvoicingProperties properties;
    private final InvoicePdf pdf;

    InvoiceMails(Mail mail, People people, BillingProfiles profiles, PublicUrl publicUrl,
                 InvoicingProperties properties, InvoicePdf pdf) {
        this.pdf = pdf;
        this.mail = mail;
        this.people = people;
        this.profiles = profiles;
        this.publicUrl = publicUrl;
        this.properties = properties;
    }

    void issued(Invoice invoice, String howToPay, boolean paid) {
        String amount = paid ? "Total: " + money(invoice.total(), invoice.currency()) + ", paid."
                : "Amount due: " + money(invoice.amountDue(), invoice.currency()) + ", by "
                        + DATE.format(invoice.dueAt()) + ".";
        if (invoice.appliedBalance() > 0) {
            amount = "Your credit balance paid " + money(invoice.appliedBalance(), invoice.currency()) + " of it. "
                    + amount;
        }
        send(invoice, "billing.invoice", "Invoice " + invoice.number() + " from " + properties.sellerName() + ": "
                + money(invoice.total(), invoice.currency()), """
                Your invoice %s for %s is ready.

                %s
                %s

                The invoice is attached as a PDF; see it under Billing in the console: %s
                """.formatted(invoice.number(), period(invoice), amount, howToPay, billingPage()), pdfOf(invoice));
    }

    void paymentFailed(Invoice invoice, String reason, Instant nextAttempt) {
        send(invoice, "billing.payment_failed", "Payment of invoice " + invoice.number() + " failed", """
                We could not take the payment of %s for invoice %s: %s

                %s
                Update your card, or pay now, under Billing in the console: %s
                """.formatted(money(invoice.amountDue(), invoice.currency()), invoice.number(), reason,
                nextAttempt == null ? "" : "We will try again on " + DATE.format(nextAttempt) + ".",
                billingPage()));
    }

    void overdue(Invoice invoice, String howToPay, Instant nextReminder) {
        send(invoice, "billing.reminder", "Reminder: invoice " + invoice.number() + " is overdue", """
                Invoice %s of %s was due on %s and is not paid yet.
                %s

                %s
                Billing in the console: %s
                """.formatted(invoice.number(), money(invoice.amountDue(), invoice.currency()),
                DATE.format(invoice.dueAt()), howToPay,
                nextReminder == null ? "" : "Please pay before " + DATE.format(nextReminder)
                        + " to keep your account active.", billingPage()));
    }

    void writtenOff(Invoice invoice, boolean suspended) {
        send(invoice, "billing.uncollectible", "Invoice " + invoice.number() + " is unpaid"
                + (suspended ? ": your account is suspended" : ""), """
                Invoice %s of %s remains unpaid after our reminders.
                %s
                Please contact us to settle it.
                """.formatted(invoice.number(), money(invoice.amountDue(), invoice.currency()),
                suspended ? "Your Parley account is suspended until it is paid." : ""));
    }

    void creditNote(Invoice note, Invoice credited, long toBalance) {
        send(note, "billing.credit_note", "Credit note " + note.number() + " for invoice " + credited.number(), """
                We issued credit note %s of %s for invoice %s.%s%s

                The credit note is attached as a PDF; see it under Billing in the console: %s
                """.formatted(note.number(), money(note.total(), note.currency()), credited.number(),
                note.memo() == null ? "" : "\nReason: " + note.memo(),
                toBalance <= 0 ? "" : "\n" + money(toBalance, note.currency())
                        + " was added to your credit balance and will be applied to your next invoice.",
                billingPage()), pdfOf(note));
    }

    private void send(Invoice invoice, String kind, String subject, String text) {
        send(invoice, kind, subject, text, List.of());
    }

    private void send(Invoice invoice, String kind, String subject, String text, List<Mail.Attachment> files) {
        TenantId tenant = TenantId.of(invoice.tenantId());
        for (String to : recipients(tenant)) {
            mail.send(tenant, kind, to, subject, text, files);
        }
    }

    /** The invoice's (or credit note's) PDF as it stands now, named after its number. */
    private List<Mail.Attachment> pdfOf(Invoice invoice) {
        return List.of(new Mail.Attachment(invoice.number() + ".pdf", "application/pdf", pdf.render(invoice)));
    }

    List<String> recipients(TenantId tenant) {
        String email = profiles.of(tenant).billingEmail();
        if (email != null && !email.isBlank()) {
            return List.of(email);
        }
        return people.all(tenant).stream().filter(p -> p.role() == Role.TENANT_ADMIN && p.active())
                .map(People.Person::email).toList();
    }

    private String billingPage() {
        return publicUrl.resolve("/console/#/billing");
    }

    static String period(Invoice invoice) {
        if (invoice.periodStart() == null || invoice.periodEnd() == null) {
            return DATE.format(invoice.issuedAt());
        }
        return DATE.format(invoice.periodStart()) + " – " + DATE.format(invoice.periodEnd());
    }

    static String money(long minor, String currency) {
        return Money.of(minor, Currency.getInstance(currency)).toString();
    }
}
