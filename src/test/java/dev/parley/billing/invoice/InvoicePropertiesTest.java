package dev.parley.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import dev.parley.billing.invoice.Coupon.AmountOff;
import dev.parley.billing.invoice.Coupon.Forever;
import dev.parley.billing.invoice.Coupon.PercentOff;
import dev.parley.billing.invoice.PricingTiers.Tier;
import dev.parley.billing.invoice.Proration.PricedItem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** For arbitrary prices, periods, change instants, tiers, usage, coupons and tax rates, invoices add up exactly. */
class InvoicePropertiesTest {

    static final long MAX_PRICE = 100_000_000L;
    static final long MAX_PERIOD_SECONDS = 366L * 24 * 3600;
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    @Property
    void theTotalIsExactlyTheSumOfTheLinesAndOfTheSubtotals(@ForAll("invoices") Scenario scenario) {
        InvoiceDraft invoice = scenario.invoice();

        long sumOfLines = 0;
        for (InvoiceLine line : invoice.lines()) {
            sumOfLines += line.amount().minorUnits();
        }
        assertThat(invoice.total().minorUnits()).isEqualTo(sumOfLines);
        assertThat(invoice.total()).isEqualTo(invoice.subtotal().plus(invoice.discountTotal())
                .plus(invoice.taxTotal()).plus(invoice.creditCarriedForward()));
    }

    @Property
    void anAppliedBalanceNeverExceedsTheTotalNorTheBalanceAndLeavesTheTaxAlone(@ForAll("invoices") Scenario scenario,
            @ForAll @LongRange(min = -MAX_PRICE, max = 10 * MAX_PRICE) long available) {
        InvoiceDraft invoice = scenario.invoice();
        Money balance = Money.of(available, invoice.currency());

        Money applied = invoice.balanceApplied(balance);

        assertThat(applied.isNegative()).isFalse();
        assertThat(applied).isLessThanOrEqualTo(invoice.total());
        assertThat(applied).isLessThanOrEqualTo(balance.max(Money.zero(invoice.currency())));
        assertThat(applied).as("all of the balance, or all of the total").isIn(
                balance.max(Money.zero(invoice.currency())), invoice.total());
    }

    @Property
    void theTotalIsNeverNegative(@ForAll("invoices") Scenario scenario) {
        assertThat(scenario.invoice().total().isNegative()).isFalse();
    }

    @Property
    void theDiscountNeverExceedsTheSubtotal(@ForAll("invoices") Scenario scenario) {
        InvoiceDraft invoice = scenario.invoice();
        Money zero = Money.zero(invoice.currency());

        assertThat(invoice.discountTotal()).isLessThanOrEqualTo(zero);
        assertThat(invoice.discountTotal().negate()).isLessThanOrEqualTo(invoice.subtotal().max(zero));
    }

    @Property
    void taxIsTheRateOfTheSubtotalAfterDiscountsRoundedOnce(@ForAll("invoices") Scenario scenario) {
        InvoiceDraft invoice = scenario.invoice();
        Money taxable = invoice.subtotal().max(Money.zero(invoice.currency())).plus(invoice.discountTotal());
        BigDecimal exactTax = BigDecimal.valueOf(taxable.minorUnits())
                .multiply(BigDecimal.valueOf(scenario.taxRate().basisPoints())).movePointLeft(4);

        assertThat(BigDecimal.valueOf(invoice.taxTotal().minorUnits()).subtract(exactTax).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.5"));
    }

    @Property
    void prorationOfAnUnchangedPriceNetsToZero(@ForAll @LongRange(max = MAX_PRICE) long price,
            @ForAll @LongRange(min = 1, max = MAX_PERIOD_SECONDS) long periodSeconds,
            @ForAll @LongRange(max = MAX_PERIOD_SECONDS) long offsetSeed, @ForAll("currencies") Currency currency) {
        BillingPeriod period = new BillingPeriod(EPOCH, EPOCH.plusSeconds(periodSeconds));
        PricedItem plan = new PricedItem("Professional", Money.of(price, currency));

        Proration proration = Proration.of(plan, plan, period, EPOCH.plusSeconds(offsetSeed % (periodSeconds + 1)));

        assertThat(proration.net()).isEqualTo(Money.zero(currency));
    }

    @Property
    void aCreditNeverExceedsTheOldPriceNorAChargeTheNewPrice(@ForAll @LongRange(max = MAX_PRICE) long oldPrice,
            @ForAll @LongRange(max = MAX_PRICE) long newPrice,
            @ForAll @LongRange(min = 1, max = MAX_PERIOD_SECONDS) long periodSeconds,
            @ForAll @LongRange(max = MAX_PERIOD_SECONDS) long offsetSeed, @ForAll("currencies") Currency currency) {
        BillingPeriod period = new BillingPeriod(EPOCH, EPOCH.plusSeconds(periodSeconds));
        Money oldAmount = Money.of(oldPrice, currency);
        Money newAmount = Money.of(newPrice, currency);

        Proration proration = Proration.of(new PricedItem("Old", oldAmount), new PricedItem("New", newAmount), period,
                EPOCH.plusSeconds(offsetSeed % (periodSeconds + 1)));

        Money credit = proration.credit().amount().negate();
        Money charge = proration.charge().amount();
        assertThat(credit.minorUnits()).isBetween(0L, oldPrice);
        assertThat(charge.minorUnits()).isBetween(0L, newPrice);
    }

    @Property
    void aLaterChangeNeverCreditsOrChargesMore(@ForAll @LongRange(max = MAX_PRICE) long price,
            @ForAll @LongRange(min = 1, max = MAX_PERIOD_SECONDS) long periodSeconds,
            @ForAll @LongRange(max = MAX_PERIOD_SECONDS) long earlierSeed,
            @ForAll @LongRange(max = MAX_PERIOD_SECONDS) long laterSeed) {
        BillingPeriod period = new BillingPeriod(EPOCH, EPOCH.plusSeconds(periodSeconds));
        long earlier = Math.min(earlierSeed, laterSeed) % (periodSeconds + 1);
        long later = Math.max(earlier, Math.max(earlierSeed, laterSeed) % (periodSeconds + 1));
        PricedItem plan = new PricedItem("Professional", Money.of(price, "EUR"));

        Money atEarlier = Proration.of(plan, plan, period, EPOCH.plusSeconds(earlier)).charge().amount();
        Money atLater = Proration.of(plan, plan, period, EPOCH.plusSeconds(later)).charge().amount();

        assertThat(atLater).isLessThanOrEqualTo(atEarlier);
    }

    @Property
    void graduatedOverageNeverFallsAsUsageGrows(@ForAll("graduatedTiers") PricingTiers tiers,
            @ForAll @LongRange(max = 1_000_000) long usage, @ForAll @LongRange(max = 100_000) long more) {
        assertThat(tiers.total(usage)).isLessThanOrEqualTo(tiers.total(usage + more));
    }

    @Property
    void eachGraduatedTierLineIsWithinHalfAMinorUnitOfItsExactPrice(@ForAll("graduatedTiers") PricingTiers tiers,
            @ForAll @LongRange(max = 1_000_000) long usage) {
        List<InvoiceLine> lines = tiers.price("Units", usage);

        BigDecimal exact = BigDecimal.ZERO;
        long floor = 0;
        for (Tier tier : tiers.tiers()) {
            long ceiling = tier.upTo() == null ? Long.MAX_VALUE : tier.upTo();
            long units = Math.max(0, Math.min(usage, ceiling) - floor);
            exact = exact.add(tier.unitPrice().multiply(BigDecimal.valueOf(units)));
            floor = ceiling;
        }
        BigDecimal rounded = BigDecimal.valueOf(tiers.total(usage).minorUnits());
        assertThat(rounded.subtract(exact).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.5").multiply(BigDecimal.valueOf(lines.size())));
    }

    // -- generators --------------------------------------------------------------------------------------------

    /** The inputs of one invoice: a plan, add-ons, usage on tiers, a plan change, coupons and a tax rate. */
    record Scenario(Currency currency, long base, List<Long> addOns, PricingTiers tiers, long usage,
            long oldPrice, long newPrice, long periodSeconds, long changeOffset, List<Coupon> coupons,
            TaxRate taxRate) {

        InvoiceDraft invoice() {
            BillingPeriod period = new BillingPeriod(EPOCH, EPOCH.plusSeconds(periodSeconds));
            InvoiceDraft.Builder builder = InvoiceDraft.builder(currency)
                    .charge(LineKind.BASE, "Plan", Money.of(base, currency));
            addOns.forEach(addOn -> builder.charge(LineKind.ADD_ON, "Add-on", Money.of(addOn, currency)));
            return builder.addAll(tiers.price("Units", usage))
                    .addAll(Proration.of(new PricedItem("Old", Money.of(oldPrice, currency)),
                            new PricedItem("New", Money.of(newPrice, currency)), period,
                            EPOCH.plusSeconds(changeOffset % (periodSeconds + 1))).lines())
                    .build(coupons, taxRate);
        }
    }

    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of("EUR", "USD", "JPY", "KWD").map(Currency::getInstance);
    }

    @Provide
    Arbitrary<PricingTiers> graduatedTiers() {
        return tiersIn(Arbitraries.just(Currency.getInstance("EUR")));
    }

    @Provide
    Arbitrary<Scenario> invoices() {
        return currencies().flatMap(currency -> Combinators.combine(
                Arbitraries.just(currency),
                Arbitraries.longs().between(0, MAX_PRICE),
                Arbitraries.longs().between(0, MAX_PRICE).list().ofMaxSize(3),
                tiersIn(Arbitraries.just(currency)),
                Arbitraries.longs().between(0, 1_000_000),
                Arbitraries.longs().between(0, MAX_PRICE),
                Arbitraries.longs().between(0, MAX_PRICE),
                Arbitraries.longs().between(1, MAX_PERIOD_SECONDS)).flatAs(
                        (cur, base, addOns, tiers, usage, oldPrice, newPrice, periodSeconds) -> Combinators.combine(
                                Arbitraries.longs().between(0, MAX_PERIOD_SECONDS),
                                coupons(cur).list().ofMaxSize(3),
                                Arbitraries.integers().between(0, 10_000).map(TaxRate::new)).as(
                                        (offset, coupons, tax) -> new Scenario(cur, base, addOns, tiers, usage,
                                                oldPrice, newPrice, periodSeconds, offset, coupons, tax))));
    }

    private static Arbitrary<Coupon> coupons(Currency currency) {
        Arbitrary<Coupon.Value> percent = Arbitraries.integers().between(1, 10_000).map(PercentOff::new);
        Arbitrary<Coupon.Value> amount = Arbitraries.longs().between(1, MAX_PRICE)
                .map(minor -> new AmountOff(Money.of(minor, currency)));
        return Arbitraries.oneOf(percent, amount).map(value -> new Coupon("C", value, new Forever()));
    }

    private static Arbitrary<PricingTiers> tiersIn(Arbitrary<Currency> currencies) {
        Arbitrary<BigDecimal> unitPrice = Arbitraries.longs().between(0, 100_000)
                .map(milli -> BigDecimal.valueOf(milli, 3));
        Arbitrary<Long> width = Arbitraries.longs().between(1, 100_000);
        return Combinators.combine(currencies, width, width, unitPrice, unitPrice, unitPrice).as(
                (currency, first, second, a, b, c) -> PricingTiers.graduated(currency,
                        Tier.upTo(first, a), Tier.upTo(first + second, b), Tier.beyond(c)));
    }
}
