package dev.parley.billing;

import java.time.Instant;
import java.util.List;

/**
 * A plan: prices per billing period in minor units of {@code currency} (ISO 4217), allowances (null means
 * unlimited) and the features it includes.
 */
public record Plan(String id, String name, String currency, long monthlyPrice, long yearlyPrice,
                   Integer includedOperators, Integer includedConversations, Integer storageMb,
                   Integer apiRatePerMinute, List<String> features, Instant createdAt, Instant updatedAt) {

    public Plan {
        features = List.copyOf(features);
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
        };
    }
}
