package dev.osint.history;

import java.nio.charset.StandardCharsets;

/**
 * Rows in the text format of PostgreSQL's {@code COPY … FROM STDIN}: fields separated by tabs, rows ended by a
 * newline, null as {@code \N}, and a backslash, tab, newline or carriage return inside a value escaped with a
 * backslash. Values must hold no NUL (the store strips it before).
 */
final class CopyText {
    private final StringBuilder text;
    private boolean rowStarted;

    CopyText(int expectedChars) {
        text = new StringBuilder(expectedChars);
    }

    CopyText field(String value) {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            text.append("\\N");
            return this;
        }
        int plain = 0; // the start of the run of characters that need no escape, appended at once
        for (int i = 0; i < value.length(); i++) {
            String escaped = switch (value.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escaped != null) {
                text.append(value, plain, i).append(escaped);
                plain = i + 1;
            }
        }
        text.append(value, plain, value.length());
        return this;
    }

    CopyText endRow() {
        text.append('\n');
        rowStarted = false;
        return this;
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    byte[] utf8() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
