package dev.parley.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.parley.billing.invoicing.InvoiceIssuing;
import dev.parley.shared.TenantId;
import dev.parley.support.Api;
import dev.parley.support.Browsers;
import dev.parley.support.Browsers.Tab;
import dev.parley.support.ConsoleSignIn;
import dev.parley.support.EndedPeriods;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In Chromium: a tenant admin sees the invoice on the Billing page, downloads its PDF and edits the billing details;
 * the super-admin marks a bank-transfer invoice paid on the tenant's page.
 */
@ParleyIntegrationTest
class InvoicesConsoleIT {

    static Browsers browsers;

    @LocalServerPort
    int port;

    @Autowired
    EndedPeriods periods;

    @Autowired
    Clock clock;

    @Autowired
    InvoiceIssuing issuing;

    @Autowired
    @Qualifier("owner")
    DataSource owner;

    Api api;
    Fixtures fixtures;

    @BeforeAll
    static void startBrowser() {
        browsers = new Browsers();
    }

    @AfterAll
    static void stopBrowser() {
        browsers.close();
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
    }

    @Test
    void aTenantAdminSeesTheInvoiceDownloadsItsPdfAndEditsTheBillingDetails() throws Exception {
        TenantSetup shop = fixtures.tenant("console-invoices");
        UUID invoice = invoiceFor(shop);
        String number = api.get("/api/v1/billing/invoices/" + invoice, shop.admin().accessToken()).text("number");

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/billing"), shop.admin().email(), Fixtures.PASSWORD);
            Locator row = page.locator("tr[data-number='" + number + "']");
            assertThat(row).containsText("€99.00");
            assertThat(row).containsText("Open");

            Download download = page.waitForDownload(() -> row.getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Download PDF")).click());
            org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo(number + ".pdf");
            try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(download.path()))) {
                org.assertj.core.api.Assertions.assertThat(new PDFTextStripper().getText(pdf))
                        .contains("Invoice " + number).contains("99.00 EUR");
            }

            page.getByLabel("Company name").fill("Console Shop BV");
            page.getByLabel("Country (ISO code, e.g. DE)").fill("NL");
            page.getByLabel("Tax rate (%)").fill("21");
            page.getByLabel("Billing email").fill("books@console.test");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save billing details")).click();
            assertThat(page.getByText("Billing details saved.")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/billing-invoices.png"))
                    .setFullPage(true));

            page.getByLabel("Country (ISO code, e.g. DE)").fill("XX");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save billing details")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("country");
        }
        JsonNode profile = api.get("/api/v1/billing/profile", shop.admin().accessToken()).body();
        org.assertj.core.api.Assertions.assertThat(profile.path("companyName").asString()).isEqualTo("Console Shop BV");
        org.assertj.core.api.Assertions.assertThat(profile.path("country").asString()).isEqualTo("NL");
        org.assertj.core.api.Assertions.assertThat(profile.path("taxRate").asInt()).isEqualTo(21);
    }

    @Test
    void theSuperAdminMarksABankTransferInvoicePaidOnTheTenantsPage() {
        TenantSetup shop = fixtures.tenant("console-mark-paid");
        UUID invoice = invoiceFor(shop);
        String number = api.get("/api/v1/billing/invoices/" + invoice, shop.admin().accessToken()).text("number");

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/tenants/" + shop.id()), Fixtures.ROOT_EMAIL,
                    Fixtures.ROOT_PASSWORD);
            Locator row = page.getByTestId("tenant-invoices").locator("tr[data-number='" + number + "']");
            assertThat(row).containsText("Open");

            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark paid")).click();

            assertThat(row).containsText("Paid");
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(number)))
                    .containsText("marked paid");
        }
        org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/billing/invoices/" + invoice,
                shop.admin().accessToken()).text("status")).isEqualTo("PAID");
    }

    @Test
    void aCreditNoteTheSuperAdminPutsOnTheBalanceIsShownToTheTenantAndComesOffTheNextInvoice() {
        TenantSetup shop = fixtures.tenant("console-balance");
        UUID invoice = invoiceFor(shop);
        String number = api.get("/api/v1/billing/invoices/" + invoice, shop.admin().accessToken()).text("number");
        api.post("/api/v1/platform/invoices/" + invoice + "/mark-paid", fixtures.superAdmin().accessToken(), null);

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/tenants/" + shop.id()), Fixtures.ROOT_EMAIL,
                    Fixtures.ROOT_PASSWORD);
            assertThat(page.getByTestId("tenant-credit-balance")).containsText("Credit balance: none");
            Locator row = page.getByTestId("tenant-invoices").locator("tr[data-number='" + number + "']");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Credit note")).click();
            row.getByLabel("Amount (EUR)").fill("12");
            row.getByLabel("Reason").fill("Outage on 3 November");
            row.getByLabel("What is owed back").selectOption("BALANCE");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Issue credit note")).click();

            assertThat(page.getByTestId("tenant-credit-balance")).containsText("Credit balance: €12.00");
        }
        String next = api.get("/api/v1/billing/invoices/" + invoiceFor(shop), shop.admin().accessToken())
                .text("number");
        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/billing"), shop.admin().email(), Fixtures.PASSWORD);
            Locator row = page.locator("tr[data-number='" + next + "']");
            assertThat(row).containsText("€99.00");
            assertThat(row.getByTestId("applied-balance")).containsText("-€12.00 from your credit balance");
            assertThat(row.getByTestId("applied-balance")).containsText("€87.00 due");
            assertThat(page.getByTestId("credit-balance")).hasCount(0);
        }
    }

    @Test
    void aTenantAdminSeesTheCreditBalanceThatTheNextInvoiceWillUseAndTheCreditNotesPdfInTheMailOutbox() {
        TenantSetup shop = fixtures.tenant("console-credit");
        UUID invoice = invoiceFor(shop);
        String root = fixtures.superAdmin().accessToken();
        api.post("/api/v1/platform/invoices/" + invoice + "/mark-paid", root, null);
        String note = api.post("/api/v1/platform/invoices/" + invoice + "/credit-note", root,
                java.util.Map.of("amount", 1200, "reason", "Outage")).text("number");

        try (Tab tab = browsers.open()) {
            Page page = tab.page();
            ConsoleSignIn.at(page, api.url("/console/#/billing"), shop.admin().email(), Fixtures.PASSWORD);

            assertThat(page.getByTestId("credit-balance"))
                    .hasText("Credit balance: €12.00, applied to your next invoice.");

            page.navigate(api.url("/console/#/outbox"));
            Locator mail = page.locator("tr[data-mail]").filter(new Locator.FilterOptions()
                    .setHasText("Credit note " + note));
            assertThat(mail.getByTestId("mail-attachments")).containsText("1 attachment: " + note + ".pdf");
        }
    }

    private UUID invoiceFor(TenantSetup shop) {
        return periods.invoice(shop.id());
    }
}
