package dev.parley.tasks.web;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantContext;
import dev.parley.shared.TenantId;
import dev.parley.shared.security.Caller;
import dev.parley.shared.web.CursorPage;
import dev.parley.tasks.TaskActivity;
import dev.parley.tasks.TaskComment;
import dev.parley.tasks.TaskContact;
import dev.parley.tasks.TaskCounts;
import dev.parley.tasks.TaskPriority;
import dev.parley.tasks.TaskReport;
import dev.parley.tasks.TaskStatus;
import dev.parley.tasks.TaskView;
import dev.parley.tasks.Tasks;
import dev.parley.tasks.Tasks.NewTask;
import dev.parley.tasks.Tasks.TaskQuery;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** The tasks API for admin operators and tenant admins of the token's tenant. */
@RestController
@RequestMapping("/api/v1/tasks")
@PreAuthorize(AdminOperatorsOnly.ROLES)
class TaskController {

    private final Tasks tasks;

    TaskController(Tasks tasks) {
        this.tasks = tasks;
    }

    record Create(@NotBlank @Size(max = 200) String title, @Size(max = 10_000) String description, Instant dueAt,
                  TaskPriority priority, UUID assigneeId, UUID conversationId) {
    }

    record Assign(UUID assigneeId) {
    }

    record NewComment(@NotBlank @Size(max = 5_000) String body) {
    }

    @GetMapping
    CursorPage<TaskView> list(@RequestParam(required = false) List<String> status,
                              @RequestParam(required = false) String assignee,
                              @RequestParam(required = false) List<String> priority,
                              @RequestParam(required = false) String dueFrom,
                              @RequestParam(required = false) String dueTo,
                              @RequestParam(required = false) Boolean overdue,
                              @RequestParam(required = false) UUID conversationId,
                              @RequestParam(required = false) String q,
                              @RequestParam(required = false) String sort,
                              @RequestParam(required = false) String cursor,
                              @RequestParam(required = false) Integer limit) {
        return tasks.list(tenant(), new TaskQuery(values(TaskStatus.class, status, "status"), assignee(assignee),
                values(TaskPriority.class, priority, "priority"), instant(dueFrom, "dueFrom"), instant(dueTo, "dueTo"),
                overdue, conversationId, q, sort, cursor, limit));
    }

    @PostMapping
    ResponseEntity<TaskView> create(@Valid @RequestBody Create body) {
        TaskView task = tasks.create(tenant(), me(), new NewTask(body.title(), body.description(), body.dueAt(),
                body.priority(), body.assigneeId(), body.conversationId()));
        return ResponseEntity.created(URI.create("/api/v1/tasks/" + task.id())).body(task);
    }

    /** One task, with the contact's details: each read is audit-logged. */
    @GetMapping("/{id}")
    TaskView get(@PathVariable UUID id) {
        return tasks.getWithContact(tenant(), id);
    }

    @PatchMapping("/{id}")
    TaskView update(@PathVariable UUID id, @RequestBody JsonNode body) {
        return tasks.update(tenant(), me(), id, TaskPatch.read(body));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        tasks.delete(tenant(), me(), Caller.require().hasRole("TENANT_ADMIN"), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/assign")
    TaskView assign(@PathVariable UUID id, @RequestBody Assign body) {
        return tasks.assign(tenant(), me(), id, body.assigneeId());
    }

    @GetMapping("/{id}/comments")
    List<TaskComment> comments(@PathVariable UUID id) {
        return tasks.comments(tenant(), id);
    }

    @PostMapping("/{id}/comments")
    ResponseEntity<TaskComment> comment(@PathVariable UUID id, @Valid @RequestBody NewComment body) {
        TaskComment comment = tasks.comment(tenant(), me(), id, body.body());
        return ResponseEntity.created(URI.create("/api/v1/tasks/" + id + "/comments/" + comment.id())).body(comment);
    }

    @GetMapping("/{id}/activity")
    List<TaskActivity> activity(@PathVariable UUID id) {
        return tasks.activity(tenant(), id);
    }

    /** Who can be given a task: the tenant's active admin operators and tenant admins. */
    @GetMapping("/assignees")
    List<Tasks.Assignee> assignees() {
        return tasks.assignees(tenant());
    }

    /** A conversation's contact for the "Create task" form, with what is missing; audit-logged. */
    @GetMapping("/contact-info")
    TaskContact contactInfo(@RequestParam UUID conversationId) {
        return tasks.contactOf(tenant(), conversationId);
    }

    @GetMapping("/counts")
    TaskCounts counts() {
        return tasks.counts(tenant());
    }

    @GetMapping("/report")
    TaskReport report(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return tasks.report(tenant(), instant(from, "from"), instant(to, "to"));
    }

    private UUID assignee(String assignee) {
        if (assignee == null || assignee.isBlank()) {
            return null;
        }
        if (assignee.equals("me")) {
            return me();
        }
        try {
            return UUID.fromString(assignee);
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalidField("assignee", "must be a user id or me");
        }
    }

    /** Values of a repeatable parameter, repeated ({@code status=OPEN&status=IN_PROGRESS}) or comma-separated. */
    private static <E extends Enum<E>> List<E> values(Class<E> type, List<String> raw, String name) {
        if (raw == null) {
            return null;
        }
        List<E> values = new ArrayList<>();
        for (String item : raw) {
            for (String value : item.split(",")) {
                if (!value.isBlank()) {
                    values.add(TaskPatch.enumValue(type, value.trim(), name));
                }
            }
        }
        return values.isEmpty() ? null : values;
    }

    private static Instant instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ParleyException.invalidField(name, "must be an ISO-8601 date-time such as 2025-03-04T00:00:00Z");
        }
    }

    private static TenantId tenant() {
        return TenantContext.require();
    }

    private static UUID me() {
        return Caller.require().user().value();
    }
}
