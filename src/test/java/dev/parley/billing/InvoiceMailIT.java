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

import jakarta.mail.internet.MimeMessage;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * With a mail server (GreenMail on a free port), invoicing's mails reach the billing contact over SMTP: the invoice
 * when it is issued, and the reminder when a bank transfer is overdue. This context's dunning policy is {@code cancel}
 * (the others' is the default, {@code suspend}): a written-off invoice ends the subscription.
 */
@ParleyIntegrationTest
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
        assertThat(issued.getContent().toString()).contains("bank transfer with the reference " + number)
                .contains("/console/#/billing");

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
