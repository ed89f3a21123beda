package dev.parley.billing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.billing.UsageThresholdReached;
import dev.parley.billing.invoice.BillingPeriod;
import dev.parley.identity.People;
import dev.parley.identity.Role;
import dev.parley.notify.NotificationRequested;
import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Usage thresholds: when a metric reaches 80, 100 or 120 % of the plan's allowance in a period, the first transaction
 * to record it in {@code usage_thresholds} (the primary key decides, on any number of nodes) publishes
 * {@link UsageThresholdReached} (the webhook event) and tells every tenant admin in the console and by mail (of
 * thresholds passed at one go, the highest). Call
 * inside the tenant's transaction; nothing is announced if it rolls back.
 */
@Component
public class UsageThresholds {

    public static final List<Integer> PERCENTS = List.of(80, 100, 120);

    private record Key(UUID tenant, Instant periodStart, String metric, int percent) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final UsageRepository usage;
    private final People people;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** Thresholds this node knows are recorded (committed), so counts above 80 % do not try again each time. */
    private final Cache<Key, Boolean> recorded = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(12))
            .build();

    UsageThresholds(UsageRepository usage, People people, ApplicationEventPublisher events, Clock clock) {
        this.usage = usage;
        this.people = people;
        this.events = events;
        this.clock = clock;
    }

    /** Whether {@code used} reaches {@code percent} % of {@code allowance} (an allowance of 0 is reached by any use). */
    public static boolean reaches(long used, long allowance, int percent) {
        return used > 0 && used * 100 >= (long) percent * allowance;
    }

    /**
     * A metric's measure against the plan: {@code used} and {@code allowance} in the metric's unit (storage in
     * bytes; a null allowance is unlimited), and how a person reads them ({@code shownUsed} of
     * {@code shownAllowance} {@code unit}).
     */
    public record Reading(String metric, long used, Long allowance, String unit, long shownUsed,
                          Long shownAllowance) {

        private static final long MB = 1024L * 1024L;

        public static Reading conversations(long used, Integer included) {
            Long allowance = included == null ? null : included.longValue();
            return new Reading("conversations", used, allowance, "conversations", used, allowance);
        }

        public static Reading operators(long used, Integer seats) {
            Long allowance = seats == null ? null : seats.longValue();
            return new Reading("operators", used, allowance, "seats", used, allowance);
        }

        public static Reading storage(long bytes, Integer megabytes) {
            return new Reading("storage", bytes, megabytes == null ? null : megabytes * MB, "MB of storage",
                    (bytes + MB - 1) / MB, megabytes == null ? null : megabytes.longValue());
        }
    }

    /** Records and announces every threshold the reading reaches that was not announced yet in the period. */
    public void check(TenantId tenant, BillingPeriod period, String planName, Reading reading) {
        Long allowance = reading.allowance();
        if (allowance == null) {
            return;
        }
        String metric = reading.metric();
        long used = reading.used();
        int highest = 0;
        for (int percent : PERCENTS) {
            if (!reaches(used, allowance, percent)) {
                break;
            }
            Key key = new Key(tenant.value(), period.start(), metric, percent);
            if (recorded.getIfPresent(key) != null) {
                continue;
            }
            Instant now = clock.instant();
            if (usage.thresholdReached(tenant.value(), period.start(), metric, percent, used, allowance, now)) {
                events.publishEvent(new UsageThresholdReached(tenant, metric, percent, used, allowance,
                        period.start(), period.end(), now));
                highest = percent;
                AfterCommit.run(() -> recorded.put(key, Boolean.TRUE));
            } else {
                recorded.put(key, Boolean.TRUE);
            }
        }
        if (highest > 0) {
            // Thresholds passed at one go (a seat count, a smaller plan) each reach the webhook; people hear of
            // the highest only, once.
            tell(tenant, period, highest, planName, reading);
        }
    }

    private void tell(TenantId tenant, BillingPeriod period, int percent, String planName, Reading reading) {
        String metric = reading.metric();
        String what = switch (metric) {
            case "conversations" -> "Conversations";
            case "operators" -> "Operators";
            default -> "Storage";
        };
        String title = what + " at " + percent + " % of your plan";
        String body = "You have used " + reading.shownUsed() + " of the " + reading.shownAllowance() + " "
                + reading.unit() + " the " + planName
                + " plan includes in the billing period " + DAY.format(period.start()) + " – "
                + DAY.format(period.end()) + "."
                + (percent >= 100 && "conversations".equals(metric)
                ? " Conversations beyond the allowance are billed as overage on the next invoice." : "")
                + " Upgrade the plan for more.";
        for (People.Person admin : people.all(tenant)) {
            if (admin.active() && admin.role() == Role.TENANT_ADMIN) {
                events.publishEvent(new NotificationRequested(tenant, UserId.of(admin.userId()),
                        "usage.threshold", title, body, "#/billing", true));
            }
        }
    }
}
