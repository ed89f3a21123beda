package dev.parley.billing;

/**
 * Something a tenant buys on top of its plan, priced per unit and period in minor units of {@code currency}: it may
 * grant a feature ({@code feature}) and extra storage ({@code storageMb} per unit). At most {@code maxQuantity} units.
 */
public record AddOn(String id, String name, String description, String currency, long monthlyPrice, long yearlyPrice,
                    String feature, Integer storageMb, int maxQuantity) {

    /** The price of one unit for one period of {@code interval}. */
    public long price(BillingInterval interval) {
        return interval == BillingInterval.YEARLY ? yearlyPrice : monthlyPrice;
    }

    /** One unit's monthly recurring revenue at {@code interval}: a yearly price counts a twelfth, rounded down. */
    public long monthlyRecurring(BillingInterval interval) {
        return interval == BillingInterval.YEARLY ? yearlyPrice / 12 : monthlyPrice;
    }
}
