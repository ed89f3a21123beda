package dev.parley.analytics.internal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV rows as RFC 4180 writes them (comma, CRLF, quotes doubled), with text that a spreadsheet would run as a formula
 * ({@code = + - @}, tab, carriage return first) prefixed with an apostrophe, as OWASP advises for exports.
 */
final class Csv {

    private Csv() {
    }

    static String row(List<String> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
