package dev.parley.tasks.internal;

import java.time.Instant;
import java.util.Locale;

import dev.parley.shared.ParleyException;

/**
 * How a task list is ordered: {@code due}, {@code priority}, {@code created} or {@code updated}, ascending or
 * descending, ties broken by id in the same direction. Tasks without a due time come last either way.
 */
public record TaskSort(Key key, boolean ascending) {

    /** A sortable column, and whether it can be null. */
    public enum Key {
        DUE("due_at", true), PRIORITY("priority_rank", false), CREATED("created_at", false),
        UPDATED("updated_at", false);

        final String column;
        final boolean nullable;

        Key(String column, boolean nullable) {
            this.column = column;
            this.nullable = nullable;
        }

        /** The row's value for this key, as the cursor carries it ({@code null} for no due time). */
        String valueOf(TaskRow row) {
            return switch (this) {
                case DUE -> row.dueAt() == null ? null : row.dueAt().toString();
                case PRIORITY -> String.valueOf(row.priority().ordinal() + 1);
                case CREATED -> row.createdAt().toString();
                case UPDATED -> row.updatedAt().toString();
            };
        }

        /** A cursor's value as a query parameter. */
        Object parameter(String value) {
            if (value == null) {
                return null;
            }
            return this == PRIORITY ? Integer.valueOf(value) : java.sql.Timestamp.from(Instant.parse(value));
        }
    }

    public static final TaskSort DEFAULT = new TaskSort(Key.DUE, true);

    /** {@code due}, {@code priority,desc} …; a 400 naming {@code sort} for anything else. */
    public static TaskSort parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(",", -1);
        Key key = switch (parts[0].trim()) {
            case "due" -> Key.DUE;
            case "priority" -> Key.PRIORITY;
            case "created" -> Key.CREATED;
            case "updated" -> Key.UPDATED;
            default -> null;
        };
        String direction = parts.length > 1 ? parts[1].trim() : "asc";
        if (key == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw ParleyException.invalidField("sort",
                    "must be due, priority, created or updated, optionally followed by ,asc or ,desc");
        }
        return new TaskSort(key, direction.equals("asc"));
    }

    public String name() {
        return key.name().toLowerCase(Locale.ROOT) + "," + (ascending ? "asc" : "desc");
    }

    String orderBy() {
        String direction = ascending ? "ASC" : "DESC";
        return "t." + key.column + " " + direction + (key.nullable ? " NULLS LAST" : "") + ", t.id " + direction;
    }

    /** Rows after the cursor's row in this order; binds {@code :cursorValue} and {@code :cursorId}. */
    String after(boolean valueIsNull) {
        String op = ascending ? ">" : "<";
        String column = "t." + key.column;
        if (valueIsNull) {
            return "(" + column + " IS NULL AND t.id " + op + " :cursorId)";
        }
        return "(" + column + " " + op + " :cursorValue OR (" + column + " = :cursorValue AND t.id " + op
                + " :cursorId)" + (key.nullable ? " OR " + column + " IS NULL" : "") + ")";
    }
}
