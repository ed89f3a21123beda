package dev.parley.billing;

import java.time.Instant;
import java.util.List;

import dev.parley.billing.invoice.PricingTiers;

/**
 * A plan: prices per billing period in minor units of {@code currency} (ISO 4217), allowances (null means
 * unlimited), the features it includes, the trial length in days, the overage tiers and the widget API's calls a
 * minute for all the tenant's visitors together, and whether tenant admins may choose it themselves ({@code selfServe}).
 */
public record Plan(String id, String name, String currency, long monthlyPrice, long yearlyPrice,
                   Integer includedOperators, Integer includedConversations, Integer storageMb,
                   Integer apiRatePerMinute, List<String> features, int trialDays,
                   List<PricingTiers.Tier> overageTiers, Instant createdAt, Instant updatedAt,
                   Integer widgetRatePerMinute, boolean selfServe) {

    public Plan {
        features = List.copyOf(features);
        overageTiers = overageTiers == null ? List.of() : List.copyOf(overageTiers);
    }

    /** The plan's price for one period of {@code interval}, in minor units of {@link #currency()}. */
    public long price(BillingInterval interval) {
        return interval == BillingInterval.YEARLY ? yearlyPrice : monthlyPrice;
    }

    /** The plan's monthly recurring revenue at {@code interval}: a yearly price counts a twelfth, rounded down. */
    public long monthlyRecurring(BillingInterval interval) {
        return interval == BillingInterval.YEARLY ? yearlyPrice / 12 : monthlyPrice;
    }

    /**
     * Graduated prices for monthly active conversations above {@link #includedConversations()}; empty when the plan
     * charges no overage.
     */
    public java.util.Optional<PricingTiers> conversationOverage() {
        return overageTiers.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new PricingTiers(
                java.util.Currency.getInstance(currency), PricingTiers.Mode.GRADUATED, overageTiers));
    }

    public boolean includes(Feature feature) {
        return features.contains(feature.key());
    }

    /** The allowance for this limit; null when unlimited. */
    public Integer allowance(Limit limit) {
        return switch (limit) {
            case OPERATORS -> includedOperators;
            case MONTHLY_ACTIVE_CONVERSATIONS -> includedConversations;
            case STORAGE_MB -> storageMb;
            case API_RATE_PER_MINUTE -> apiRatePerMinute;
            case WIDGET_RATE_PER_MINUTE -> widgetRatePerMinute;
        };
    }
}
