package dev.parley.billing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * The platform's recurring revenue per calendar month (UTC) in one currency, computed from the revenue ledger. Money
 * is in minor units of {@link #currency()}; rates are fractions (0.05 is 5 %) with four decimals, null when their
 * denominator is zero. {@code currencies} lists every currency the ledger holds, for choosing another report.
 */
public record RevenueReport(String currency, YearMonth from, YearMonth to, List<Month> months,
                            List<String> currencies) {

    public RevenueReport {
        months = List.copyOf(months);
        currencies = List.copyOf(currencies);
    }

    /** One month's figures; see docs/billing.md, "Revenue reporting", for the definition of each. */
    public record Month(YearMonth month, long mrr, long arr, long mrrAtStart, long newMrr, long expansionMrr,
                        long contractionMrr, long churnedMrr, long reactivationMrr, long netNewMrr, long customers,
                        long customersAtStart, long churnedCustomers, BigDecimal logoChurnRate,
                        BigDecimal revenueChurnRate, BigDecimal netRevenueRetention, Long arpa, long trialsStarted,
                        long trialsConverted, long trialsExpired, BigDecimal trialConversionRate,
                        List<PlanShare> byPlan) {

        public Month {
            byPlan = List.copyOf(byPlan);
        }
    }

    /** A plan's part of the month-end MRR: paying customers on it and their MRR. */
    public record PlanShare(String planId, String planName, long mrr, long customers) {
    }
}
