package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads one catalogue format into {@link Site}s; entries it cannot or will not read are skipped, each with why. */
interface CatalogueReader {
    /** The sites of {@code root}; each entry left out adds one {@link Skip} to {@code skipped}. */
    List<Site> read(JsonNode root, String source, List<Skip> skipped);

    /** An entry left out of a catalogue, and why. */
    record Skip(String site, String why) {
        /** As a warning line: {@code source: site 'X' skipped: why}. */
        String describe(String source) {
            return source + ": site '" + site + "' skipped: " + why;
        }
    }

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

    /**
     * A Python regular expression (Sherlock's and Maigret's {@code regexCheck}, searched with {@code re.search}) as
     * Java reads it: {@code {,n}} is {@code {0,n}}, {@code (?P<name>} and {@code (?P=name)} are named groups,
     * {@code \Z} is the very end, and {@code \w} and {@code \d} match every script as in Python 3 ({@code (?U)}).
     */
    static Pattern pythonPattern(String regex) {
        if (regex == null || regex.isEmpty()) {
            return null;
        }
        String java = regex.replaceAll("(?<!\\\\)\\{,(\\d+)}", "{0,$1}")
                .replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>")
                .replace("\\Z", "\\z");
        return pattern("(?U)" + java);
    }

    /** Checks what every format needs of a URL template. */
    static String urlTemplate(String url, String field) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no " + field);
        }
        String trimmed = url.strip();
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw new IllegalArgumentException(field + " '" + url + "' is not an http(s) URL");
        }
        return trimmed;
    }

    static String method(String method) {
        String upper = method == null ? "GET" : method.strip().toUpperCase(Locale.ROOT);
        if (!List.of("GET", "HEAD", "POST", "PUT").contains(upper)) {
            throw new IllegalArgumentException("request method '" + method + "' is not GET, HEAD, POST or PUT");
        }
        return upper;
    }

    /**
     * Refuses request headers a catalogue must not make us send: credentials (a session cookie, a bearer or guest
     * token copied into a public file belongs to someone else) and {@code Host}, which the HTTP client cannot set.
     */
    static Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = stringMap(node);
        for (String name : headers.keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie") || lower.contains("authorization") || lower.contains("token")
                    || lower.contains("session") || lower.contains("csrf") || lower.contains("api-key")
                    || lower.contains("apikey")) {
                throw new IllegalArgumentException("it sends a credential header (" + name + "): a token or cookie"
                        + " from a public file is not ours to use");
            }
            if (lower.equals("host")) {
                throw new IllegalArgumentException("it needs a Host header the HTTP client cannot send");
            }
        }
        return headers;
    }

    /** Checks the templates fit together: a name in the request (URL or body) and at most one place in the profile URL. */
    static void placeholders(String profileUrl, String probeUrl, String body) {
        String request = probeUrl != null ? probeUrl : profileUrl;
        int inRequest = count(request) + (body == null ? 0 : count(body));
        if (inRequest == 0) {
            throw new IllegalArgumentException("neither its URL nor its body has a place for the name");
        }
        if (count(profileUrl) > 1 || count(request) > 1 || body != null && count(body) > 1) {
            throw new IllegalArgumentException("a template holds the name more than once");
        }
    }

    private static int count(String template) {
        int count = 0;
        for (int at = template.indexOf(Site.PLACEHOLDER); at >= 0; at = template.indexOf(Site.PLACEHOLDER, at + 1)) {
            count++;
        }
        return count;
    }
}
