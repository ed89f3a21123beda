package dev.parley.billing.invoice;

import static dev.parley.billing.invoice.PricingTiers.Tier.beyond;
import static dev.parley.billing.invoice.PricingTiers.Tier.upTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import dev.parley.billing.invoice.Coupon.AmountOff;
import dev.parley.billing.invoice.Coupon.Forever;
import dev.parley.billing.invoice.Coupon.Once;
import dev.parley.billing.invoice.Coupon.PercentOff;
import dev.parley.billing.invoice.Proration.PricedItem;
import org.junit.jupiter.api.Test;

class InvoiceDraftTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");
    static final TaxRate GERMAN_VAT = new TaxRate(1900);

    @Test
    void theWorkedExampleOfTheDocsAddsUpToTheCent() {
        BillingPeriod november = new BillingPeriod(
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
        PricingTiers conversations = PricingTiers.graduated(EUR,
                upTo(1000, 0), upTo(3000, 5), beyond(new BigDecimal("3.5")));
        Coupon launch = new Coupon("LAUNCH20", new PercentOff(2000), new Forever());

        InvoiceDraft invoice = InvoiceDraft.builder(EUR)
                .charge(LineKind.BASE, "Professional, monthly", Money.of(7900, EUR))
                .charge(LineKind.ADD_ON, "AI chatbot, monthly", Money.of(1500, EUR))
                .addAll(conversations.price("Conversations", 4321))
                .addAll(Proration.of(new PricedItem("Basic", Money.of(2900, EUR)),
                        new PricedItem("Professional", Money.of(7900, EUR)), november,
                        Instant.parse("2026-11-11T00:00:00Z")).lines())
                .build(List.of(launch), GERMAN_VAT);

        // 7900 + 1500 + 0 + 10000 + 4624 − 1933 + 5267 = 27358
        assertThat(invoice.subtotal()).isEqualTo(Money.of(27358, EUR));
        // 20 % of 27358 = 5471.6 → 5472
        assertThat(invoice.discountTotal()).isEqualTo(Money.of(-5472, EUR));
        // 19 % of 21886 = 4158.34 → 4158
        assertThat(invoice.taxTotal()).isEqualTo(Money.of(4158, EUR));
        assertThat(invoice.total()).isEqualTo(Money.of(26044, EUR));
        assertThat(invoice.lines()).extracting(InvoiceLine::description).endsWith("Coupon LAUNCH20", "Tax 19 %");
    }

    @Test
    void aHundredPercentCouponMakesTheInvoiceFreeIncludingTax() {
        InvoiceDraft invoice = InvoiceDraft.builder(EUR)
                .charge(LineKind.BASE, "Professional, monthly", Money.of(7900, EUR))
                .build(List.of(new Coupon("FREE", new PercentOff(10_000), new Once())), GERMAN_VAT);

        assertThat(invoice.discountTotal()).isEqualTo(Money.of(-7900, EUR));
        assertThat(invoice.taxTotal()).isEqualTo(Money.zero(EUR));
        assertThat(invoice.total()).isEqualTo(Money.zero(EUR));
    }

    @Test
    void anAmountOffLargerThanTheSubtotalTakesOffOnlyTheSubtotal() {
        InvoiceDraft invoice = InvoiceDraft.builder(EUR)
                .charge(LineKind.BASE, "Basic, monthly", Money.of(2900, EUR))
                .build(List.of(new Coupon("BIG", new AmountOff(Money.of(5000, EUR)), new Once()),
                        new Coupon("MORE", new PercentOff(1000), new Forever())), GERMAN_VAT);

        assertThat(invoice.discountTotal()).isEqualTo(Money.of(-2900, EUR));
        assertThat(invoice.lines()).extracting(InvoiceLine::kind).containsExactly(
                LineKind.BASE, LineKind.DISCOUNT, LineKind.TAX);
        assertThat(invoice.total()).isEqualTo(Money.zero(EUR));
    }

    @Test
    void couponsComeOffOneAfterAnother() {
        InvoiceDraft invoice = InvoiceDraft.builder(EUR)
                .charge(LineKind.BASE, "Basic, monthly", Money.of(2900, EUR))
                .build(List.of(new Coupon("TENOFF", new AmountOff(Money.of(1000, EUR)), new Once()),
                        new Coupon("HALF", new PercentOff(5000), new Forever())), TaxRate.NONE);

        // 2900 − 1000 = 1900; half of 1900 = 950
        assertThat(invoice.lines()).extracting(InvoiceLine::amount).containsExactly(
                Money.of(2900, EUR), Money.of(-1000, EUR), Money.of(-950, EUR));
        assertThat(invoice.total()).isEqualTo(Money.of(950, EUR));
    }

    @Test
    void yenInvoicesHaveNoMinorDigitsAndRoundTaxToWholeYen() {
        InvoiceDraft invoice = InvoiceDraft.builder(JPY)
                .charge(LineKind.BASE, "Basic, monthly", Money.of(999, JPY))
                .build(List.of(), new TaxRate(750));

        // 7.5 % of 999 = 74.925 → 75
        assertThat(invoice.taxTotal()).isEqualTo(Money.of(75, JPY));
        assertThat(invoice.total()).isEqualTo(Money.of(1074, JPY));
        assertThat(invoice.total()).hasToString("1074 JPY");
        assertThat(invoice.lines()).extracting(InvoiceLine::description).contains("Tax 7.5 %");
    }

    @Test
    void creditBeyondTheChargesIsCarriedForwardSoTheTotalIsZero() {
        InvoiceDraft invoice = InvoiceDraft.builder(EUR)
                .add(new InvoiceLine(LineKind.PRORATION_CREDIT, "Unused time on Enterprise", Money.of(-20000, EUR)))
                .add(new InvoiceLine(LineKind.PRORATION_CHARGE, "Remaining time on Professional", Money.of(7900, EUR)))
                .build(List.of(new Coupon("HALF", new PercentOff(5000), new Forever())), GERMAN_VAT);

        assertThat(invoice.subtotal()).isEqualTo(Money.of(-12100, EUR));
        assertThat(invoice.discountTotal()).isEqualTo(Money.zero(EUR));
        assertThat(invoice.taxTotal()).isEqualTo(Money.zero(EUR));
        assertThat(invoice.creditCarriedForward()).isEqualTo(Money.of(12100, EUR));
        assertThat(invoice.total()).isEqualTo(Money.zero(EUR));
    }

    @Test
    void anInvoiceWithoutTaxHasNoTaxLine() {
        InvoiceDraft invoice = InvoiceDraft.builder(EUR)
                .charge(LineKind.BASE, "Basic, monthly", Money.of(2900, EUR))
                .build();

        assertThat(invoice.lines()).extracting(InvoiceLine::kind).containsExactly(LineKind.BASE);
        assertThat(invoice.total()).isEqualTo(Money.of(2900, EUR));
    }

    @Test
    void linesOrCouponsInAnotherCurrencyAreRefused() {
        assertThatThrownBy(() -> InvoiceDraft.builder(EUR).charge(LineKind.BASE, "Basic", Money.of(2900, "USD")))
                .isInstanceOf(CurrencyMismatchException.class);

        InvoiceDraft.Builder builder = InvoiceDraft.builder(EUR).charge(LineKind.BASE, "Basic", Money.of(2900, EUR));
        Coupon dollarsOff = new Coupon("USD5", new AmountOff(Money.of(500, "USD")), new Once());
        assertThatThrownBy(() -> builder.build(List.of(dollarsOff), TaxRate.NONE))
                .isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void discountsTaxAndCarriedCreditAreComputedNotAdded() {
        InvoiceDraft.Builder builder = InvoiceDraft.builder(EUR);

        assertThatThrownBy(() -> builder.charge(LineKind.TAX, "Tax", Money.of(100, EUR)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(new InvoiceLine(LineKind.DISCOUNT, "Coupon", Money.of(-100, EUR))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInvoiceWhoseLinesAddUpToLessThanZeroCannotBeMade() {
        List<InvoiceLine> lines = List.of(
                new InvoiceLine(LineKind.BASE, "Basic", Money.of(2900, EUR)),
                new InvoiceLine(LineKind.PRORATION_CREDIT, "Unused time on Enterprise", Money.of(-20000, EUR)));

        assertThatThrownBy(() -> new InvoiceDraft(EUR, lines)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineCannotHaveTheWrongSign() {
        assertThatThrownBy(() -> new InvoiceLine(LineKind.BASE, "Basic", Money.of(-1, EUR)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoiceLine(LineKind.PRORATION_CREDIT, "Unused time", Money.of(1, EUR)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCustomerBalanceComesOffTheTotalAfterTaxAndOnlyInTheInvoicesCurrency() {
        InvoiceDraft invoice = InvoiceDraft.builder(EUR).charge(LineKind.BASE, "Professional", Money.of(9900, EUR))
                .build(List.of(), new TaxRate(1900));

        assertThat(invoice.total()).isEqualTo(Money.of(11781, EUR));
        assertThat(invoice.balanceApplied(Money.of(1200, EUR))).isEqualTo(Money.of(1200, EUR));
        assertThat(invoice.balanceApplied(Money.of(20000, EUR))).as("at most the total").isEqualTo(Money.of(11781, EUR));
        assertThat(invoice.balanceApplied(Money.zero(EUR)).isZero()).isTrue();
        assertThatThrownBy(() -> invoice.balanceApplied(Money.of(1200, "USD")))
                .isInstanceOf(CurrencyMismatchException.class);
    }
}
