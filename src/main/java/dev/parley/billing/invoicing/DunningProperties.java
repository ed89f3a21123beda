package dev.parley.billing.invoicing;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What happens to an unpaid invoice ({@code PARLEY_BILLING_DUNNING_...}).
 *
 * @param retryDays   days after the first failed charge (or after the due date, for bank transfer) at which the card
 *                    is charged again, or a reminder is sent; after the last one the invoice is written off
 * @param finalAction what then happens to the tenant: {@code suspend} (the default; paying or voiding the debt lifts
 *                    the suspension), {@code cancel} (the subscription ends at once) or {@code none}
 */
@ConfigurationProperties("parley.billing.dunning")
public record DunningProperties(@DefaultValue({"1", "3", "5"}) List<Integer> retryDays,
                                @DefaultValue("suspend") FinalAction finalAction) {

    public enum FinalAction { SUSPEND, CANCEL, NONE }

    public DunningProperties {
        retryDays = List.copyOf(retryDays);
        if (retryDays.isEmpty() || retryDays.stream().anyMatch(d -> d == null || d <= 0)) {
            throw new IllegalArgumentException("parley.billing.dunning.retry-days must be positive days, e.g. 1,3,5");
        }
        for (int i = 1; i < retryDays.size(); i++) {
            if (retryDays.get(i) <= retryDays.get(i - 1)) {
                throw new IllegalArgumentException("parley.billing.dunning.retry-days must increase: " + retryDays);
            }
        }
    }
}
