package dev.parley.notify.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.notify.internal.ReminderSettings;
import dev.parley.shared.TenantContext;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tenant admin's reminder settings: offsets before due times and the follow-up grace period. */
@RestController
@PreAuthorize("hasRole('TENANT_ADMIN')")
class ReminderSettingsController {

    /** Durations as {@code 30m}, {@code 24h}, {@code 2d} or ISO-8601; an empty list means no reminders. */
    record Change(List<String> remindBefore, String missedAfter) {
    }

    private final ReminderSettings settings;

    ReminderSettingsController(ReminderSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/v1/settings/reminders")
    Map<String, Object> get() {
        return view(settings.policy(TenantContext.require()));
    }

    @PutMapping("/api/v1/settings/reminders")
    Map<String, Object> put(@RequestBody Change change) {
        return view(settings.update(TenantContext.require(), change.remindBefore(), change.missedAfter()));
    }

    /** Back to the installation's defaults. */
    @DeleteMapping("/api/v1/settings/reminders")
    Map<String, Object> reset() {
        return view(settings.reset(TenantContext.require()));
    }

    private Map<String, Object> view(ReminderSettings.Policy policy) {
        Map<String, Object> view = new LinkedHashMap<>(ReminderSettings.view(policy));
        view.put("defaults", ReminderSettings.view(settings.defaults()));
        view.put("limits", Map.of("maxReminders", 5, "shortest", "5m", "longest", "30d"));
        return view;
    }
}
