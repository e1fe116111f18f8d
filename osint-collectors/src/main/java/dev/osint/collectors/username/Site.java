package dev.osint.collectors.username;

import dev.osint.collectors.username.Detection.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One site of the catalogue: where a profile lives, how to ask for it and how to read the answer.
 *
 * @param name              the site's display name, unique within a catalogue (case-insensitively)
 * @param profileUrl        the profile page, {@code {username}} standing for the name; what a person opens. A site
 *                          checked only through a POST body (Discord's name check) has no name in it
 * @param probeUrl          where to ask instead of the profile page (an API), or null
 * @param mainUrl           the site's home page
 * @param detections        how to read the answer, one per catalogue that describes this request; all must agree
 * @param usernamePattern   the site's own name rule; a name it refuses is never sent (null: anything)
 * @param method            GET, HEAD, POST or PUT
 * @param headers           request headers the site needs
 * @param body              the request body for POST/PUT, {@code {username}} standing for the name, or null
 * @param walls             page texts meaning the site refused to answer (rate limit, login, captcha), each with the
 *                          reason to report: never read as found or not found
 * @param ignore403         the site serves its pages with 403, so a 403 is read rather than taken for a wall
 * @param rank              popularity, 1 the most popular; null when unknown
 * @param confidence        how much the detection is trusted, in [0, 1]
 * @param usernameClaimed   a name known to exist there, for the self-check
 * @param usernameUnclaimed a name known not to exist there, or null
 * @param source            the catalogue file or resource the entry was read from
 */
public record Site(String name, String profileUrl, String probeUrl, String mainUrl, List<Detection> detections,
                   Pattern usernamePattern, String method, Map<String, String> headers, String body,
                   Map<String, String> walls, boolean ignore403, List<String> tags, Integer rank, double confidence,
                   boolean nsfw, boolean disabled, String usernameClaimed, String usernameUnclaimed, String source) {
    public static final String PLACEHOLDER = NameTemplate.PLACEHOLDER;

    public Site {
        if (detections.isEmpty()) {
            throw new IllegalArgumentException("a site needs at least one detection");
        }
        detections = List.copyOf(detections);
        // in the catalogue's order, so that a written catalogue is the same bytes every time
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        walls = Collections.unmodifiableMap(new LinkedHashMap<>(walls));
        tags = List.copyOf(tags);
    }

    /** False when the site refuses this name (its rule, or a host-name placement it cannot take): no point asking. */
    public boolean allows(String username) {
        return (usernamePattern == null || usernamePattern.matcher(username).find())
                && NameTemplate.fits(requestTemplate(), username) && NameTemplate.fits(profileUrl, username);
    }

    /** The profile page of {@code username}. */
    public String profileUrlFor(String username) {
        return NameTemplate.url(profileUrl, username);
    }

    /** The URL the check requests: the probe URL when there is one, else the profile page. */
    public String requestUrlFor(String username) {
        return NameTemplate.url(requestTemplate(), username);
    }

    String requestTemplate() {
        return probeUrl != null ? probeUrl : profileUrl;
    }

    public String bodyFor(String username) {
        return body == null ? null : NameTemplate.body(body, username);
    }

    /** Redirects are followed unless a description reads the site by its redirect (Sherlock's {@code response_url}). */
    public boolean followsRedirects() {
        return detections.stream().noneMatch(d -> d.uses(Method.REDIRECT));
    }

    public boolean hasTag(String tag) {
        return tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag));
    }

    /** The catalogues whose descriptions decide this site, e.g. {@code sherlock+maigret}. */
    public String catalogues() {
        return detections.stream().map(Detection::catalogue).distinct().collect(Collectors.joining("+"));
    }

    /** The same site asking other addresses: used to point a catalogue at a test or benchmark server. */
    public Site withUrls(String newProfileUrl, String newProbeUrl) {
        return new Site(name, newProfileUrl, newProbeUrl, mainUrl, detections, usernamePattern, method, headers, body,
                walls, ignore403, tags, rank, confidence, nsfw, disabled, usernameClaimed, usernameUnclaimed, source);
    }

    /** The same site, also read by {@code more} (another catalogue's description of the same request). */
    Site withDetections(List<Detection> more, Map<String, String> moreWalls, boolean moreIgnore403) {
        List<Detection> all = new ArrayList<>(detections);
        more.forEach(d -> all.add(d.asSecondary()));
        Map<String, String> allWalls = new LinkedHashMap<>(walls);
        moreWalls.forEach(allWalls::putIfAbsent);
        return new Site(name, profileUrl, probeUrl, mainUrl, all, usernamePattern, method, headers, body, allWalls,
                ignore403 || moreIgnore403, tags, rank, confidence, nsfw, disabled, usernameClaimed, usernameUnclaimed,
                source);
    }

    /** The same site, enabled or not. */
    Site withDisabled(boolean value) {
        return new Site(name, profileUrl, probeUrl, mainUrl, detections, usernamePattern, method, headers, body, walls,
                ignore403, tags, rank, confidence, nsfw, value, usernameClaimed, usernameUnclaimed, source);
    }
}
