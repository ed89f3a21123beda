package dev.parley.notify.internal;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.parley.audit.AuditLog;
import dev.parley.notify.ReminderPolicy;
import dev.parley.shared.ParleyException;
import dev.parley.shared.ParleyException.FieldError;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.cluster.ClusterBus;
import dev.parley.shared.db.PlatformTransactions;
import dev.parley.shared.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each tenant's reminder settings: how long before a due time reminders go out (at most 5, each between 5 minutes
 * and 30 days, in whole minutes) and how long after its time a follow-up still scheduled is missed. A tenant that
 * chose nothing gets the installation's defaults ({@code parley.reminders.*}). Answers are cached per node for a
 * short while and forgotten on every node when a tenant admin changes them.
 */
@Service
public class ReminderSettings implements ReminderPolicy {

    /** Payload: the id of a tenant whose reminder settings changed. */
    static final String CHANGED = "notify.reminders-changed";
    static final int MAX_REMINDERS = 5;
    static final Duration SHORTEST = Duration.ofMinutes(5);
    static final Duration LONGEST = Duration.ofDays(30);

    /** What applies to a tenant, and whether the tenant chose it ({@code custom}) or it is the default. */
    public record Policy(List<Duration> remindBefore, Duration missedAfter, boolean custom) {
    }

    private final ReminderProperties defaults;
    private final JdbcClient db;
    private final PlatformTransactions platform;
    private final ClusterBus bus;
    private final AuditLog audit;
    private final Clock clock;
    private final Cache<UUID, Policy> cache = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(60)).build();

    ReminderSettings(ReminderProperties defaults, JdbcClient db, PlatformTransactions platform, ClusterBus bus,
                     AuditLog audit, Clock clock) {
        this.defaults = defaults;
        this.db = db;
        this.platform = platform;
        this.bus = bus;
        this.audit = audit;
        this.clock = clock;
        bus.subscribe(CHANGED, tenant -> cache.invalidate(UUID.fromString(tenant)), cache::invalidateAll);
    }

    @Override
    public List<Duration> remindBefore(TenantId tenant) {
        return policy(tenant).remindBefore();
    }

    @Override
    public Duration missedAfter(TenantId tenant) {
        return policy(tenant).missedAfter();
    }

    /** What applies to the tenant (cached). Read on the platform path, so it answers inside any transaction. */
    public Policy policy(TenantId tenant) {
        return cache.get(tenant.value(), id -> load(tenant).orElseGet(this::defaults));
    }

    /** In the caller's transaction when it can see the tenant's row, else in a platform transaction of its own. */
    private Optional<Policy> load(TenantId tenant) {
        boolean visible = TransactionSynchronizationManager.isActualTransactionActive()
                && (PlatformTransactions.active() || TenantContext.current().filter(tenant::equals).isPresent());
        return visible ? stored(tenant) : platform.call(() -> stored(tenant));
    }

    public Policy defaults() {
        return new Policy(defaults.remindBefore().stream().sorted(Comparator.reverseOrder()).toList(),
                defaults.missedAfter(), false);
    }

    /** Replaces the tenant's settings, after checking them: a 400 names each field that is wrong. */
    @Transactional
    public Policy update(TenantId tenant, List<String> remindBefore, String missedAfter) {
        List<FieldError> errors = new ArrayList<>();
        List<Duration> offsets = new ArrayList<>();
        if (remindBefore == null) {
            errors.add(new FieldError("remindBefore", "is required (an empty list means no reminders)"));
        } else if (remindBefore.size() > MAX_REMINDERS) {
            errors.add(new FieldError("remindBefore", "can hold at most " + MAX_REMINDERS + " reminders"));
        } else {
            for (int i = 0; i < remindBefore.size(); i++) {
                String field = "remindBefore[" + i + "]";
                parse(field, remindBefore.get(i), errors).ifPresent(offset -> {
                    if (offsets.contains(offset)) {
                        errors.add(new FieldError(field, "is already in the list"));
                    } else {
                        offsets.add(offset);
                    }
                });
            }
        }
        Optional<Duration> missed = Optional.empty();
        if (missedAfter == null) {
            errors.add(new FieldError("missedAfter", "is required"));
        } else {
            missed = parse("missedAfter", missedAfter, errors);
        }
        if (!errors.isEmpty()) {
            throw new ParleyException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields.",
                    Map.of("errors", errors));
        }
        offsets.sort(Comparator.reverseOrder());
        db.sql("""
                        INSERT INTO reminder_settings (tenant_id, remind_before_seconds, missed_after_seconds, updated_at,
                                                       updated_by)
                        VALUES (:tenant, :offsets, :missed, :at, :by)
                        ON CONFLICT (tenant_id) DO UPDATE SET remind_before_seconds = EXCLUDED.remind_before_seconds,
                            missed_after_seconds = EXCLUDED.missed_after_seconds, updated_at = EXCLUDED.updated_at,
                            updated_by = EXCLUDED.updated_by
                        """)
                .param("tenant", tenant.value())
                .param("offsets", offsets.stream().map(Duration::toSeconds).toArray(Long[]::new))
                .param("missed", missed.orElseThrow().toSeconds())
                .param("at", Timestamp.from(clock.instant()))
                .param("by", Caller.current().map(c -> c.user().value()).orElse(null))
                .update();
        Policy policy = new Policy(List.copyOf(offsets), missed.orElseThrow(), true);
        audit.record(tenant, "settings.reminders_updated", "tenant", tenant.value(), Map.of(
                "remindBefore", policy.remindBefore().stream().map(ReminderSettings::format).toList(),
                "missedAfter", format(policy.missedAfter())));
        bus.publishAfterCommit(CHANGED, tenant.value().toString());
        return policy;
    }

    /** Back to the installation's defaults. */
    @Transactional
    public Policy reset(TenantId tenant) {
        int removed = db.sql("DELETE FROM reminder_settings WHERE tenant_id = :tenant")
                .param("tenant", tenant.value()).update();
        if (removed > 0) {
            audit.record(tenant, "settings.reminders_reset", "tenant", tenant.value(), Map.of());
            bus.publishAfterCommit(CHANGED, tenant.value().toString());
        }
        return defaults();
    }

    private Optional<Policy> stored(TenantId tenant) {
        return db.sql("""
                        SELECT remind_before_seconds, missed_after_seconds FROM reminder_settings
                        WHERE tenant_id = :tenant
                        """)
                .param("tenant", tenant.value())
                .query((rs, row) -> {
                    Array array = rs.getArray("remind_before_seconds");
                    Long[] seconds = (Long[]) array.getArray();
                    return new Policy(Arrays.stream(seconds).map(Duration::ofSeconds)
                            .sorted(Comparator.reverseOrder()).toList(),
                            Duration.ofSeconds(rs.getLong("missed_after_seconds")), true);
                })
                .optional();
    }

    /** Reads {@code 24h}, {@code 90m}, {@code 2d} or ISO-8601 ({@code PT1H30M}); whole minutes, within bounds. */
    static Optional<Duration> parse(String field, String text, List<FieldError> errors) {
        Duration duration;
        try {
            duration = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be a duration such as 30m, 1h or 2d"));
            return Optional.empty();
        }
        if (duration.toSecondsPart() != 0 || duration.getNano() != 0) {
            errors.add(new FieldError(field, "must be a whole number of minutes"));
            return Optional.empty();
        }
        if (duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0) {
            errors.add(new FieldError(field, "must be between 5 minutes and 30 days"));
            return Optional.empty();
        }
        return Optional.of(duration);
    }

    /** The shortest exact way to say a duration: {@code 2d}, {@code 24h}, {@code 90m}. */
    public static String format(Duration duration) {
        return Durations.format(duration);
    }

    /** The policy as the API shows it. */
    public static Map<String, Object> view(Policy policy) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("remindBefore", policy.remindBefore().stream().map(ReminderSettings::format).toList());
        view.put("missedAfter", format(policy.missedAfter()));
        view.put("custom", policy.custom());
        return view;
    }
}
