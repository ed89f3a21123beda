package dev.parley.tasks.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import dev.parley.shared.ParleyException;

/**
 * Where the next page of a sorted task list starts: the sort it belongs to, the last row's sort value and id,
 * base64url-encoded. Opaque to clients; one made for another sort is refused.
 */
record TaskCursor(String sort, String value, UUID id) {

    private static final String NULL = "~";

    static TaskCursor after(TaskSort sort, TaskRow last) {
        return new TaskCursor(sort.name(), sort.key().valueOf(last), last.id());
    }

    String encode() {
        String text = sort + "|" + (value == null ? NULL : value) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or {@code null} for the first page; a 400 {@code INVALID_CURSOR} for one we did not make. */
    static TaskCursor decode(String cursor, TaskSort sort) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3 || !parts[0].equals(sort.name())) {
                throw invalid();
            }
            String value = parts[1].equals(NULL) ? null : parts[1];
            sort.key().parameter(value); // refuses a value that does not fit the key
            return new TaskCursor(parts[0], value, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw invalid();
        }
    }

    private static ParleyException invalid() {
        return ParleyException.badRequest("INVALID_CURSOR",
                "The cursor is not one this API returned for this sort order.");
    }
}
