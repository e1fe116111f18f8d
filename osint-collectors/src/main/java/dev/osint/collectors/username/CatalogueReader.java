package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads one catalogue format into {@link Site}s; entries it cannot read become warnings, not failures. */
interface CatalogueReader {
    /** The sites of {@code root}; each unreadable entry adds one line to {@code warnings}. */
    List<Site> read(JsonNode root, String source, List<String> warnings);

    /** A string or an array of strings, as both Sherlock and Maigret allow. */
    static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The catalogue's regular expression compiled, or an {@link IllegalArgumentException} saying why not. */
    static Pattern pattern(String regex) {
        if (regex == null || regex.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("username pattern '" + regex + "' does not compile: "
                    + e.getDescription());
        }
    }

    /** Checks what every format needs of a URL template. */
    static String urlTemplate(String url, String field) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no " + field);
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException(field + " '" + url + "' is not an http(s) URL");
        }
        return url.strip();
    }

    static String method(String method) {
        String upper = method == null ? "GET" : method.strip().toUpperCase(java.util.Locale.ROOT);
        if (!List.of("GET", "HEAD", "POST", "PUT").contains(upper)) {
            throw new IllegalArgumentException("request method '" + method + "' is not GET, HEAD, POST or PUT");
        }
        return upper;
    }
}
