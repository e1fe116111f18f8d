package dev.osint.history;

import dev.osint.core.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Full text over results, the same in both stores: a document is the words (runs of letters and digits,
 * lower-cased code point by code point) of the target, the error and every string and number in the result's
 * data and entities; a query term matches where its words appear in a row, so {@code 192.0.2.1} or
 * {@code mail.example.com} match as written, and every term of a query must match. PostgreSQL indexes it with {@code to_tsvector('simple')} and a
 * GIN index, SQLite with an FTS5 table.
 */
final class SearchText {
    /** A larger document is cut here: the index stays small, and what a result says first is kept. */
    static final int MAX_CHARS = 200_000;

    private SearchText() {}

    /** The words of a finished scan, space-separated. */
    static String document(HistoryRecord record) {
        StringBuilder text = new StringBuilder();
        append(text, record.target());
        append(text, record.type());
        append(text, record.error());
        if (record.result() != null) {
            collect(record.result().data(), text);
            for (Entity entity : record.entities()) {
                append(text, entity.value());
                collect(entity.attributes(), text);
            }
        }
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text.toString();
    }

    private static void collect(Object node, StringBuilder text) {
        if (text.length() > MAX_CHARS) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> collect(value, text));
        } else if (node instanceof Iterable<?> items) {
            items.forEach(item -> collect(item, text));
        } else if (node instanceof String || node instanceof Number) {
            append(text, node.toString());
        }
    }

    /** Appends the words of {@code value}, each followed by a space; one pass, no regular expression. */
    private static void append(StringBuilder text, String value) {
        if (value == null) {
            return;
        }
        boolean inWord = false;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (Character.isLetterOrDigit(c)) {
                text.appendCodePoint(Character.toLowerCase(c));
                inWord = true;
            } else if (inWord) {
                text.append(' ');
                inWord = false;
            }
            i += Character.charCount(c);
        }
        if (inWord) {
            text.append(' ');
        }
    }

    /** The query's terms (split on spaces), each as its list of words; empty terms are left out. */
    static List<List<String>> terms(String query) {
        List<List<String>> terms = new ArrayList<>();
        for (String term : query.strip().split("\\s+")) {
            StringBuilder text = new StringBuilder();
            append(text, term);
            List<String> words = text.isEmpty() ? List.of() : List.of(text.toString().strip().split(" "));
            if (!words.isEmpty()) {
                terms.add(words);
            }
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("q: give at least one letter or digit to search for");
        }
        if (terms.size() > 16) {
            throw new IllegalArgumentException("q: at most 16 terms");
        }
        return terms;
    }

    /** PostgreSQL: {@code 'mail' <-> 'example' <-> 'com' & 'jane'}; words hold letters and digits only. */
    static String postgresQuery(String query) {
        List<String> parts = new ArrayList<>();
        for (List<String> words : terms(query)) {
            parts.add("(" + String.join(" <-> ", words.stream().map(w -> "'" + w + "'").toList()) + ")");
        }
        return String.join(" & ", parts);
    }

    /** SQLite FTS5: {@code "mail example com" AND "jane"}: each term a phrase. */
    static String sqliteQuery(String query) {
        List<String> parts = new ArrayList<>();
        for (List<String> words : terms(query)) {
            parts.add("\"" + String.join(" ", words) + "\"");
        }
        return String.join(" AND ", parts);
    }
}
