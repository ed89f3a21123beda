package dev.parley.notify.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import dev.parley.notify.ReminderPolicy;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Component;

/** The installation's reminder defaults, the same for every tenant. */
@Component
class ConfiguredReminderPolicy implements ReminderPolicy {

    private final ReminderProperties properties;

    ConfiguredReminderPolicy(ReminderProperties properties) {
        this.properties = properties;
    }

    @Override
    public List<Duration> remindBefore(TenantId tenant) {
        return properties.remindBefore().stream().sorted(Comparator.reverseOrder()).toList();
    }

    @Override
    public Duration missedAfter(TenantId tenant) {
        return properties.missedAfter();
    }
}
