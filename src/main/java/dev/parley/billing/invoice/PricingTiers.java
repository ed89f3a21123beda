package dev.parley.billing.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Prices for metered usage in tiers, such as the first 1000 conversations included, the next 2000 at 5 cents and
 * any more at 3.5 cents.
 *
 * <p>Unit prices are exact decimals of minor units (0.5 cent is {@code 0.5}), so a tier line is the exact product
 * {@code units × unitPrice} rounded once, HALF_EVEN; the lines then add up without further rounding.
 */
public record PricingTiers(Currency currency, Mode mode, List<Tier> tiers) {

    static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    /** How usage is spread over the tiers. */
    public enum Mode {
        /** Each unit is priced by the tier it falls in (first N at a, next M at b, …); one line per tier used. */
        GRADUATED,
        /**
         * Every unit is priced at the tier the total usage falls in; one line. The total can drop when usage
         * crosses into a cheaper tier: that is what volume pricing means.
         */
        VOLUME
    }

    /**
     * A tier covering usage up to and including {@code upTo} units ({@code null} for the last, unbounded tier), at
     * {@code unitPrice} minor units per unit.
     */
    public record Tier(Long upTo, BigDecimal unitPrice) {

        public Tier {
            Objects.requireNonNull(unitPrice, "unitPrice");
            if (unitPrice.signum() < 0) {
                throw new IllegalArgumentException("A unit price cannot be negative: " + unitPrice);
            }
            if (upTo != null && upTo <= 0) {
                throw new IllegalArgumentException("A tier ends after at least one unit: " + upTo);
            }
        }

        public static Tier upTo(long units, BigDecimal unitPrice) {
            return new Tier(units, unitPrice);
        }

        public static Tier upTo(long units, long unitPrice) {
            return new Tier(units, BigDecimal.valueOf(unitPrice));
        }

        public static Tier beyond(BigDecimal unitPrice) {
            return new Tier(null, unitPrice);
        }

        public static Tier beyond(long unitPrice) {
            return new Tier(null, BigDecimal.valueOf(unitPrice));
        }

        long ceiling() {
            return upTo == null ? Long.MAX_VALUE : upTo;
        }
    }

    public PricingTiers {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(mode, "mode");
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty() || tiers.getLast().upTo() != null) {
            throw new IllegalArgumentException("The last tier must be unbounded");
        }
        long previous = 0;
        for (Tier tier : tiers.subList(0, tiers.size() - 1)) {
            if (tier.upTo() == null || tier.upTo() <= previous) {
                throw new IllegalArgumentException("Tiers must end at strictly increasing bounds");
            }
            previous = tier.upTo();
        }
    }

    public static PricingTiers graduated(Currency currency, Tier... tiers) {
        return new PricingTiers(currency, Mode.GRADUATED, List.of(tiers));
    }

    public static PricingTiers volume(Currency currency, Tier... tiers) {
        return new PricingTiers(currency, Mode.VOLUME, List.of(tiers));
    }

    /** The overage lines for {@code usage} units of {@code meter} (for example "Conversations"). */
    public List<InvoiceLine> price(String meter, long usage) {
        if (usage < 0) {
            throw new IllegalArgumentException("Usage cannot be negative: " + usage);
        }
        return mode == Mode.GRADUATED ? graduated(meter, usage) : volume(meter, usage);
    }

    /** The sum of {@link #price}'s lines. */
    public Money total(long usage) {
        return price("", usage).stream().map(InvoiceLine::amount).reduce(Money.zero(currency), Money::plus);
    }

    private List<InvoiceLine> graduated(String meter, long usage) {
        List<InvoiceLine> lines = new ArrayList<>();
        long floor = 0;
        for (Tier tier : tiers) {
            if (usage <= floor) {
                break;
            }
            long units = Math.min(usage, tier.ceiling()) - floor;
            lines.add(line(meter + " " + (floor + 1) + "–" + (floor + units), units, tier));
            floor = tier.ceiling();
        }
        return lines;
    }

    private List<InvoiceLine> volume(String meter, long usage) {
        if (usage == 0) {
            return List.of();
        }
        Tier tier = tiers.stream().filter(t -> usage <= t.ceiling()).findFirst().orElseThrow();
        return List.of(line(meter, usage, tier));
    }

    private InvoiceLine line(String label, long units, Tier tier) {
        Money amount = Money.ofMinor(tier.unitPrice().multiply(BigDecimal.valueOf(units)), currency, ROUNDING);
        String unitPrice = tier.unitPrice().movePointLeft(Money.minorDigits(currency)).stripTrailingZeros()
                .toPlainString();
        return new InvoiceLine(LineKind.OVERAGE,
                label + ": " + units + " × " + unitPrice + " " + currency.getCurrencyCode(), amount);
    }
}
