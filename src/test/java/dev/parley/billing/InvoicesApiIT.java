package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
import dev.parley.support.EndedPeriods;
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

/** The invoices API: what a tenant admin reads and downloads, billing details, and the super-admin's actions. */
@ParleyIntegrationTest
class InvoicesApiIT {

    @LocalServerPort
    int port;

    @Autowired
    EndedPeriods periods;

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

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        asOwner = JdbcClient.create(owner);
    }

    @Test
    void aTenantAdminListsReadsAndDownloadsTheInvoiceAsAPdfShowingItsNumberAndTotal() throws Exception {
        TenantSetup shop = fixtures.tenant("pdf");
        String admin = shop.admin().accessToken();
        api.put("/api/v1/billing/profile", admin, Map.of("companyName", "Pdf Shop Ltd", "country", "GB",
                "taxRate", 20, "address", "1 High Street\nLondon"));
        UUID invoice = invoiceFor(shop);

        JsonNode list = api.get("/api/v1/billing/invoices", admin).body().path("items");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("id").asString()).isEqualTo(invoice.toString());
        JsonNode one = api.get("/api/v1/billing/invoices/" + invoice, admin).body();
        assertThat(one.path("total").asLong()).isEqualTo(11880);
        String number = one.path("number").asString();

        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(api.request("/api/v1/billing/invoices/" + invoice
                + "/pdf", admin).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains(number + ".pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Invoice " + number).contains("Pdf Shop Ltd").contains("1 High Street")
                    .contains("Tax 20 %").contains("19.80").contains("Total").contains("118.80 EUR")
                    .contains("Status: OPEN");
        }
    }

    @Test
    void anotherTenantsInvoiceIsNotFoundAndOperatorsAreRefused() {
        TenantSetup shop = fixtures.tenant("mine");
        TenantSetup other = fixtures.tenant("theirs");
        UUID invoice = invoiceFor(shop);
        String stranger = other.admin().accessToken();

        for (String path : new String[]{"", "/pdf"}) {
            Response response = api.get("/api/v1/billing/invoices/" + invoice + path, stranger);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.code()).isEqualTo("INVOICE_NOT_FOUND");
        }
        assertThat(api.post("/api/v1/billing/invoices/" + invoice + "/pay", stranger, null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/billing/invoices", stranger).body().path("items")).isEmpty();

        String operator = fixtures.member(shop, "OPERATOR").accessToken();
        assertThat(api.get("/api/v1/billing/invoices", operator).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/billing/profile", operator).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/platform/invoices/" + invoice + "/mark-paid", shop.admin().accessToken(), null)
                .status()).isEqualTo(403);
    }

    @Test
    void billingDetailsAreValidatedAndSaved() {
        TenantSetup shop = fixtures.tenant("details");
        String admin = shop.admin().accessToken();
        Map<String, Object> good = new HashMap<>(Map.of("billingEmail", "books@details.test", "companyName", "Details AG",
                "address", "Bahnhofstr. 1\n8001 Zürich", "country", "ch", "vatId", "CHE-123.456.789", "taxRate",
                7.7));

        for (Map.Entry<String, Object> bad : Map.<String, Object>of("billingEmail", "not an email", "country", "XX",
                "taxRate", 101, "vatId", "x".repeat(41)).entrySet()) {
            Map<String, Object> body = new HashMap<>(good);
            body.put(bad.getKey(), bad.getValue());
            Response refused = api.put("/api/v1/billing/profile", admin, body);
            assertThat(refused.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.raw()).contains(bad.getKey());
        }
        Response saved = api.put("/api/v1/billing/profile", admin, good);

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        JsonNode read = api.get("/api/v1/billing/profile", admin).body();
        assertThat(read.path("country").asString()).isEqualTo("CH");
        assertThat(read.path("taxRate").decimalValue()).isEqualByComparingTo("7.7");
        assertThat(read.path("address").asString()).isEqualTo("Bahnhofstr. 1\n8001 Zürich");
    }

    @Test
    void theSuperAdminBillsPendingItemsNowVoidsOpenInvoicesOnlyAndGetsStableCodes() {
        TenantSetup shop = fixtures.tenant("invoice-now");
        String root = fixtures.superAdmin().accessToken();

        Response nothing = api.post("/api/v1/platform/tenants/" + shop.id() + "/invoice-now", root, null);
        assertThat(nothing.status()).isEqualTo(409);
        assertThat(nothing.code()).isEqualTo("NOTHING_TO_INVOICE");

        Instant now = clock.instant();
        platform.run(() -> pendingItems.add(shop.id(), new InvoiceLine(LineKind.PRORATION_CHARGE,
                "Remaining time on Enterprise", Money.of(26600, "EUR")), now, now.plus(Duration.ofDays(10)), now));
        Response billed = api.post("/api/v1/platform/tenants/" + shop.id() + "/invoice-now", root, null);

        assertThat(billed.status()).as(billed.toString()).isEqualTo(201);
        assertThat(billed.text("billingReason")).isEqualTo("IMMEDIATE");
        assertThat(billed.body().path("total").asLong()).isEqualTo(26600);
        String id = billed.text("id");
        assertThat(api.get("/api/v1/platform/tenants/" + shop.id() + "/invoices", root).body().path("items"))
                .hasSize(1);

        Response voided = api.post("/api/v1/platform/invoices/" + id + "/void", root, null);
        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.text("status")).isEqualTo("VOID");
        Response again = api.post("/api/v1/platform/invoices/" + id + "/mark-uncollectible", root, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INVOICE_NOT_OPEN");
        assertThat(api.post("/api/v1/platform/invoices/" + id + "/mark-paid", root, null).code())
                .isEqualTo("INVOICE_NOT_OPEN");
        assertThat(api.post("/api/v1/platform/invoices/" + UUID.randomUUID() + "/void", root, null).status())
                .isEqualTo(404);
        Response badCredit = api.post("/api/v1/platform/invoices/" + id + "/credit-note", root,
                Map.of("amount", -5, "reason", ""));
        assertThat(badCredit.status()).isEqualTo(400);
        assertThat(badCredit.code()).isEqualTo("VALIDATION_FAILED");
    }

    /** Ends the tenant's trial now and runs its billing: one Professional invoice of 99.00 EUR plus its tax. */
    private UUID invoiceFor(TenantSetup shop) {
        return periods.invoice(shop.id());
    }
}
