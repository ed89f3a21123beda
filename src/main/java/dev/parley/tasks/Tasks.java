package dev.parley.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.parley.audit.AuditLog;
import dev.parley.chat.ConversationContacts;
import dev.parley.identity.People;
import dev.parley.shared.Ids;
import dev.parley.shared.ParleyException;
import dev.parley.shared.TenantId;
import dev.parley.shared.web.CursorPage;
import dev.parley.tasks.internal.TaskHistory;
import dev.parley.tasks.internal.TaskNotifications;
import dev.parley.tasks.internal.TaskReminders;
import dev.parley.tasks.internal.TaskRepository;
import dev.parley.tasks.internal.TaskRow;
import dev.parley.tasks.internal.TaskSort;
import dev.parley.tasks.internal.TaskTeam;
import dev.parley.tasks.internal.TenantZone;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks of the caller's tenant: create (usually from a chat, with a copy of the contact's details), read, change,
 * assign, comment, delete, list with filters, and report. Every change is recorded in the task's activity history;
 * assignments and reminders notify the assignee. Callers are admin operators or tenant admins (checked by the web
 * layer); {@code actor} is who acts.
 */
@Service
@Transactional
public class Tasks {

    /** A new task. Null priority means {@code MEDIUM}, null assignee the creator; the conversation is optional. */
    public record NewTask(String title, String description, Instant dueAt, TaskPriority priority, UUID assigneeId,
                          UUID conversationId) {
    }

    /**
     * A change to a task: null members stay as they are. {@code description} and {@code dueAt} are optional
     * values, empty to clear them.
     */
    public record TaskChange(String title, Optional<String> description, Optional<Instant> dueAt,
                             TaskPriority priority, TaskStatus status, UUID assigneeId) {
    }

    /**
     * Which tasks to list; null members do not filter.
     *
     * @param sort {@code due}, {@code priority}, {@code created} or {@code updated}, optionally {@code ,asc} or
     *             {@code ,desc}; default {@code due,asc} (no due time last)
     */
    public record TaskQuery(List<TaskStatus> statuses, UUID assigneeId, List<TaskPriority> priorities,
                            Instant dueFrom, Instant dueTo, Boolean overdue, UUID conversationId, String text,
                            String sort, String cursor, Integer limit) {
    }

    /** Someone who can be given a task. */
    public record Assignee(UUID userId, String name, String email, String role) {
    }

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 10_000;
    static final int COMMENT_MAX = 5_000;
    static final int SEARCH_MAX = 200;
    static final Duration REPORT_DEFAULT = Duration.ofDays(30);
    static final Duration REPORT_MAX = Duration.ofDays(366);

    private final TaskRepository tasks;
    private final TaskHistory history;
    private final TaskTeam team;
    private final TaskReminders reminders;
    private final TaskNotifications notifications;
    private final ConversationContacts contacts;
    private final TenantZone zone;
    private final AuditLog audit;
    private final Clock clock;

    Tasks(TaskRepository tasks, TaskHistory history, TaskTeam team, TaskReminders reminders,
          TaskNotifications notifications, ConversationContacts contacts, TenantZone zone, AuditLog audit,
          Clock clock) {
        this.tasks = tasks;
        this.history = history;
        this.team = team;
        this.reminders = reminders;
        this.notifications = notifications;
        this.contacts = contacts;
        this.zone = zone;
        this.audit = audit;
        this.clock = clock;
    }

    public TaskView create(TenantId tenant, UUID actor, NewTask task) {
        String title = title(task.title());
        String description = description(task.description());
        UUID assignee = task.assigneeId() != null ? task.assigneeId() : actor;
        team.requireAssignable(tenant, assignee);
        ConversationContacts.Contact contact = null;
        if (task.conversationId() != null) {
            contact = contacts.of(tenant, task.conversationId()).orElseThrow(() -> ParleyException.invalidField(
                    "conversationId", "is not a conversation of this tenant"));
        }
        Instant now = now();
        TaskRow row = new TaskRow(Ids.newId(), title, description, due(task.dueAt()),
                task.priority() != null ? task.priority() : TaskPriority.MEDIUM, TaskStatus.OPEN, assignee, actor,
                contact != null ? contact.conversationId() : null, contact != null ? contact.conversationNumber() : null,
                contact != null ? contact.contactId() : null, contact != null ? contact.name() : null,
                contact != null ? contact.email() : null, contact != null ? contact.phone() : null, null, now, now,
                null, 0);
        tasks.insert(tenant.value(), row);
        history.record(tenant.value(), row.id(), actor, "CREATED", null, title, now);
        reminders.planNew(tenant, row);
        if (!assignee.equals(actor)) {
            notifications.assigned(tenant, row, team.names(tenant).of(actor).name());
        }
        return view(row, team.names(tenant), null);
    }

    /** One task without the contact's details. */
    @Transactional(readOnly = true)
    public TaskView get(TenantId tenant, UUID id) {
        return view(find(tenant, id), team.names(tenant), null);
    }

    /** One task with the contact's details; reading them is audit-logged ({@code task.contact_viewed}). */
    public TaskView getWithContact(TenantId tenant, UUID id) {
        TaskRow row = find(tenant, id);
        TaskContact contact = null;
        if (row.conversationId() != null || row.contactId() != null || row.contactErasedAt() != null) {
            contact = TaskContact.of(row.conversationId(), row.conversationNo(), row.contactName(),
                    row.contactEmail(), row.contactPhone(), row.contactErasedAt());
            if (row.holdsContactDetails()) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("conversationId", row.conversationId());
                details.put("fields", List.of("name", "email", "phone").stream()
                        .filter(f -> !contact(row, f).isEmpty()).toList());
                audit.record(tenant, "task.contact_viewed", "task", row.id(), details);
            }
        }
        return view(row, team.names(tenant), contact);
    }

    /**
     * The contact of a conversation, for the form that makes a task from it; audit-logged
     * ({@code task.contact_viewed} on the conversation).
     */
    public TaskContact contactOf(TenantId tenant, UUID conversationId) {
        ConversationContacts.Contact contact = contacts.of(tenant, conversationId).orElseThrow(() ->
                ParleyException.notFound("CONVERSATION_NOT_FOUND", "No conversation has this id."));
        audit.record(tenant, "task.contact_viewed", "conversation", conversationId,
                Map.of("purpose", "task form"));
        return TaskContact.of(contact.conversationId(), contact.conversationNumber(), contact.name(),
                contact.email(), contact.phone(), null);
    }

    @Transactional(readOnly = true)
    public CursorPage<TaskView> list(TenantId tenant, TaskQuery query) {
        int limit = CursorPage.limit(query.limit());
        TaskSort sort = TaskSort.parse(query.sort());
        if (query.dueFrom() != null && query.dueTo() != null && !query.dueFrom().isBefore(query.dueTo())) {
            throw ParleyException.invalidField("dueTo", "must be after dueFrom");
        }
        if (query.text() != null && query.text().length() > SEARCH_MAX) {
            throw ParleyException.invalidField("q", "must be at most " + SEARCH_MAX + " characters");
        }
        Instant now = now();
        var filter = new TaskRepository.Filter(query.statuses(), query.assigneeId(), query.priorities(),
                query.dueFrom(), query.dueTo(), query.overdue(), query.conversationId(), searchQuery(query.text()));
        var page = tasks.list(tenant.value(), filter, sort, query.cursor(), now, limit);
        TaskTeam.Names names = team.names(tenant);
        return new CursorPage<>(page.rows().stream().map(row -> view(now, row, names, null)).toList(),
                page.nextCursor());
    }

    public TaskView update(TenantId tenant, UUID actor, UUID id, TaskChange change) {
        TaskRow before = lock(tenant, id);
        TaskRow after = before;
        Instant now = now();
        UUID t = tenant.value();
        if (change.title() != null) {
            after = after.withTitle(title(change.title()));
        }
        if (change.description() != null) {
            after = after.withDescription(description(change.description().orElse(null)));
        }
        if (change.dueAt() != null) {
            after = after.withDueAt(due(change.dueAt().orElse(null)));
        }
        if (change.priority() != null) {
            after = after.withPriority(change.priority());
        }
        if (change.status() != null) {
            if (!before.status().canChangeTo(change.status())) {
                throw ParleyException.conflict("INVALID_STATUS_TRANSITION", "A " + label(before.status())
                        + " task cannot become " + label(change.status()) + "; it can become "
                        + before.status().next().stream().map(Tasks::label).collect(Collectors.joining(" or "))
                        + ".");
            }
            after = after.withStatus(change.status(), now);
        }
        if (change.assigneeId() != null && !change.assigneeId().equals(before.assigneeId())) {
            team.requireAssignable(tenant, change.assigneeId());
            after = after.withAssignee(change.assigneeId());
        }
        if (after.equals(before)) {
            return view(before, team.names(tenant), null);
        }
        after = after.touchedAt(now);
        tasks.update(t, after);
        recordChanges(t, actor, before, after, now);
        reminders.plan(tenant, after);
        TaskTeam.Names names = team.names(tenant);
        if (!after.assigneeId().equals(before.assigneeId()) && !after.assigneeId().equals(actor)) {
            notifications.assigned(tenant, after, names.of(actor).name());
        }
        if (after.status() == TaskStatus.COMPLETED && before.status() != TaskStatus.COMPLETED
                && !after.creatorId().equals(actor)) {
            notifications.completed(tenant, after, names.of(actor).name());
        }
        return view(after, names, null);
    }

    /** Gives the task to another admin operator (or the same one: nothing changes). */
    public TaskView assign(TenantId tenant, UUID actor, UUID id, UUID assignee) {
        if (assignee == null) {
            throw ParleyException.invalidField("assigneeId", "is required");
        }
        return update(tenant, actor, id, new TaskChange(null, null, null, null, null, assignee));
    }

    /**
     * Deletes the task with its comments and history, for good; its creator or a tenant admin only (others cancel
     * it instead). Audit-logged ({@code task.deleted}).
     */
    public void delete(TenantId tenant, UUID actor, boolean tenantAdmin, UUID id) {
        TaskRow row = lock(tenant, id);
        if (!tenantAdmin && !row.creatorId().equals(actor)) {
            throw ParleyException.forbidden("FORBIDDEN",
                    "Only the task's creator or a tenant admin can delete it; cancel it instead.");
        }
        tasks.delete(tenant.value(), id);
        reminders.cancelAll(tenant, id);
        audit.record(tenant, "task.deleted", "task", id, Map.of("title", row.title(), "status", row.status().name()));
    }

    public TaskComment comment(TenantId tenant, UUID actor, UUID id, String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw ParleyException.invalidField("body", "must not be blank");
        }
        if (text.length() > COMMENT_MAX) {
            throw ParleyException.invalidField("body", "must be at most " + COMMENT_MAX + " characters");
        }
        TaskRow row = lock(tenant, id);
        Instant now = now();
        var comment = history.comment(tenant.value(), id, actor, text, now);
        history.record(tenant.value(), id, actor, "COMMENT", null, null, now);
        tasks.update(tenant.value(), row.touchedAt(now));
        TaskTeam.Names names = team.names(tenant);
        if (!row.assigneeId().equals(actor)) {
            notifications.commented(tenant, row, row.assigneeId(), names.of(actor).name(), text);
        }
        return new TaskComment(comment.id(), names.of(actor), comment.body(), comment.at());
    }

    @Transactional(readOnly = true)
    public List<TaskComment> comments(TenantId tenant, UUID id) {
        find(tenant, id);
        TaskTeam.Names names = team.names(tenant);
        return history.comments(tenant.value(), id).stream()
                .map(c -> new TaskComment(c.id(), names.of(c.author()), c.body(), c.at())).toList();
    }

    @Transactional(readOnly = true)
    public List<TaskActivity> activity(TenantId tenant, UUID id) {
        find(tenant, id);
        TaskTeam.Names names = team.names(tenant);
        return history.entries(tenant.value(), id).stream().map(e -> {
            boolean assignee = e.action().equals("ASSIGNEE");
            return new TaskActivity(e.id(), e.action(), names.of(e.actor()), e.from(), e.to(),
                    assignee ? names.nameOf(e.from()) : null, assignee ? names.nameOf(e.to()) : null, e.at());
        }).toList();
    }

    /** The active admin operators and tenant admins, who can be given tasks. */
    @Transactional(readOnly = true)
    public List<Assignee> assignees(TenantId tenant) {
        return team.assignable(tenant).stream()
                .map(p -> new Assignee(p.userId(), p.displayName(), p.email(), p.role().name())).toList();
    }

    /** The team's open work now; "today" in the tenant's time zone. */
    @Transactional(readOnly = true)
    public TaskCounts counts(TenantId tenant) {
        Instant now = now();
        ZoneId zoneId = zone.of(tenant);
        LocalDate today = now.atZone(zoneId).toLocalDate();
        var counts = tasks.counts(tenant.value(), now, today.atStartOfDay(zoneId).toInstant(),
                today.plusDays(1).atStartOfDay(zoneId).toInstant());
        return new TaskCounts(counts.get("open"), counts.get("inProgress"), counts.get("overdue"),
                counts.get("dueToday"), zoneId.getId());
    }

    /** Completion by assignee of the tasks created in {@code [from, to)}; default the last 30 days. */
    @Transactional(readOnly = true)
    public TaskReport report(TenantId tenant, Instant from, Instant to) {
        Instant now = now();
        Instant end = to != null ? to : now;
        Instant start = from != null ? from : end.minus(REPORT_DEFAULT);
        if (!start.isBefore(end)) {
            throw ParleyException.invalidField("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(REPORT_MAX) > 0) {
            throw ParleyException.invalidField("from", "must be at most 366 days before to");
        }
        TaskTeam.Names names = team.names(tenant);
        Map<UUID, TaskReport.Line> lines = new LinkedHashMap<>();
        for (var row : tasks.report(tenant.value(), start, end, now)) {
            lines.put(row.assignee(), line(names.of(row.assignee()), row.assigned(), row.completed(),
                    row.completedOnTime(), row.overdue(), row.open(), row.cancelled(),
                    row.averageCompletionSeconds()));
        }
        for (People.Person person : team.assignable(tenant)) {
            lines.computeIfAbsent(person.userId(), id -> line(names.of(id), 0, 0, 0, 0, 0, 0, null));
        }
        List<TaskReport.Line> operators = new ArrayList<>(lines.values());
        operators.sort(Comparator.comparingLong(TaskReport.Line::assigned).reversed()
                .thenComparing(l -> l.operator().name(), String.CASE_INSENSITIVE_ORDER));
        long completed = sum(operators, TaskReport.Line::completed);
        double weightedSeconds = operators.stream().filter(l -> l.averageCompletionSeconds() != null)
                .mapToDouble(l -> (double) l.averageCompletionSeconds() * l.completed()).sum();
        TaskReport.Line totals = line(null, sum(operators, TaskReport.Line::assigned), completed,
                sum(operators, TaskReport.Line::completedOnTime), sum(operators, TaskReport.Line::overdue),
                sum(operators, TaskReport.Line::open), sum(operators, TaskReport.Line::cancelled),
                completed == 0 ? null : weightedSeconds / completed);
        return new TaskReport(start, end, now, operators, totals);
    }

    private static TaskReport.Line line(TaskPerson operator, long assigned, long completed, long onTime, long overdue,
                                        long open, long cancelled, Double averageSeconds) {
        long counted = assigned - cancelled;
        return new TaskReport.Line(operator, assigned, completed, onTime, overdue, open, cancelled,
                counted == 0 ? null : ratio(completed, counted), completed == 0 ? null : ratio(onTime, completed),
                averageSeconds == null ? null : Math.round(averageSeconds));
    }

    private static double ratio(long part, long whole) {
        return Math.round(part * 1000.0 / whole) / 1000.0;
    }

    private static long sum(List<TaskReport.Line> lines, java.util.function.ToLongFunction<TaskReport.Line> figure) {
        return lines.stream().mapToLong(figure).sum();
    }

    private void recordChanges(UUID tenant, UUID actor, TaskRow before, TaskRow after, Instant now) {
        if (!after.title().equals(before.title())) {
            history.record(tenant, after.id(), actor, "TITLE", before.title(), after.title(), now);
        }
        if (!java.util.Objects.equals(after.description(), before.description())) {
            history.record(tenant, after.id(), actor, "DESCRIPTION", null, null, now);
        }
        if (!java.util.Objects.equals(after.dueAt(), before.dueAt())) {
            history.record(tenant, after.id(), actor, "DUE", text(before.dueAt()), text(after.dueAt()), now);
        }
        if (after.priority() != before.priority()) {
            history.record(tenant, after.id(), actor, "PRIORITY", before.priority().name(), after.priority().name(),
                    now);
        }
        if (after.status() != before.status()) {
            history.record(tenant, after.id(), actor, "STATUS", before.status().name(), after.status().name(), now);
        }
        if (!after.assigneeId().equals(before.assigneeId())) {
            history.record(tenant, after.id(), actor, "ASSIGNEE", before.assigneeId().toString(),
                    after.assigneeId().toString(), now);
        }
    }

    private TaskView view(TaskRow row, TaskTeam.Names names, TaskContact contact) {
        return view(now(), row, names, contact);
    }

    private static TaskView view(Instant now, TaskRow row, TaskTeam.Names names, TaskContact contact) {
        List<TaskStatus> next = Arrays.stream(TaskStatus.values()).filter(s -> row.status().next().contains(s))
                .toList();
        return new TaskView(row.id(), row.title(), row.description(), row.dueAt(), row.priority(), row.status(),
                row.overdueAt(now), next, names.of(row.assigneeId()), names.of(row.creatorId()),
                row.conversationId(), row.conversationNo(), contact, row.comments(), row.createdAt(),
                row.updatedAt(), row.completedAt());
    }

    private TaskRow find(TenantId tenant, UUID id) {
        return tasks.find(tenant.value(), id).orElseThrow(Tasks::notFound);
    }

    private TaskRow lock(TenantId tenant, UUID id) {
        return tasks.lock(tenant.value(), id).orElseThrow(Tasks::notFound);
    }

    private static ParleyException notFound() {
        return ParleyException.notFound("TASK_NOT_FOUND", "No task has this id.");
    }

    private static String contact(TaskRow row, String field) {
        String value = switch (field) {
            case "name" -> row.contactName();
            case "email" -> row.contactEmail();
            default -> row.contactPhone();
        };
        return value == null ? "" : value;
    }

    private static String title(String title) {
        String text = title == null ? "" : title.strip();
        if (text.isEmpty()) {
            throw ParleyException.invalidField("title", "must not be blank");
        }
        if (text.length() > TITLE_MAX) {
            throw ParleyException.invalidField("title", "must be at most " + TITLE_MAX + " characters");
        }
        return text;
    }

    private static String description(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String text = description.strip();
        if (text.length() > DESCRIPTION_MAX) {
            throw ParleyException.invalidField("description", "must be at most " + DESCRIPTION_MAX + " characters");
        }
        return text;
    }

    /** Due times are kept to the second: reminders are matched to them exactly. */
    private static Instant due(Instant due) {
        return due == null ? null : due.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Every word of the text as a prefix ("ship lis" finds "Shipping to Lisbon"), or null for no search. */
    static String searchQuery(String text) {
        if (text == null) {
            return null;
        }
        List<String> words = Arrays.stream(text.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty())
                .limit(10).map(w -> w + ":*").toList();
        return words.isEmpty() ? null : String.join(" & ", words);
    }

    private static String label(TaskStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Now, to the microsecond PostgreSQL keeps: a value written and read back compares equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
