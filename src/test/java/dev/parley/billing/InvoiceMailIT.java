package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import dev.parley.billing.invoicing.InvoiceIssuing;
import dev.parley.shared.TenantId;
import dev.parley.support.Api;
import dev.parley.support.EndedPeriods;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.TimeMachine;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * With a mail server (GreenMail on a free port), invoicing's mails reach the billing contact over SMTP: the invoice
 * when it is issued with its PDF attached, the credit note with its PDF, and the reminder when a bank transfer is
 * overdue. This context's dunning policy is {@code cancel} (the others' is the default, {@code suspend}): a
 * written-off invoice ends the subscription.
 */
@ParleyIntegrationTest
// Closed after the class: a context left in the cache would keep polling the shared job table and could deliver
// another class's mails to its own SMTP server.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"parley.smtp.host=127.0.0.1", "parley.smtp.from=Parley <parley@parley.test>",
        "parley.billing.dunning.final-action=cancel"})
class InvoiceMailIT {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(true);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("parley.smtp.port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    EndedPeriods periods;

    @Autowired
    Clock clock;

    @Autowired
    TimeMachine time;

    @Autowired
    InvoiceIssuing issuing;

    @Autowired
    @Qualifier("owner")
    DataSource owner;

    Api api;
    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
    }

    @AfterEach
    void backToNow() {
        time.reset();
    }

    @Test
    void theInvoiceAndTheOverdueReminderReachTheBillingContact() throws Exception {
        TenantSetup shop = fixtures.tenant("invoice-mail");
        String books = "books@" + shop.slug() + ".test";
        assertThat(api.put("/api/v1/billing/profile", shop.admin().accessToken(), Map.of("billingEmail", books))
                .status()).isEqualTo(200);
        UUID invoice = periods.invoice(shop.id());
        String number = api.get("/api/v1/billing/invoices/" + invoice, shop.admin().accessToken()).text("number");

        MimeMessage issued = awaitMailTo(books, "Invoice " + number + " from Parley: 99.00 EUR");
        assertThat(text(issued)).contains("bank transfer with the reference " + number)
                .contains("/console/#/billing").contains("attached as a PDF");
        assertThat(pdfText(issued, number + ".pdf")).as("the PDF attached, named after the invoice")
                .contains("Invoice " + number).contains("99.00 EUR").contains("Amount due");

        time.advance(Duration.ofDays(14).plusMinutes(1)); // the payment terms pass

        MimeMessage reminder = awaitMailTo(books, "Reminder: invoice " + number + " is overdue");
        assertThat(reminder.getContent().toString()).contains("99.00 EUR").contains("not paid yet");
    }

    @Test
    void withTheCancelPolicyAnUnpaidInvoiceEndsTheSubscriptionAndTheTenantStaysActive() throws Exception {
        TenantSetup shop = fixtures.tenant("dunning-cancel");
        String books = "books@" + shop.slug() + ".test";
        assertThat(api.put("/api/v1/billing/profile", shop.admin().accessToken(), Map.of("billingEmail", books))
                .status()).isEqualTo(200);
        UUID invoice = periods.invoice(shop.id());
        String number = api.get("/api/v1/billing/invoices/" + invoice, shop.admin().accessToken()).text("number");
        String reminder = "Reminder: invoice " + number + " is overdue";

        time.advance(Duration.ofDays(14).plusMinutes(1)); // due: the first reminder
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(books, reminder) == 1);
        time.advance(Duration.ofDays(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(books, reminder) == 2);
        time.advance(Duration.ofDays(2));
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(books, reminder) == 3);
        time.advance(Duration.ofDays(2)); // the last step: written off

        MimeMessage last = awaitMailTo(books, "Invoice " + number + " is unpaid");
        assertThat(last.getContent().toString()).doesNotContain("suspended");
        String root = fixtures.superAdmin().accessToken();
        assertThat(api.get("/api/v1/platform/invoices/" + invoice, root).text("status")).isEqualTo("UNCOLLECTIBLE");
        assertThat(api.get("/api/v1/platform/tenants/" + shop.id() + "/subscription", root).text("status"))
                .isEqualTo("CANCELED");
        assertThat(api.get("/api/v1/platform/tenants/" + shop.id(), root).text("status")).isEqualTo("ACTIVE");
        assertThat(JdbcClient.create(owner).sql("SELECT kind FROM mrr_movements WHERE tenant_id = :t ORDER BY at DESC, "
                + "id DESC LIMIT 1").param("t", shop.id()).query(String.class).single()).isEqualTo("CHURN");
    }

    private static long mailsTo(String address, String subject) throws Exception {
        long count = 0;
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address) && subject.equals(message.getSubject())) {
                count++;
            }
        }
        return count;
    }

    @Test
    void theCreditNoteMailCarriesTheCreditNotesPdf() throws Exception {
        TenantSetup shop = fixtures.tenant("credit-mail");
        String books = "books@" + shop.slug() + ".test";
        api.put("/api/v1/billing/profile", shop.admin().accessToken(), Map.of("billingEmail", books));
        UUID invoice = periods.invoice(shop.id());
        String root = fixtures.superAdmin().accessToken();
        api.post("/api/v1/platform/invoices/" + invoice + "/mark-paid", root, null);

        String note = api.post("/api/v1/platform/invoices/" + invoice + "/credit-note", root,
                Map.of("amount", 1250, "reason", "Outage")).text("number");

        MimeMessage mail = awaitMailTo(books, "Credit note " + note + " for invoice "
                + api.get("/api/v1/billing/invoices/" + invoice, shop.admin().accessToken()).text("number"));
        assertThat(text(mail)).contains("12.50 EUR was added to your credit balance");
        assertThat(pdfText(mail, note + ".pdf")).contains(note).contains("12.50 EUR").contains("Outage");
        JsonNode outbox = api.get("/api/v1/mail-outbox", shop.admin().accessToken()).body().path("items");
        boolean listed = false;
        for (JsonNode m : outbox) {
            if (m.path("subject").asString().startsWith("Credit note " + note)) {
                assertThat(m.path("attachments").get(0).asString()).isEqualTo(note + ".pdf");
                listed = true;
            }
        }
        assertThat(listed).as("the outbox lists the attachment").isTrue();
    }

    /** The plain-text part of a mail. */
    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String plain) {
            return plain;
        }
        MimeMultipart parts = (MimeMultipart) content;
        for (int i = 0; i < parts.getCount(); i++) {
            String found = textOf(parts.getBodyPart(i));
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no text part");
    }

    private static String textOf(BodyPart part) throws Exception {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof MimeMultipart nested) {
            for (int i = 0; i < nested.getCount(); i++) {
                String found = textOf(nested.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The text of the PDF attached under {@code filename}, read back with PDFBox. */
    private static String pdfText(MimeMessage message, String filename) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (filename.equals(part.getFileName())) {
                assertThat(part.getContentType()).startsWith("application/pdf");
                try (PDDocument pdf = Loader.loadPDF(part.getInputStream().readAllBytes())) {
                    return new PDFTextStripper().getText(pdf);
                }
            }
        }
        throw new AssertionError("no attachment named " + filename);
    }

    private static MimeMessage awaitMailTo(String address, String subject) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(address) && subject.equals(message.getSubject())) {
                    return message;
                }
            }
            return null;
        }, m -> m != null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
