package dev.parley.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.parley.shared.ParleyException;

/**
 * One page of a list and the cursor to the next one ({@code null} on the last page). Cursors are opaque to
 * clients: the id of the last item, base64url-encoded.
 */
public record CursorPage<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Builds a page from up to {@code limit + 1} fetched rows: the extra row only says there is more. */
    public static <T> CursorPage<T> of(List<T> fetched, int limit, Function<T, UUID> idOf) {
        if (fetched.size() <= limit) {
            return new CursorPage<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new CursorPage<>(items, encode(idOf.apply(items.get(limit - 1))));
    }

    public static String encode(UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The id a cursor stands for, or {@code null} for the first page; a 400 for a cursor we did not make. */
    public static UUID decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ParleyException.badRequest("INVALID_CURSOR", "The cursor is not one this API returned.");
        }
    }

    /** A limit within bounds, or a 400 naming the bounds. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ParleyException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
