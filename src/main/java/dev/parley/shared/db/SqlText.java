package dev.parley.shared.db;

import java.util.Locale;

/** Helpers for text search in SQL. */
public final class SqlText {

    private SqlText() {
    }

    /**
     * A lower-cased {@code LIKE} pattern matching values that contain {@code text} literally (its {@code %},
     * {@code _} and backslashes escaped), or {@code null} for no filter.
     */
    public static String containsPattern(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String escaped = text.trim().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
