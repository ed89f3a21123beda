package dev.parley.followups;

import java.time.Clock;
import java.util.Map;

import dev.parley.audit.AuditLog;
import dev.parley.followups.internal.SettingsRepository;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's follow-up settings: how follow-ups scheduled without an assignee are assigned. */
@Service
@Transactional
public class FollowUpSettings {

    /** The settings as the API shows and takes them. */
    public record Settings(AssignmentStrategy assignment) {
    }

    private final SettingsRepository settings;
    private final AuditLog audit;
    private final Clock clock;

    FollowUpSettings(SettingsRepository settings, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Settings get(TenantId tenant) {
        return new Settings(settings.strategy(tenant.value()));
    }

    public Settings set(TenantId tenant, Settings change) {
        if (change.assignment() == null) {
            throw ParleyException.invalidField("assignment", "is required: one of conversation, round_robin, least_loaded");
        }
        AssignmentStrategy before = settings.strategy(tenant.value());
        settings.setStrategy(tenant.value(), change.assignment(), clock.instant());
        if (before != change.assignment()) {
            audit.record(tenant, "followup.settings_changed", "tenant", tenant.value(),
                    Map.of("assignment", change.assignment().key(), "was", before.key()));
        }
        return get(tenant);
    }
}
