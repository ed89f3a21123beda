package dev.parley.followups.web;

import java.time.Instant;
import java.util.UUID;

import dev.parley.followups.FollowUpChange;
import dev.parley.followups.FollowUpContact;
import dev.parley.followups.FollowUpDetail;
import dev.parley.followups.FollowUpFilter;
import dev.parley.followups.FollowUpReport;
import dev.parley.followups.FollowUpReports;
import dev.parley.followups.FollowUpSettings;
import dev.parley.followups.FollowUpStatus;
import dev.parley.followups.FollowUpType;
import dev.parley.followups.FollowUpView;
import dev.parley.followups.FollowUps;
import dev.parley.followups.NewFollowUp;
import dev.parley.followups.OutcomeCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.UserId;
import dev.parley.shared.security.Caller;
import dev.parley.shared.web.CursorPage;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The follow-up API, for admin operators and tenant admins only; the assignment settings for tenant admins. */
@RestController
@RequestMapping("/api/v1/followups")
@PreAuthorize("hasAnyRole('ADMIN_OPERATOR', 'TENANT_ADMIN')")
class FollowUpController {

    private final FollowUps followUps;
    private final FollowUpReports reports;
    private final FollowUpSettings settings;

    FollowUpController(FollowUps followUps, FollowUpReports reports, FollowUpSettings settings) {
        this.followUps = followUps;
        this.reports = reports;
        this.settings = settings;
    }

    record Complete(OutcomeCode outcomeCode, String outcome) {
    }

    record Cancel(String outcome) {
    }

    @PostMapping
    ResponseEntity<FollowUpDetail> create(@RequestBody NewFollowUp body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(followUps.create(tenant(), me(), body));
    }

    /**
     * Follow-ups in time order. {@code assignee} is a user id or {@code me}; {@code from}/{@code to} bound the time
     * (the calendar's range).
     */
    @GetMapping
    CursorPage<FollowUpView> list(@RequestParam(required = false) Instant from,
                                  @RequestParam(required = false) Instant to,
                                  @RequestParam(required = false) FollowUpStatus status,
                                  @RequestParam(required = false) FollowUpType type,
                                  @RequestParam(required = false) String assignee,
                                  @RequestParam(required = false) UUID conversationId,
                                  @RequestParam(required = false) String cursor,
                                  @RequestParam(required = false) Integer limit) {
        return followUps.list(tenant(), new FollowUpFilter(from, to, status, type, assignee(assignee),
                conversationId), cursor, limit);
    }

    @GetMapping("/{id}")
    FollowUpDetail get(@PathVariable UUID id) {
        return followUps.get(tenant(), id);
    }

    @PatchMapping("/{id}")
    FollowUpDetail update(@PathVariable UUID id, @RequestBody FollowUpChange body) {
        return followUps.update(tenant(), me(), id, body);
    }

    @PostMapping("/{id}/complete")
    FollowUpDetail complete(@PathVariable UUID id, @RequestBody Complete body) {
        return followUps.complete(tenant(), id, body.outcomeCode(), body.outcome());
    }

    @PostMapping("/{id}/cancel")
    FollowUpDetail cancel(@PathVariable UUID id, @RequestBody(required = false) Cancel body) {
        return followUps.cancel(tenant(), id, body == null ? null : body.outcome());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        followUps.delete(tenant(), id);
        return ResponseEntity.noContent().build();
    }

    /** The contact of a conversation as the scheduling form shows it (audit-logged). */
    @GetMapping("/contact")
    FollowUpContact contact(@RequestParam UUID conversationId) {
        return followUps.contactFor(tenant(), conversationId);
    }

    @GetMapping("/report")
    FollowUpReport report(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        return reports.report(tenant(), from, to);
    }

    @GetMapping("/settings")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    FollowUpSettings.Settings settings() {
        return settings.get(tenant());
    }

    @PutMapping("/settings")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    FollowUpSettings.Settings saveSettings(@RequestBody FollowUpSettings.Settings body) {
        return settings.set(tenant(), body);
    }

    private static UUID assignee(String assignee) {
        if (assignee == null || assignee.isBlank()) {
            return null;
        }
        if ("me".equals(assignee)) {
            return me().value();
        }
        try {
            return UUID.fromString(assignee);
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalidField("assignee", "must be a user id or me");
        }
    }

    private static TenantId tenant() {
        return TenantContext.require();
    }

    private static UserId me() {
        return Caller.require().user();
    }
}
