package dev.parley.billing.invoicing;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The recurring {@code billing-cycle} job (every {@code parley.billing.invoicing.cycle-every}, once per cluster):
 * closes and invoices every ended subscription period, each tenant in its own platform transaction, then takes every
 * due collection step (first charges that did not happen after their commit, retries, reminders, write-offs).
 */
@Configuration(proxyBeanMethods = false)
class BillingCycleJob {

    static final String NAME = "billing-cycle";

    @Bean
    RecurringTask<Void> billingCycleTask(ObjectProvider<BillingRun> run, InvoicingProperties properties) {
        // Looked up when it runs: the run needs the scheduler's users (tenant suspension), which need the tasks.
        return Tasks.recurring(NAME, FixedDelay.of(properties.cycleEvery()))
                .execute((instance, context) -> run.getObject().runDue());
    }

    /** One run of the billing cycle; callable directly (tests, an operator's "run now"). */
    @Component
    static class BillingRun {

        private static final Logger log = LoggerFactory.getLogger(BillingRun.class);
        private static final int BATCH = 200;

        private final InvoiceIssuing issuing;
        private final Collection collection;
        private final InvoiceRepository invoices;
        private final PlatformTransactions platform;
        private final Clock clock;

        BillingRun(InvoiceIssuing issuing, Collection collection, InvoiceRepository invoices,
                   PlatformTransactions platform, Clock clock) {
            this.issuing = issuing;
            this.collection = collection;
            this.invoices = invoices;
            this.platform = platform;
            this.clock = clock;
        }

        void runDue() {
            Instant now = clock.instant();
            Set<UUID> tried = new HashSet<>();
            List<UUID> due;
            do {
                due = platform.call(() -> invoices.subscriptionsDue(now, BATCH + tried.size())).stream()
                        .filter(tried::add).toList();
                for (UUID tenant : due) {
                    try {
                        issuing.closePeriod(TenantId.of(tenant), now).ifPresent(invoice ->
                                log.info("Invoiced the ended period of tenant {}", tenant));
                    } catch (RuntimeException e) {
                        // One tenant's trouble holds up no other; the next run tries it again.
                        log.warn("Billing the ended period of tenant {} failed", tenant, e);
                    }
                }
            } while (!due.isEmpty());
            for (UUID invoice : collection.due(now, 1000)) {
                collection.collectSafely(invoice);
            }
        }
    }
}
