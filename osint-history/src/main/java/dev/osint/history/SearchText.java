package dev.osint.history;

import dev.osint.core.Entity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full text over results, the same in both stores: a document is the words (runs of letters and digits,
 * lower-cased code point by code point) of the target, the error and every string and number in the result's
 * data and entities; a query term matches where its words appear in a row, so {@code 192.0.2.1} or
 * {@code mail.example.com} match as written, and every term of a query must match. PostgreSQL gets the words as
 * a {@code tsvector} built here (its own parser costs more CPU than the rest of a scan's row, and would split
 * words its own way) under a GIN index, and queries as a {@code tsquery} built here too; SQLite gets them in an
 * FTS5 table.
 */
final class SearchText {
    /** A larger document is cut here: the index stays small, and what a result says first is kept. */
    static final int MAX_CHARS = 200_000;

    /**
     * PostgreSQL's parser's limits, kept the same way: a longer word is left out (and takes no position), a later
     * word takes this position, and a word keeps its first this many positions.
     */
    private static final int MAX_LEXEME_BYTES = 2_047;
    private static final int MAX_POSITION = 16_383;
    private static final int MAX_POSITIONS = 255;

    private SearchText() {}

    /**
     * PostgreSQL: the document (words separated by single spaces) as a {@code tsvector} literal, each word with
     * its positions ({@code 'mail':1 'example':2,5}), so that phrase queries ({@code <->}) match as in SQLite.
     * Words hold letters and digits only, so nothing needs quoting.
     */
    static String postgresVector(String document) {
        Map<String, Positions> words = new LinkedHashMap<>(); // in the order they first appear
        int position = 0;
        int start = 0;
        while (start < document.length()) {
            int end = document.indexOf(' ', start);
            if (end < 0) {
                end = document.length();
            }
            if (end > start) {
                String word = document.substring(start, end);
                if (fitsLexeme(word)) {
                    position = Math.min(position + 1, MAX_POSITION);
                    words.computeIfAbsent(word, w -> new Positions()).add(position);
                }
            }
            start = end + 1;
        }
        StringBuilder vector = new StringBuilder(document.length() + words.size() * 8);
        words.forEach((word, at) -> {
            if (!vector.isEmpty()) {
                vector.append(' ');
            }
            vector.append('\'').append(word).append("':");
            for (int i = 0; i < at.count; i++) {
                (i == 0 ? vector : vector.append(',')).append(at.positions[i]);
            }
        });
        return vector.toString();
    }

    /** A word's first {@link #MAX_POSITIONS} positions. */
    private static final class Positions {
        int[] positions = new int[4];
        int count;

        void add(int position) {
            if (count == MAX_POSITIONS) {
                return;
            }
            if (count == positions.length) {
                positions = Arrays.copyOf(positions, Math.min(MAX_POSITIONS, count * 2));
            }
            positions[count++] = position;
        }
    }

    private static boolean fitsLexeme(String word) {
        return word.length() * 3 <= MAX_LEXEME_BYTES
                || word.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_LEXEME_BYTES;
    }

    /** The words of a finished scan, space-separated. */
    static String document(HistoryRecord record) {
        return document(record, record.entities());
    }

    /** The same, with the record's {@link HistoryRecord#entities()} already at hand. */
    static String document(HistoryRecord record, List<Entity> entities) {
        StringBuilder text = new StringBuilder();
        append(text, record.target());
        append(text, record.type());
        append(text, record.error());
        if (record.result() != null) {
            collect(record.result().data(), text);
            for (Entity entity : entities) {
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
            char ascii = value.charAt(i);
            if (ascii < 0x80) { // most text: no code point decoding, no Unicode tables
                if (ascii >= 'a' && ascii <= 'z' || ascii >= '0' && ascii <= '9') {
                    text.append(ascii);
                    inWord = true;
                } else if (ascii >= 'A' && ascii <= 'Z') {
                    text.append((char) (ascii + ('a' - 'A')));
                    inWord = true;
                } else if (inWord) {
                    text.append(' ');
                    inWord = false;
                }
                i++;
                continue;
            }
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
            if (!words.stream().allMatch(SearchText::fitsLexeme)) {
                throw new IllegalArgumentException("q: a word is longer than " + MAX_LEXEME_BYTES + " bytes");
            }
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
