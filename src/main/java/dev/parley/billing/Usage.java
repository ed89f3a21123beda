package dev.parley.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.parley.billing.internal.ConversationUsage;
import dev.parley.billing.internal.UsagePeriods;
import dev.parley.billing.internal.UsageRepository;
import dev.parley.billing.internal.UsageThresholds;
import dev.parley.billing.invoice.BillingPeriod;
import dev.parley.identity.People;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.shared.usage.StoredBytes;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's usage of its plan in a billing period: monthly active conversations (metered as visitor messages are
 * stored), operators (active members) and storage (bytes every module stores for it), against the plan's
 * allowances, and the history by period. Reading the current usage measures operators and storage, records them
 * for the period and announces the thresholds they reach. It is also the invoice's measure of conversations.
 */
@Service
public class Usage implements ConversationUsage {

    static final long MB = 1024L * 1024L;
    static final int MAX_MONTHS = 36;

    /** Used of included ({@code included} and {@code percent} null when unlimited); {@code over} what exceeds it. */
    public record Meter(long used, Long included, Integer percent, long over) {

        static Meter of(long used, Long included) {
            if (included == null) {
                return new Meter(used, null, null, 0);
            }
            int percent = included == 0 ? (used == 0 ? 0 : 100) : (int) Math.min(10_000, used * 100 / included);
            return new Meter(used, included, percent, Math.max(0, used - included));
        }
    }

    /** A threshold reached in the period. */
    public record Threshold(String metric, int percent, Instant reachedAt) {
    }

    /** The current period's usage; storage in bytes. */
    public record Current(Instant periodStart, Instant periodEnd, String planId, String planName,
                          Meter conversations, Meter operators, Meter storage, List<Threshold> thresholds) {
    }

    /** One period of the history; operators and storage as last measured in it (null when never measured). */
    public record Period(Instant periodStart, Instant periodEnd, long conversations, Integer operators,
                         Long storageBytes) {
    }

    private final UsageRepository usage;
    private final UsagePeriods periods;
    private final UsageThresholds thresholds;
    private final Entitlements entitlements;
    private final People people;
    private final List<StoredBytes> stores;
    private final PlatformTransactions platform;
    private final Clock clock;

    Usage(UsageRepository usage, UsagePeriods periods, UsageThresholds thresholds, Entitlements entitlements,
          People people, List<StoredBytes> stores, PlatformTransactions platform, Clock clock) {
        this.usage = usage;
        this.periods = periods;
        this.thresholds = thresholds;
        this.entitlements = entitlements;
        this.people = people;
        this.stores = List.copyOf(stores);
        this.platform = platform;
        this.clock = clock;
    }

    /** The current period's usage, with operators and storage measured now. Runs in the tenant's transaction. */
    @Transactional
    public Current current(TenantId tenant) {
        BillingPeriod period = measure(tenant);
        Plan plan = entitlements.plan(tenant);
        UsageRepository.PeriodRow row = usage.period(tenant.value(), period.start()).orElseThrow();
        List<Threshold> reached = usage.thresholds(tenant.value(), period.start()).stream()
                .map(t -> new Threshold(t[0], Integer.parseInt(t[1]), Instant.parse(t[2]))).toList();
        return new Current(period.start(), period.end(), plan.id(), plan.name(),
                Meter.of(row.conversations(), toLong(plan.includedConversations())),
                Meter.of(row.operators(), toLong(plan.includedOperators())),
                Meter.of(row.storageBytes(), plan.storageMb() == null ? null : plan.storageMb() * MB),
                reached);
    }

    /**
     * Measures operators and storage for the current period, records them and announces the thresholds they reach;
     * answers the period. Runs in the tenant's transaction (the daily snapshot calls it for every tenant).
     */
    @Transactional
    public BillingPeriod measure(TenantId tenant) {
        Instant now = clock.instant();
        BillingPeriod period = periods.containing(tenant, now);
        int operators = (int) people.all(tenant).stream().filter(People.Person::active).count();
        long bytes = stores.stream().mapToLong(s -> s.storedBytes(tenant)).sum();
        usage.measured(tenant.value(), period, operators, bytes, now);
        Plan plan = entitlements.fresh(tenant);
        thresholds.check(tenant, period, plan.name(),
                UsageThresholds.Reading.operators(operators, plan.includedOperators()));
        thresholds.check(tenant, period, plan.name(), UsageThresholds.Reading.storage(bytes, plan.storageMb()));
        return period;
    }

    /** The last {@code months} periods (1–36), the current one first, each as counted and last measured. */
    @Transactional(readOnly = true)
    public List<Period> history(TenantId tenant, int months) {
        if (months < 1 || months > MAX_MONTHS) {
            throw ParleyException.invalidField("months", "must be 1-" + MAX_MONTHS);
        }
        BillingPeriod current = periods.containing(tenant, clock.instant());
        List<Period> history = new ArrayList<>();
        UsageRepository.PeriodRow now = usage.period(tenant.value(), current.start()).orElse(null);
        history.add(now == null ? new Period(current.start(), current.end(), 0, null, null)
                : period(now));
        usage.history(tenant.value(), current.start(), months - 1).forEach(row -> history.add(period(row)));
        return history;
    }

    /**
     * Monthly active conversations of the period: conversations with a visitor message in it, each once. Works in
     * the tenant's own transaction, a platform one, or none (it opens a platform transaction).
     */
    @Override
    public long activeConversations(TenantId tenant, BillingPeriod period) {
        return platform.callFor(tenant,
                () -> usage.activeConversations(tenant.value(), period.start(), period.end()));
    }

    private static Period period(UsageRepository.PeriodRow row) {
        return new Period(row.start(), row.end(), row.conversations(), row.operators(), row.storageBytes());
    }

    private static Long toLong(Integer value) {
        return value == null ? null : value.longValue();
    }
}
