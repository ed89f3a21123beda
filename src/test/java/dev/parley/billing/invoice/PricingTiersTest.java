package dev.parley.billing.invoice;

import static dev.parley.billing.invoice.PricingTiers.Tier.beyond;
import static dev.parley.billing.invoice.PricingTiers.Tier.upTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

class PricingTiersTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");

    /** The first 1000 conversations included, the next 2000 at 5 cents, any more at 3.5 cents. */
    static final PricingTiers CONVERSATIONS = PricingTiers.graduated(EUR,
            upTo(1000, 0), upTo(3000, 5), beyond(new BigDecimal("3.5")));

    @Test
    void graduatedUsageAcrossThreeTiersGetsOneLinePerTierEachRoundedOnce() {
        List<InvoiceLine> lines = CONVERSATIONS.price("Conversations", 4321);

        // 1321 × 3.5 = 4623.5 → 4624 (HALF_EVEN rounds to the even neighbour)
        assertThat(lines).containsExactly(
                new InvoiceLine(LineKind.OVERAGE, "Conversations 1–1000: 1000 × 0 EUR", Money.of(0, EUR)),
                new InvoiceLine(LineKind.OVERAGE, "Conversations 1001–3000: 2000 × 0.05 EUR", Money.of(10000, EUR)),
                new InvoiceLine(LineKind.OVERAGE, "Conversations 3001–4321: 1321 × 0.035 EUR", Money.of(4624, EUR)));
        assertThat(CONVERSATIONS.total(4321)).isEqualTo(Money.of(14624, EUR));
    }

    @Test
    void usageEndingOnATiersBoundStaysInThatTier() {
        assertThat(CONVERSATIONS.price("Conversations", 3000)).hasSize(2);
        assertThat(CONVERSATIONS.total(3000)).isEqualTo(Money.of(10000, EUR));
        assertThat(CONVERSATIONS.total(1000)).isEqualTo(Money.zero(EUR));
    }

    @Test
    void noUsageMeansNoLines() {
        assertThat(CONVERSATIONS.price("Conversations", 0)).isEmpty();
        assertThat(CONVERSATIONS.total(0)).isEqualTo(Money.zero(EUR));
    }

    @Test
    void volumePricingChargesEveryUnitAtTheTierTheTotalFallsIn() {
        PricingTiers volume = PricingTiers.volume(EUR, upTo(1000, 0), upTo(3000, 5), beyond(new BigDecimal("3.5")));

        // 4321 × 3.5 = 15123.5 → 15124; 3000 × 5 = 15000; 999 × 0 = 0
        assertThat(volume.price("Conversations", 4321)).containsExactly(
                new InvoiceLine(LineKind.OVERAGE, "Conversations: 4321 × 0.035 EUR", Money.of(15124, EUR)));
        assertThat(volume.total(3000)).isEqualTo(Money.of(15000, EUR));
        assertThat(volume.total(999)).isEqualTo(Money.zero(EUR));
    }

    @Test
    void fractionalYenUnitPricesRoundToWholeYenOncePerTier() {
        PricingTiers tiers = PricingTiers.graduated(JPY, upTo(10, new BigDecimal("0.5")), beyond(new BigDecimal("0.25")));

        // 10 × 0.5 = 5; 3 × 0.25 = 0.75 → 1
        assertThat(tiers.price("Messages", 13)).extracting(InvoiceLine::amount)
                .containsExactly(Money.of(5, JPY), Money.of(1, JPY));
    }

    @Test
    void tiersMustEndAtIncreasingBoundsWithAnUnboundedLastTier() {
        assertThatThrownBy(() -> PricingTiers.graduated(EUR, upTo(1000, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PricingTiers.graduated(EUR, upTo(1000, 0), upTo(1000, 5), beyond(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PricingTiers.graduated(EUR, beyond(3), beyond(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> upTo(10, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CONVERSATIONS.price("Conversations", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
