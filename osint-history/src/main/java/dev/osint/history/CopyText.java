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
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
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

    @Override
    public String toString() {
        return text.toString();
    }
}
