package dev.parley.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.parley.billing.RevenueReport.Month;
import dev.parley.billing.RevenueReport.PlanShare;
import dev.parley.billing.internal.RevenueQueries;
import dev.parley.billing.internal.RevenueQueries.MonthRow;
import dev.parley.billing.internal.RevenueQueries.PlanRow;
import dev.parley.shared.ParleyException;
import dev.parley.shared.db.PlatformTransactions;

import org.springframework.stereotype.Service;

/**
 * The platform owner's revenue report (MRR, ARR, movements, churn, retention, ARPA, trial conversion, MRR by plan)
 * per month and currency, read from the revenue ledger in one platform transaction because it spans tenants.
 */
@Service
public class RevenueReports {

    /** The longest range one report covers. */
    public static final int MAX_MONTHS = 36;
    private static final int RATE_SCALE = 4;

    private final RevenueQueries queries;
    private final PlatformTransactions platform;

    RevenueReports(RevenueQueries queries, PlatformTransactions platform) {
        this.queries = queries;
        this.platform = platform;
    }

    /** The report for the months {@code from} to {@code to}, both included; 400 for a range that is backwards or too long. */
    public RevenueReport report(String currency, YearMonth from, YearMonth to) {
        if (to.isBefore(from)) {
            throw ParleyException.invalidField("to", "must not be before from (" + from + ")");
        }
        long months = ChronoUnit.MONTHS.between(from, to) + 1;
        if (months > MAX_MONTHS) {
            throw ParleyException.invalidField("to", "a report covers at most " + MAX_MONTHS + " months; this range has "
                    + months);
        }
        return platform.call(() -> {
            Map<String, List<PlanShare>> plans = queries.byPlan(currency, from, to).stream()
                    .collect(Collectors.groupingBy(PlanRow::month, Collectors.mapping(
                            p -> new PlanShare(p.planId(), p.planName(), p.mrr(), p.customers()), Collectors.toList())));
            List<Month> result = new ArrayList<>();
            for (MonthRow row : queries.months(currency, from, to)) {
                result.add(month(row, plans.getOrDefault(row.month(), List.of())));
            }
            return new RevenueReport(currency, from, to, result, queries.currencies());
        });
    }

    private static Month month(MonthRow r, List<PlanShare> byPlan) {
        long netNew = r.newMrr() + r.expansionMrr() + r.reactivationMrr() - r.contractionMrr() - r.churnedMrr();
        Long arpa = r.customers() == 0 ? null
                : BigDecimal.valueOf(r.mrr()).divide(BigDecimal.valueOf(r.customers()), 0, RoundingMode.HALF_UP)
                .longValueExact();
        return new Month(YearMonth.parse(r.month()), r.mrr(), 12 * r.mrr(), r.mrrAtStart(), r.newMrr(),
                r.expansionMrr(), r.contractionMrr(), r.churnedMrr(), r.reactivationMrr(), netNew, r.customers(),
                r.customersAtStart(), r.churnedCustomers(),
                rate(r.churnedCustomers(), r.customersAtStart()),
                rate(r.churnedMrr() + r.contractionMrr(), r.mrrAtStart()),
                rate(r.retainedMrr(), r.mrrAtStart()),
                arpa, r.trialsStarted(), r.trialsConverted(), r.trialsExpired(),
                rate(r.trialsConverted(), r.trialsConverted() + r.trialsExpired()), byPlan);
    }

    /** {@code part / whole} with four decimals (half-even), null when there is no whole. */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATE_SCALE, RoundingMode.HALF_EVEN);
    }
}
