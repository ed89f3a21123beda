package dev.parley.notify.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The installation's reminder defaults ({@code PARLEY_REMINDERS_REMIND_BEFORE=24h,1h},
 * {@code PARLEY_REMINDERS_MISSED_AFTER=2h}).
 *
 * @param remindBefore how long before a due time each reminder goes out
 * @param missedAfter  how long after its time a follow-up still scheduled becomes missed
 */
@ConfigurationProperties("parley.reminders")
record ReminderProperties(@DefaultValue({"24h", "1h"}) List<Duration> remindBefore,
                          @DefaultValue("2h") Duration missedAfter) {
}
