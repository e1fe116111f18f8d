package dev.osint.collectors.username;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of checking one site.
 *
 * @param username the name asked about
 * @param url      the profile URL (what a person would open), not the probe
 * @param verdict  the status, why, and what decided it
 * @param control  the random name a FOUND was held against and what the site said of it; null when none was asked
 */
public record SiteResult(Site site, String username, String url, Verdict verdict, long elapsedMs, Control control) {

    /** The random name asked after a FOUND. */
    public record Control(String username, SiteStatus status, String reason) {}

    public SiteStatus status() {
        return verdict.status();
    }

    public String reason() {
        return verdict.reason();
    }

    /** The result as the collector's data lists it. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("site", site.name());
        map.put("url", url);
        map.put("status", verdict.status().name());
        map.put("http_status", verdict.matchedStatus());
        map.put("elapsed_ms", elapsedMs);
        map.put("tags", site.tags());
        map.put("rank", site.rank());
        map.put("reason", verdict.reason());
        map.put("catalogue", verdict.catalogue());
        map.put("check", verdict.check());
        map.put("matched", verdict.matched());
        if (control != null) {
            map.put("control", Map.of("username", control.username(), "status", control.status().name()));
        }
        return map;
    }
}
