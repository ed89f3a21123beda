package dev.parley.tasks.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.parley.shared.ParleyException;
import dev.parley.tasks.TaskPriority;
import dev.parley.tasks.TaskStatus;
import dev.parley.tasks.Tasks.TaskChange;

import tools.jackson.databind.JsonNode;

/**
 * Reads a PATCH body: only the fields present change; {@code null} clears {@code description} and {@code dueAt} and
 * is refused for the others. Each wrong field gets a 400 naming it.
 */
final class TaskPatch {

    private static final Set<String> FIELDS = Set.of("title", "description", "dueAt", "priority", "status",
            "assigneeId");

    private TaskPatch() {
    }

    static TaskChange read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ParleyException.invalidField("body", "must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw ParleyException.invalidField(field.getKey(), "is not a known field");
            }
        }
        return new TaskChange(
                body.has("title") ? required(body, "title") : null,
                body.has("description") ? Optional.ofNullable(text(body, "description")) : null,
                body.has("dueAt") ? Optional.ofNullable(instant(body, "dueAt")) : null,
                body.has("priority") ? enumValue(TaskPriority.class, required(body, "priority"), "priority") : null,
                body.has("status") ? enumValue(TaskStatus.class, required(body, "status"), "status") : null,
                body.has("assigneeId") ? uuid(required(body, "assigneeId"), "assigneeId") : null);
    }

    private static String required(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null) {
            throw ParleyException.invalidField(field, "must not be null");
        }
        return value;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ParleyException.invalidField(field, "must be a string");
        }
        return node.asString();
    }

    private static Instant instant(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ParleyException.invalidField(field, "must be an ISO-8601 date-time such as 2025-03-04T14:30:00Z");
        }
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalidField(field, "must be a UUID");
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalidField(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
