package dev.parley.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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
import dev.parley.support.ChosenConversationUsage;
import dev.parley.support.EndedPeriods;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.TenantSetup;
import dev.parley.support.ParleyIntegrationTest;
import dev.parley.support.TimeMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The billing cycle with bank transfer (the default provider): periods end, invoices are issued with exact lines,
 * once, numbered without gaps, final once issued; the super-admin credits and marks them paid; unpaid ones are
 * dunned until the tenant is suspended.
 */
@ParleyIntegrationTest
class InvoicingIT {

    @LocalServerPort
    int port;

    @Autowired
    EndedPeriods periods;

    @Autowired
    TimeMachine time;

    @Autowired
    Clock clock;

    @Autowired
    PendingInvoiceItems pendingItems;

    @Autowired
    ChosenConversationUsage usage;

    @Autowired
    InvoiceIssuing issuing;

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

    @AfterEach
    void backToNow() {
        time.reset();
    }

    @Test
    void theEndOfTheTrialAndOfTheNextPeriodEachBringOneInvoiceWithExactLinesProrationOverageAndTax() {
        TenantSetup shop = fixtures.tenant("invoiced");
        String admin = shop.admin().accessToken();
        Response saved = api.put("/api/v1/billing/profile", admin, Map.of("billingEmail", "books@" + shop.slug()
                + ".test", "companyName", "Invoiced GmbH", "address", "Hauptstr. 1\n10115 Berlin", "country", "DE",
                "vatId", "DE123456789", "taxRate", 19));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        Instant now = clock.instant();
        platform.run(() -> {
            pendingItems.add(shop.id(), new InvoiceLine(LineKind.PRORATION_CREDIT, "Unused time on Basic",
                    Money.of(-1933, "EUR")), now, now.plus(Duration.ofDays(14)), now);
            pendingItems.add(shop.id(), new InvoiceLine(LineKind.PRORATION_CHARGE, "Remaining time on Professional",
                    Money.of(5267, "EUR")), now, now.plus(Duration.ofDays(14)), now);
        });

        time.advance(Duration.ofDays(15)); // the 14-day trial ends; the billing-cycle job runs within a second

        JsonNode first = detail(shop, awaitInvoices(shop, 1).get(0));
        assertThat(lines(first)).containsExactly(
                "BASE 9900", "PRORATION_CREDIT -1933", "PRORATION_CHARGE 5267", "TAX 2514");
        assertThat(first.path("lines").get(0).path("description").asString()).startsWith("Professional, monthly, ");
        assertThat(first.path("subtotal").asLong()).isEqualTo(13234);
        assertThat(first.path("tax").asLong()).as("19 % of 132.34 = 25.1446").isEqualTo(2514);
        assertThat(first.path("total").asLong()).isEqualTo(15748);
        assertThat(first.path("status").asString()).as("bank transfer: waits for the money").isEqualTo("OPEN");
        assertThat(first.path("number").asString()).matches("PAR-\\d{4}-\\d{6}");
        assertThat(first.path("billingDetails").path("name").asString()).isEqualTo("Invoiced GmbH");
        assertThat(mails(shop.id(), "billing.invoice")).singleElement().satisfies(m -> {
            assertThat(m.get("to_address")).isEqualTo("books@" + shop.slug() + ".test");
            assertThat((String) m.get("subject")).contains(first.path("number").asString()).contains("157.48 EUR");
            assertThat((String) m.get("text")).contains("bank transfer").contains("/console/#/billing");
        });
        assertThat(platform.call(() -> pendingItems.pending(shop.id()))).as("the items were billed").isEmpty();

        usage.choose(shop.id(), 3500); // 1500 over Professional's 2000
        time.advance(Duration.ofDays(31));

        JsonNode second = detail(shop, awaitInvoices(shop, 2).get(0));
        assertThat(lines(second)).containsExactly(
                "BASE 9900", "OVERAGE 10000", "OVERAGE 2500", "TAX 4256");
        assertThat(second.path("lines").get(1).path("description").asString())
                .isEqualTo("Extra conversations (over 2000) 1–1000: 1000 × 0.1 EUR");
        assertThat(second.path("total").asLong()).isEqualTo(9900 + 10000 + 2500 + 4256);
        assertThat(number(second)).as("numbers follow each other").isGreaterThan(number(first));
    }

    @Test
    void aRerunAndTwoRunsAtOnceStillBillTheEndedPeriodOnce() throws Exception {
        TenantSetup shop = fixtures.tenant("once");
        periods.end(shop.id());
        Instant now = clock.instant();

        List<CompletableFuture<?>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> issuing.closePeriod(TenantId.of(shop.id()), now)));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
        periods.close(shop.id()); // a rerun (and the job, let go again, another)

        assertThat(asOwner.sql("SELECT count(*) FROM invoices WHERE tenant_id = :t").param("t", shop.id())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(awaitInvoices(shop, 1)).hasSize(1);
    }

    @Test
    void invoiceNumbersOfEachYearFollowEachOtherWithoutGaps() {
        TenantSetup a = fixtures.tenant("numbers-a");
        TenantSetup b = fixtures.tenant("numbers-b");
        periods.invoice(a.id());
        periods.invoice(b.id());

        List<Map<String, Object>> years = asOwner.sql("""
                        SELECT substring(number from '^[A-Z]+-(\\d{4})-') AS year, count(*) AS issued,
                               max(substring(number from '(\\d{6})$')::int) AS highest
                        FROM invoices WHERE kind = 'INVOICE' AND number IS NOT NULL GROUP BY 1
                        """).query().listOfRows();
        assertThat(years).isNotEmpty().allSatisfy(year ->
                assertThat(((Number) year.get("issued")).longValue()).as("year " + year.get("year"))
                        .isEqualTo(((Number) year.get("highest")).longValue()));
    }

    @Test
    void anIssuedInvoiceAndItsLinesAreFinalInTheDatabase() {
        TenantSetup shop = fixtures.tenant("final");
        UUID invoice = periods.invoice(shop.id());

        assertThatThrownBy(() -> asOwner.sql("UPDATE invoices SET total = total + 1 WHERE id = :id")
                .param("id", invoice).update()).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> asOwner.sql("UPDATE invoice_lines SET amount = 1 WHERE invoice_id = :id")
                .param("id", invoice).update()).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> asOwner.sql("DELETE FROM invoices WHERE id = :id").param("id", invoice).update())
                .hasMessageContaining("cannot be deleted");
        assertThatThrownBy(() -> asOwner.sql("UPDATE invoices SET status = 'DRAFT' WHERE id = :id")
                .param("id", invoice).update()).hasMessageContaining("cannot go from OPEN to DRAFT");
    }

    @Test
    void theSuperAdminCreditsPartOfAnInvoiceAndMarksTheRestPaidWhichTheTenantSees() {
        TenantSetup shop = fixtures.tenant("credited");
        UUID invoice = periods.invoice(shop.id());
        String root = fixtures.superAdmin().accessToken();

        Response note = api.post("/api/v1/platform/invoices/" + invoice + "/credit-note", root,
                Map.of("amount", 1900, "reason", "Outage on 2 December"));
        assertThat(note.status()).as(note.toString()).isEqualTo(201);
        assertThat(note.text("number")).matches("PAR-CN-\\d{4}-\\d{6}");
        assertThat(note.text("kind")).isEqualTo("CREDIT_NOTE");
        assertThat(note.body().path("total").asLong()).isEqualTo(1900);
        JsonNode credited = api.get("/api/v1/billing/invoices/" + invoice, shop.admin().accessToken()).body();
        assertThat(credited.path("amountDue").asLong()).isEqualTo(9900 - 1900);
        assertThat(credited.path("status").asString()).isEqualTo("OPEN");

        Response paid = api.post("/api/v1/platform/invoices/" + invoice + "/mark-paid", root, null);

        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        JsonNode seen = api.get("/api/v1/billing/invoices/" + invoice, shop.admin().accessToken()).body();
        assertThat(seen.path("status").asString()).isEqualTo("PAID");
        assertThat(seen.path("amountPaid").asLong()).isEqualTo(8000);
        assertThat(seen.path("amountDue").asLong()).isZero();
        Response again = api.post("/api/v1/platform/invoices/" + invoice + "/void", root, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INVOICE_NOT_OPEN");
        Response tooMuch = api.post("/api/v1/platform/invoices/" + invoice + "/credit-note", root,
                Map.of("amount", 8001, "reason", "more than is left"));
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.code()).isEqualTo("CREDIT_EXCEEDS_INVOICE");
    }

    @Test
    void anUnpaidTransferIsRemindedThenPastDueThenWrittenOffAndTheTenantSuspended() {
        TenantSetup shop = fixtures.tenant("unpaid");
        UUID invoice = periods.invoice(shop.id());
        // Move the due date and the next step to now, as if the 14 days of payment terms had passed.
        time.pauseJobs();
        time.advance(Duration.ofDays(14).plusMinutes(1));
        time.resumeJobs();

        await().atMost(Duration.ofSeconds(60)).until(() -> mails(shop.id(), "billing.reminder").size() == 1);
        assertThat(subscriptionStatus(shop.id())).isEqualTo("PAST_DUE");

        time.advance(Duration.ofDays(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> mails(shop.id(), "billing.reminder").size() == 2);
        time.advance(Duration.ofDays(2));
        await().atMost(Duration.ofSeconds(60)).until(() -> mails(shop.id(), "billing.reminder").size() == 3);
        time.advance(Duration.ofDays(2));

        await().atMost(Duration.ofSeconds(60)).until(() -> mails(shop.id(), "billing.uncollectible").size() == 1);
        JsonNode seen = api.get("/api/v1/platform/invoices/" + invoice, fixtures.superAdmin().accessToken()).body();
        assertThat(seen.path("status").asString()).isEqualTo("UNCOLLECTIBLE");
        JsonNode tenant = api.get("/api/v1/platform/tenants/" + shop.id(), fixtures.superAdmin().accessToken())
                .body();
        assertThat(tenant.path("status").asString()).isEqualTo("SUSPENDED");

        // The money arrives after all: the super-admin marks the invoice paid, and the tenant is back.
        String root = fixtures.superAdmin().accessToken();
        Response paid = api.post("/api/v1/platform/invoices/" + invoice + "/mark-paid", root, Map.of());
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.text("status")).isEqualTo("PAID");
        assertThat(api.get("/api/v1/platform/tenants/" + shop.id(), root).text("status")).isEqualTo("ACTIVE");
        assertThat(subscriptionStatus(shop.id())).isEqualTo("ACTIVE");
        assertThat(api.get("/api/v1/billing/invoices", token(shop)).status()).as("its admin signs in again")
                .isEqualTo(200);
        assertThat(api.get("/api/v1/platform/audit?action=billing.suspension_lifted", root).raw())
                .contains(shop.id().toString());
    }

    @Test
    void aTenantTheSuperAdminSuspendedStaysSuspendedWhenItsWrittenOffInvoiceIsForgiven() {
        TenantSetup shop = fixtures.tenant("forgiven");
        String root = fixtures.superAdmin().accessToken();
        UUID invoice = periods.invoice(shop.id());
        assertThat(api.post("/api/v1/platform/tenants/" + shop.id() + "/suspend", root, Map.of()).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/platform/invoices/" + invoice + "/mark-uncollectible", root, Map.of()).status())
                .isEqualTo(200);

        Response voided = api.post("/api/v1/platform/invoices/" + invoice + "/void", root, Map.of());

        assertThat(voided.status()).as("a written-off invoice can still be forgiven").isEqualTo(200);
        assertThat(voided.text("status")).isEqualTo("VOID");
        assertThat(api.get("/api/v1/platform/tenants/" + shop.id(), root).text("status"))
                .as("the super-admin's own suspension is not billing's to lift").isEqualTo("SUSPENDED");
        assertThat(api.post("/api/v1/platform/invoices/" + invoice + "/void", root, Map.of()).code())
                .isEqualTo("INVOICE_NOT_OPEN");
    }

    String subscriptionStatus(UUID tenant) {
        return asOwner.sql("SELECT status FROM subscriptions WHERE tenant_id = :t").param("t", tenant)
                .query(String.class).single();
    }

    List<Map<String, Object>> mails(UUID tenant, String kind) {
        return asOwner.sql("SELECT to_address, subject, body AS text FROM mail_outbox WHERE tenant_id = :t AND kind = :k")
                .param("t", tenant).param("k", kind).query().listOfRows();
    }

    /** Signs in afresh each time: moving the clock a day ahead expires the access tokens. */
    JsonNode awaitInvoices(TenantSetup tenant, int count) {
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/api/v1/billing/invoices", token(tenant)).body().path("items"),
                items -> items.size() == count);
    }

    JsonNode detail(TenantSetup tenant, JsonNode listed) {
        return api.get("/api/v1/billing/invoices/" + listed.path("id").asString(), token(tenant)).body();
    }

    String token(TenantSetup tenant) {
        return fixtures.login(tenant.admin().email(), Fixtures.PASSWORD, tenant.id()).accessToken();
    }

    static List<String> lines(JsonNode invoice) {
        List<String> lines = new ArrayList<>();
        invoice.path("lines").forEach(l -> lines.add(l.path("kind").asString() + " " + l.path("amount").asLong()));
        return lines;
    }

    static int number(JsonNode invoice) {
        String n = invoice.path("number").asString();
        return Integer.parseInt(n.substring(n.length() - 6)) + 1_000_000 * Integer.parseInt(n.substring(4, 8));
    }
}
