package dev.parley.billing.internal;

import java.time.YearMonth;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the revenue ledger ({@code mrr_movements}) across tenants for the platform's revenue report; run it in a
 * platform transaction. Months are calendar months in UTC.
 * <p>
 * Each movement holds the tenant's MRR from its {@code at} until the tenant's next movement (a window function gives
 * that "until"): the tenant's MRR at an instant T is the {@code mrr_after} of the movement with {@code at < T <=
 * until}. Movements of another currency end the span too, so a tenant moved to a plan priced in another currency
 * leaves this currency's report.
 */
@Repository
public class RevenueQueries {

    /** The months of the report as UTC instants: each month's start and the next month's start. */
    private static final String MONTHS = """
            months AS (
                SELECT to_char(m, 'YYYY-MM') AS month,
                       m AT TIME ZONE 'UTC' AS month_start,
                       (m + interval '1 month') AT TIME ZONE 'UTC' AS month_end
                FROM generate_series(CAST(:from AS timestamp), CAST(:to AS timestamp), interval '1 month') m
            ),
            spans AS (
                SELECT tenant_id, plan_id, currency, mrr_after AS mrr, at AS since,
                       lead(at) OVER (PARTITION BY tenant_id ORDER BY at, id) AS until
                FROM mrr_movements
            )""";

    /** One month's figures as the ledger gives them; the service derives the rates. */
    public record MonthRow(String month, long mrrAtStart, long mrr, long customersAtStart, long customers,
                           long retainedMrr, long newMrr, long expansionMrr, long contractionMrr, long churnedMrr,
                           long reactivationMrr, long churnedCustomers, long trialsStarted, long trialsConverted,
                           long trialsExpired) {
    }

    /** A plan's month-end MRR and paying customers. */
    public record PlanRow(String month, String planId, String planName, long mrr, long customers) {
    }

    private final JdbcClient db;

    RevenueQueries(JdbcClient db) {
        this.db = db;
    }

    public List<MonthRow> months(String currency, YearMonth from, YearMonth to) {
        return db.sql("WITH " + MONTHS + """
                        ,
                        -- Per month and tenant: MRR just before the month started and at its end.
                        standing AS (
                            SELECT mo.month, s.tenant_id,
                                   coalesce(sum(s.mrr) FILTER (WHERE s.since < mo.month_start
                                       AND (s.until IS NULL OR s.until >= mo.month_start)), 0) AS at_start,
                                   coalesce(sum(s.mrr) FILTER (WHERE s.since < mo.month_end
                                       AND (s.until IS NULL OR s.until >= mo.month_end)), 0) AS at_end
                            FROM months mo
                            JOIN spans s ON s.currency = :currency AND s.since < mo.month_end
                                        AND (s.until IS NULL OR s.until >= mo.month_start)
                            GROUP BY mo.month, s.tenant_id
                        ),
                        balances AS (
                            SELECT month, sum(at_start) AS mrr_start, sum(at_end) AS mrr_end,
                                   count(*) FILTER (WHERE at_start > 0) AS customers_start,
                                   count(*) FILTER (WHERE at_end > 0) AS customers_end,
                                   coalesce(sum(at_end) FILTER (WHERE at_start > 0), 0) AS retained
                            FROM standing GROUP BY month
                        ),
                        -- The movements within each month.
                        flows AS (
                            SELECT mo.month,
                                   sum(mm.mrr_after - mm.mrr_before) FILTER (WHERE mm.kind = 'NEW') AS new_mrr,
                                   sum(mm.mrr_after - mm.mrr_before) FILTER (WHERE mm.kind = 'EXPANSION') AS expansion,
                                   sum(mm.mrr_before - mm.mrr_after) FILTER (WHERE mm.kind = 'CONTRACTION') AS contraction,
                                   sum(mm.mrr_before - mm.mrr_after) FILTER (WHERE mm.kind = 'CHURN') AS churned,
                                   sum(mm.mrr_after - mm.mrr_before) FILTER (WHERE mm.kind = 'REACTIVATION') AS reactivation,
                                   count(DISTINCT mm.tenant_id) FILTER (WHERE mm.kind = 'CHURN') AS churned_customers,
                                   count(*) FILTER (WHERE mm.kind = 'TRIAL_STARTED') AS trials_started
                            FROM months mo
                            JOIN mrr_movements mm ON mm.currency = :currency AND mm.at >= mo.month_start
                                                 AND mm.at < mo.month_end
                            GROUP BY mo.month
                        ),
                        -- Trials started in the month, by how each ended: the tenant's first NEW or TRIAL_EXPIRED after it.
                        trials AS (
                            SELECT mo.month,
                                   count(*) FILTER (WHERE outcome.kind = 'NEW') AS converted,
                                   count(*) FILTER (WHERE outcome.kind = 'TRIAL_EXPIRED') AS expired
                            FROM months mo
                            JOIN mrr_movements t ON t.kind = 'TRIAL_STARTED' AND t.currency = :currency
                                                AND t.at >= mo.month_start AND t.at < mo.month_end
                            LEFT JOIN LATERAL (
                                SELECT o.kind FROM mrr_movements o
                                WHERE o.tenant_id = t.tenant_id AND o.kind IN ('NEW', 'TRIAL_EXPIRED')
                                  AND (o.at, o.id) > (t.at, t.id)
                                ORDER BY o.at, o.id LIMIT 1) outcome ON true
                            GROUP BY mo.month
                        )
                        SELECT mo.month,
                               coalesce(b.mrr_start, 0) AS mrr_start, coalesce(b.mrr_end, 0) AS mrr_end,
                               coalesce(b.customers_start, 0) AS customers_start,
                               coalesce(b.customers_end, 0) AS customers_end, coalesce(b.retained, 0) AS retained,
                               coalesce(f.new_mrr, 0) AS new_mrr, coalesce(f.expansion, 0) AS expansion,
                               coalesce(f.contraction, 0) AS contraction, coalesce(f.churned, 0) AS churned,
                               coalesce(f.reactivation, 0) AS reactivation,
                               coalesce(f.churned_customers, 0) AS churned_customers,
                               coalesce(f.trials_started, 0) AS trials_started,
                               coalesce(t.converted, 0) AS trials_converted, coalesce(t.expired, 0) AS trials_expired
                        FROM months mo
                        LEFT JOIN balances b ON b.month = mo.month
                        LEFT JOIN flows f ON f.month = mo.month
                        LEFT JOIN trials t ON t.month = mo.month
                        ORDER BY mo.month
                        """)
                .param("from", from.atDay(1).atStartOfDay()).param("to", to.atDay(1).atStartOfDay())
                .param("currency", currency)
                .query((rs, n) -> new MonthRow(rs.getString("month"), rs.getLong("mrr_start"), rs.getLong("mrr_end"),
                        rs.getLong("customers_start"), rs.getLong("customers_end"), rs.getLong("retained"),
                        rs.getLong("new_mrr"), rs.getLong("expansion"), rs.getLong("contraction"),
                        rs.getLong("churned"), rs.getLong("reactivation"), rs.getLong("churned_customers"),
                        rs.getLong("trials_started"), rs.getLong("trials_converted"), rs.getLong("trials_expired")))
                .list();
    }

    /** Per month and plan: the paying customers at the month's end and their MRR, largest first. */
    public List<PlanRow> byPlan(String currency, YearMonth from, YearMonth to) {
        return db.sql("WITH " + MONTHS + """

                        SELECT mo.month, s.plan_id, coalesce(p.name, s.plan_id) AS plan_name,
                               sum(s.mrr) AS mrr, count(*) AS customers
                        FROM months mo
                        JOIN spans s ON s.currency = :currency AND s.mrr > 0 AND s.since < mo.month_end
                                    AND (s.until IS NULL OR s.until >= mo.month_end)
                        LEFT JOIN plans p ON p.id = s.plan_id
                        GROUP BY mo.month, s.plan_id, p.name
                        ORDER BY mo.month, mrr DESC, s.plan_id
                        """)
                .param("from", from.atDay(1).atStartOfDay()).param("to", to.atDay(1).atStartOfDay())
                .param("currency", currency)
                .query((rs, n) -> new PlanRow(rs.getString("month"), rs.getString("plan_id"), rs.getString("plan_name"),
                        rs.getLong("mrr"), rs.getLong("customers")))
                .list();
    }

    /** Every currency the ledger holds. */
    public List<String> currencies() {
        return db.sql("SELECT DISTINCT currency FROM mrr_movements ORDER BY currency").query(String.class).list();
    }
}
