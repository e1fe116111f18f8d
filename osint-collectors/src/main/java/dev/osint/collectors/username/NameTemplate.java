package dev.osint.collectors.username;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Puts a username into a catalogue's URL or body template so that the name stays one value where the template
 * puts it: in a path or query it is percent-encoded (a {@code /}, {@code ?}, {@code #} or a dot segment cannot
 * change the address), in a host name it must be one DNS label, in a JSON body it is a JSON string's content.
 */
final class NameTemplate {
    static final String PLACEHOLDER = "{username}";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private NameTemplate() {}

    /** Where in a URL the placeholder stands. */
    enum Part { HOST, PATH, QUERY, FRAGMENT }

    /** {@code template} with every placeholder replaced; an {@link IllegalArgumentException} if the name cannot go there. */
    static String url(String template, String username) {
        StringBuilder out = new StringBuilder(template.length() + username.length());
        int from = 0;
        for (int at = template.indexOf(PLACEHOLDER); at >= 0; at = template.indexOf(PLACEHOLDER, from)) {
            out.append(template, from, at);
            out.append(switch (partAt(template, at)) {
                case HOST -> label(username);
                case PATH, QUERY, FRAGMENT -> encode(username);
            });
            from = at + PLACEHOLDER.length();
        }
        return out.append(template.substring(from)).toString();
    }

    /** True when {@code username} can be put into {@code template} (a host-name placement needs a DNS label). */
    static boolean fits(String template, String username) {
        for (int at = template.indexOf(PLACEHOLDER); at >= 0; at = template.indexOf(PLACEHOLDER, at + 1)) {
            if (partAt(template, at) == Part.HOST && !LABEL.matcher(username).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code template} with the name put in: a JSON body (it starts with {@code {} or {@code [}) gets it as JSON
     * string content, any other body form-encoded.
     */
    static String body(String template, String username) {
        String trimmed = template.stripLeading();
        boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
        String value = json ? new String(JsonStringEncoder.getInstance().quoteAsString(username))
                : URLEncoder.encode(username, StandardCharsets.UTF_8);
        return template.replace(PLACEHOLDER, value);
    }

    static Part partAt(String template, int index) {
        int schemeEnd = template.indexOf("://");
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < template.length() && "/?#".indexOf(template.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        if (index >= authorityStart && index < authorityEnd) {
            return Part.HOST;
        }
        int fragment = template.indexOf('#', authorityEnd);
        if (fragment >= 0 && index > fragment) {
            return Part.FRAGMENT;
        }
        int query = template.indexOf('?', authorityEnd);
        return query >= 0 && index > query ? Part.QUERY : Part.PATH;
    }

    private static String label(String username) {
        if (!LABEL.matcher(username).matches()) {
            throw new IllegalArgumentException("'" + username + "' cannot be part of a host name (letters, digits"
                    + " and inner hyphens only)");
        }
        return username;
    }

    /**
     * Every byte outside RFC 3986's unreserved characters percent-encoded; a name made only of dots too, so it can
     * never be read as a {@code .} or {@code ..} path segment.
     */
    static String encode(String username) {
        boolean dotsOnly = !username.isEmpty() && username.chars().allMatch(c -> c == '.');
        StringBuilder out = new StringBuilder();
        for (byte b : username.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '~' || c == '.' && !dotsOnly;
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
