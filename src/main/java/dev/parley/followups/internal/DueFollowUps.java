package dev.parley.followups.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.parley.audit.AuditLog;
import dev.parley.followups.FollowUpStatus;
import dev.parley.notify.ReminderPolicy;
import dev.parley.shared.TenantContext;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the follow-up jobs do when they run: each reads the follow-up again under its row lock, in a transaction of
 * the follow-up's tenant, and acts only if it still applies.
 */
@Component
class DueFollowUps {

    /** How far a reminder's run may be from the time it stands for and still go out. */
    static final Duration SLACK = Duration.ofMinutes(1);

    private final FollowUpRepository followUps;
    private final Notices notices;
    private final ReminderPolicy policy;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DueFollowUps(FollowUpRepository followUps, Notices notices, ReminderPolicy policy, AuditLog audit,
                 PlatformTransactionManager transactions, Clock clock) {
        this.followUps = followUps;
        this.notices = notices;
        this.policy = policy;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Reminds the assignee if the follow-up is still scheduled for the time this reminder was planned for (it was
     * moved otherwise, and a reminder for the new time is planned); answers whether a reminder went out.
     */
    boolean remind(String instanceId, Instant plannedFor) {
        ReminderSchedule.Instance instance = ReminderSchedule.Instance.parse(instanceId);
        return TenantContext.callAs(instance.tenant(), () -> Boolean.TRUE.equals(transactions.execute(status ->
                followUps.lock(instance.tenant().value(), instance.followUp())
                        .filter(f -> f.status() == FollowUpStatus.SCHEDULED)
                        .filter(f -> Duration.between(f.scheduledAt().minus(instance.before()), plannedFor).abs()
                                .compareTo(SLACK) <= 0)
                        .map(f -> {
                            notices.reminder(instance.tenant(), f, instance.before());
                            return true;
                        })
                        .orElse(false))));
    }

    /**
     * Marks the follow-up missed if it is still scheduled and its missed-after period is over, and tells the
     * assignee. Answers when to look again if it was moved later meanwhile, else empty.
     */
    Optional<Instant> markMissed(String instanceId) {
        ReminderSchedule.Instance instance = ReminderSchedule.Instance.parse(instanceId);
        return TenantContext.callAs(instance.tenant(), () -> transactions.execute(status -> {
            var found = followUps.lock(instance.tenant().value(), instance.followUp())
                    .filter(f -> f.status() == FollowUpStatus.SCHEDULED);
            if (found.isEmpty()) {
                return Optional.<Instant>empty();
            }
            var followUp = found.get();
            Instant due = followUp.scheduledAt().plus(policy.missedAfter(instance.tenant()));
            Instant now = clock.instant();
            if (now.isBefore(due)) {
                return Optional.of(due);
            }
            var missed = followUp.closed(FollowUpStatus.MISSED, null, followUp.outcome(), null, now);
            followUps.save(instance.tenant().value(), missed, now);
            audit.record(instance.tenant(), "followup.missed", "followup", followUp.id(),
                    Map.of("scheduledAt", followUp.scheduledAt().toString()));
            notices.missed(instance.tenant(), missed);
            return Optional.<Instant>empty();
        }));
    }
}
