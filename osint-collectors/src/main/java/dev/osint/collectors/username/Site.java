package dev.osint.collectors.username;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One site of the catalogue: where a profile lives, how to ask for it and how to read the answer.
 *
 * @param name            the site's display name, unique within a catalogue (case-insensitively)
 * @param profileUrl      the profile page, {@code {username}} standing for the name; what a person opens
 * @param probeUrl        where to ask instead of the profile page (an API), or null
 * @param mainUrl         the site's home page
 * @param usernamePattern what the site allows; a name it refuses is never sent (null: anything)
 * @param method          GET, HEAD, POST or PUT
 * @param headers         request headers the site needs
 * @param body            the request body for POST/PUT, {@code {username}} substituted, or null
 * @param rank            popularity, 1 the most popular; null when unknown
 * @param confidence      how much the detection is trusted, in [0, 1]
 * @param usernameClaimed a name known to exist there, for checking the entry by hand
 */
public record Site(String name, String profileUrl, String probeUrl, String mainUrl, Detection detection,
                   Pattern usernamePattern, String method, Map<String, String> headers, String body,
                   List<String> tags, Integer rank, double confidence, boolean nsfw, boolean disabled,
                   String usernameClaimed, String source) {
    public static final String PLACEHOLDER = "{username}";

    public Site {
        headers = Map.copyOf(headers);
        tags = List.copyOf(tags);
    }

    /** False when the site refuses this name, so there is no point asking. */
    public boolean allows(String username) {
        return usernamePattern == null || usernamePattern.matcher(username).find();
    }

    /** The profile page of {@code username}. */
    public String profileUrlFor(String username) {
        return substitute(profileUrl, username);
    }

    /** The URL the check requests: the probe URL when there is one, else the profile page. */
    public String requestUrlFor(String username) {
        return substitute(probeUrl != null ? probeUrl : profileUrl, username);
    }

    public String bodyFor(String username) {
        return body == null ? null : body.replace(PLACEHOLDER, username);
    }

    public boolean hasTag(String tag) {
        return tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag));
    }

    /** The same site asking another host: used to point a catalogue at a test or benchmark server. */
    public Site withUrls(String newProfileUrl, String newProbeUrl) {
        return new Site(name, newProfileUrl, newProbeUrl, mainUrl, detection, usernamePattern, method, headers, body,
                tags, rank, confidence, nsfw, disabled, usernameClaimed, source);
    }

    private static String substitute(String template, String username) {
        return template.replace(PLACEHOLDER, encode(username));
    }

    /** The name as it goes into a URL: names are letters, digits, '.', '_' and '-', so only non-ASCII letters change. */
    static String encode(String username) {
        return URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
