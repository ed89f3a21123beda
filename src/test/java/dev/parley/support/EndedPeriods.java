package dev.parley.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import dev.parley.billing.invoicing.InvoiceIssuing;
import dev.parley.shared.TenantId;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends a tenant's billing period for a test that invoices it itself. The billing-cycle job runs every second in tests
 * and would otherwise close the period first; so the jobs are held from the moment the period ends until the test
 * has closed it ({@link #close}, or {@link TimeMachine#resumeJobs()} after closing it another way).
 */
@Component
@Profile("test")
public class EndedPeriods {

    private final TimeMachine time;
    private final InvoiceIssuing issuing;
    private final Clock clock;
    private final JdbcClient asOwner;

    EndedPeriods(TimeMachine time, InvoiceIssuing issuing, Clock clock, @Qualifier("owner") DataSource owner) {
        this.time = time;
        this.issuing = issuing;
        this.clock = clock;
        this.asOwner = JdbcClient.create(owner);
    }

    /** Holds the jobs and makes the tenant's current (trial) period one of 14 days that ended a second ago. */
    public void end(UUID tenant) {
        time.pauseJobs();
        Instant end = clock.instant().minusSeconds(1);
        asOwner.sql("""
                        UPDATE subscriptions SET current_period_start = :start, current_period_end = :end,
                            billing_anchor = :end, trial_end = :end WHERE tenant_id = :t
                        """)
                .param("start", Timestamp.from(end.minus(Duration.ofDays(14))))
                .param("end", Timestamp.from(end)).param("t", tenant).update();
    }

    /** Closes the ended period as the job would, then lets the jobs run again. */
    public Optional<UUID> close(UUID tenant) {
        try {
            return issuing.closePeriod(TenantId.of(tenant), clock.instant());
        } finally {
            time.resumeJobs();
        }
    }

    /** Ends the tenant's period and invoices it: the invoice's id. */
    public UUID invoice(UUID tenant) {
        end(tenant);
        return close(tenant).orElseThrow();
    }
}
