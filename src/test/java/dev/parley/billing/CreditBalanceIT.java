package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.parley.billing.internal.PendingInvoiceItems;
import dev.parley.billing.invoice.InvoiceLine;
import dev.parley.billing.invoice.LineKind;
import dev.parley.billing.invoice.Money;
import dev.parley.billing.invoicing.InvoiceIssuing;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.support.Api;
import dev.parley.support.Api.Response;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The customer's credit balance: a credit note on a paid invoice or credit carried forward goes on it, and the next
 * invoice in the same currency uses it after tax, once.
 */
@ParleyIntegrationTest
class CreditBalanceIT {

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    InvoiceIssuing issuing;

    @Autowired
    PendingInvoiceItems pendingItems;

    @Autowired
    PlatformTransactions platform;

    @Autowired
    @Qualifier("owner")
    DataSource owner;

    Api api;
    Fixtures fixtures;
    JdbcClient asOwner;
    String root;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        asOwner = JdbcClient.create(owner);
        root = fixtures.superAdmin().accessToken();
    }

    @Test
    void aCreditNoteOnAPaidInvoiceGoesOnTheBalanceAndTheNextCycleInvoiceOwesExactlyThatMuchLessOnce()
            throws Exception {
        TenantSetup shop = fixtures.tenant("balance");
        String admin = shop.admin().accessToken();
        api.put("/api/v1/billing/profile", admin, Map.of("taxRate", 19));
        JsonNode first = cycleInvoice(shop, 1);
        assertThat(first.path("total").asLong()).as("9900 + 19 % tax").isEqualTo(11781);
        assertThat(api.post("/api/v1/platform/invoices/" + id(first) + "/mark-paid", root, null).status())
                .isEqualTo(200);

        Response note = api.post("/api/v1/platform/invoices/" + id(first) + "/credit-note", root,
                Map.of("amount", 1200, "reason", "Outage on 3 November"));
        assertThat(note.status()).as(note.toString()).isEqualTo(201);
        assertThat(balances(admin)).containsExactly("EUR 1200");

        JsonNode second = cycleInvoice(shop, 2);
        assertThat(second.path("total").asLong()).as("the balance does not lower the taxed subtotal")
                .isEqualTo(11781);
        assertThat(second.path("tax").asLong()).isEqualTo(1881);
        assertThat(second.path("appliedBalance").asLong()).isEqualTo(1200);
        assertThat(second.path("amountDue").asLong()).isEqualTo(11781 - 1200);
        assertThat(balances(admin)).as("used up").isEmpty();
        JsonNode movements = api.get("/api/v1/billing/balance", admin).body().path("movements");
        assertThat(movements).hasSize(2);
        assertThat(movements.get(0).path("reason").asString()).isEqualTo("APPLIED_TO_INVOICE");
        assertThat(movements.get(0).path("amount").asLong()).isEqualTo(-1200);
        assertThat(movements.get(0).path("invoiceNumber").asString()).isEqualTo(second.path("number").asString());
        assertThat(movements.get(1).path("reason").asString()).isEqualTo("CREDIT_NOTE");
        assertThat(movements.get(1).path("invoiceNumber").asString()).isEqualTo(note.text("number"));

        assertThat(issuing.closePeriod(TenantId.of(shop.id()), clock.instant())).as("a rerun issues nothing")
                .isEmpty();
        assertThat(api.get("/api/v1/billing/balance", admin).body().path("movements")).hasSize(2);

        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(api.request("/api/v1/billing/invoices/"
                + id(second) + "/pdf", admin).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Applied balance").contains("-12.00").contains("117.81 EUR")
                    .contains("105.81");
        }
        assertThat(mails(shop.id(), second.path("number").asString()))
                .anySatisfy(body -> assertThat(body).contains("Your credit balance paid 12.00 EUR")
                        .contains("Amount due: 105.81 EUR"));
    }

    @Test
    void aBalanceLargerThanTheNextInvoiceLeavesTheRestAndAVoidedInvoiceGivesItsShareBack() {
        TenantSetup shop = fixtures.tenant("larger");
        String admin = shop.admin().accessToken();
        JsonNode first = cycleInvoice(shop, 1);
        api.post("/api/v1/platform/invoices/" + id(first) + "/mark-paid", root, null);
        api.post("/api/v1/platform/invoices/" + id(first) + "/credit-note", root,
                Map.of("amount", 9900, "reason", "Goodwill", "refund", "BALANCE"));
        assertThat(balances(admin)).containsExactly("EUR 9900");

        JsonNode now = invoiceNow(shop, 3000);
        assertThat(now.path("total").asLong()).isEqualTo(3000);
        assertThat(now.path("appliedBalance").asLong()).isEqualTo(3000);
        assertThat(now.path("amountDue").asLong()).isZero();
        assertThat(now.path("status").asString()).as("nothing left to pay").isEqualTo("PAID");
        assertThat(mails(shop.id(), now.path("number").asString())).as("still mailed, with nothing to collect")
                .singleElement().satisfies(body -> assertThat(body).contains("Your credit balance paid it in full")
                        .contains("Your credit balance paid 30.00 EUR of it"));
        assertThat(balances(admin)).containsExactly("EUR 6900");

        JsonNode next = invoiceNow(shop, 2500);
        assertThat(next.path("appliedBalance").asLong()).isEqualTo(2500);
        assertThat(balances(admin)).containsExactly("EUR 4400");
        JsonNode open = invoiceNow(shop, 5000);
        assertThat(open.path("appliedBalance").asLong()).isEqualTo(4400);
        assertThat(open.path("amountDue").asLong()).isEqualTo(600);
        assertThat(open.path("status").asString()).isEqualTo("OPEN");
        assertThat(balances(admin)).isEmpty();

        assertThat(api.post("/api/v1/platform/invoices/" + id(open) + "/void", root, null).status()).isEqualTo(200);
        assertThat(balances(admin)).as("a void invoice used nothing").containsExactly("EUR 4400");
    }

    @Test
    void creditCarriedForwardGoesOnTheBalanceAndOnlyAnInvoiceInTheSameCurrencyUsesIt() {
        TenantSetup shop = fixtures.tenant("carried");
        String admin = shop.admin().accessToken();
        JsonNode credit = invoiceNow(shop, -5000);
        assertThat(credit.path("total").asLong()).isZero();
        assertThat(InvoicingIT.lines(credit)).containsExactly("PRORATION_CREDIT -5000",
                "CREDIT_CARRIED_FORWARD 5000");
        assertThat(balances(admin)).containsExactly("EUR 5000");
        // A dollar credit (as a USD invoice would carry forward) is not the euro invoice's to use.
        asOwner.sql("""
                        INSERT INTO billing_balance_movements (tenant_id, id, at, amount, currency, reason, invoice_id)
                        VALUES (:t, gen_random_uuid(), now(), 700, 'USD', 'CREDIT_NOTE', :invoice)
                        """).param("t", shop.id()).param("invoice", UUID.fromString(id(credit))).update();
        assertThat(balances(admin)).containsExactly("EUR 5000", "USD 700");

        JsonNode euros = invoiceNow(shop, 8000);

        assertThat(euros.path("appliedBalance").asLong()).isEqualTo(5000);
        assertThat(euros.path("amountDue").asLong()).isEqualTo(3000);
        assertThat(balances(admin)).containsExactly("USD 700");
    }

    @Test
    void aCreditNoteRefundedOutsideLeavesTheBalanceAndAnUnknownRefundIsRefused() {
        TenantSetup shop = fixtures.tenant("outside");
        String admin = shop.admin().accessToken();
        JsonNode first = cycleInvoice(shop, 1);
        api.post("/api/v1/platform/invoices/" + id(first) + "/mark-paid", root, null);

        Response bad = api.post("/api/v1/platform/invoices/" + id(first) + "/credit-note", root,
                Map.of("amount", 500, "reason", "x", "refund", "CASH"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/v1/platform/invoices/" + id(first) + "/credit-note", root,
                Map.of("amount", 500, "reason", "Refunded by bank transfer", "refund", "OUTSIDE")).status())
                .isEqualTo(201);
        assertThat(balances(admin)).isEmpty();
    }

    @Test
    void aCreditNoteOnAnOpenInvoicePutsOnlyWhatExceedsTheAmountDueOnTheBalance() {
        TenantSetup shop = fixtures.tenant("partly");
        String admin = shop.admin().accessToken();
        JsonNode first = cycleInvoice(shop, 1);
        api.post("/api/v1/platform/invoices/" + id(first) + "/credit-note", root,
                Map.of("amount", 2000, "reason", "Discount agreed"));
        assertThat(balances(admin)).as("an open invoice just owes less").isEmpty();
        assertThat(api.get("/api/v1/billing/invoices/" + id(first), admin).body().path("amountDue").asLong())
                .isEqualTo(7900);
    }

    @Test
    void anotherTenantSeesNeitherTheBalanceNorTheInvoiceThatUsedIt() {
        TenantSetup shop = fixtures.tenant("owner");
        TenantSetup other = fixtures.tenant("stranger");
        invoiceNow(shop, -1500);
        JsonNode used = invoiceNow(shop, 1000);

        assertThat(balances(other.admin().accessToken())).isEmpty();
        assertThat(api.get("/api/v1/billing/balance", other.admin().accessToken()).body().path("movements"))
                .isEmpty();
        Response response = api.get("/api/v1/billing/invoices/" + id(used), other.admin().accessToken());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("INVOICE_NOT_FOUND");
        String operator = fixtures.member(shop, "OPERATOR").accessToken();
        assertThat(api.get("/api/v1/billing/balance", operator).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/platform/tenants/" + shop.id() + "/balance", shop.admin().accessToken())
                .status()).isEqualTo(403);
        JsonNode platformView = api.get("/api/v1/platform/tenants/" + shop.id() + "/balance", root).body();
        assertThat(platformView.path("balances").get(0).path("amount").asLong()).isEqualTo(500);
    }

    // ----- helpers

    /** Ends the tenant's period and answers the cycle invoice, the {@code count}th (the job may get there first). */
    private JsonNode cycleInvoice(TenantSetup shop, int count) {
        Instant end = clock.instant().minusSeconds(1);
        asOwner.sql("""
                        UPDATE subscriptions SET current_period_start = :start, current_period_end = :end,
                            billing_anchor = :end, trial_end = :end WHERE tenant_id = :t
                        """)
                .param("start", java.sql.Timestamp.from(end.minus(Duration.ofDays(14))))
                .param("end", java.sql.Timestamp.from(end)).param("t", shop.id()).update();
        issuing.closePeriod(TenantId.of(shop.id()), clock.instant());
        List<JsonNode> invoices = await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<JsonNode> found = new ArrayList<>();
            api.get("/api/v1/billing/invoices", shop.admin().accessToken()).body().path("items").forEach(i -> {
                if ("CYCLE".equals(i.path("billingReason").asString())) {
                    found.add(i);
                }
            });
            return found;
        }, found -> found.size() == count);
        return api.get("/api/v1/billing/invoices/" + id(invoices.get(0)), shop.admin().accessToken()).body();
    }

    /** A pending item of {@code amount} EUR cents billed at once by the super-admin ("Invoice now"). */
    private JsonNode invoiceNow(TenantSetup shop, long amount) {
        Instant now = clock.instant();
        platform.run(() -> pendingItems.add(shop.id(), new InvoiceLine(amount < 0 ? LineKind.PRORATION_CREDIT
                : LineKind.PRORATION_CHARGE, "Change", Money.of(amount, "EUR")), now, now.plus(Duration.ofDays(10)),
                now));
        Response issued = api.post("/api/v1/platform/tenants/" + shop.id() + "/invoice-now", root, null);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return api.get("/api/v1/billing/invoices/" + issued.text("id"), shop.admin().accessToken()).body();
    }

    private List<String> balances(String token) {
        Response response = api.get("/api/v1/billing/balance", token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> balances = new ArrayList<>();
        response.body().path("balances").forEach(b -> balances.add(b.path("currency").asString() + " "
                + b.path("amount").asLong()));
        return balances;
    }

    private List<String> mails(UUID tenant, String number) {
        return asOwner.sql("SELECT body FROM mail_outbox WHERE tenant_id = :t AND kind = 'billing.invoice' "
                        + "AND subject LIKE :number").param("t", tenant).param("number", "%" + number + "%")
                .query(String.class).list();
    }

    private static String id(JsonNode invoice) {
        return invoice.path("id").asString();
    }
}
