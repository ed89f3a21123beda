package dev.parley.notify;

import java.time.Duration;
import java.util.List;

import dev.parley.shared.TenantId;

/** When a tenant's people are reminded of what is due: how long before a due time, and when a follow-up is missed. */
public interface ReminderPolicy {

    /** How long before a task's due time or a follow-up's time each reminder goes out, longest first. */
    List<Duration> remindBefore(TenantId tenant);

    /** How long after its time a follow-up that is still scheduled becomes missed. */
    Duration missedAfter(TenantId tenant);
}
