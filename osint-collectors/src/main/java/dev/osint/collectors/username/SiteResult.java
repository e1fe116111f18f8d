package dev.osint.collectors.username;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of checking one site.
 *
 * @param url        the profile URL (what a person would open), not the probe
 * @param httpStatus the last HTTP status seen, or null when no answer came
 * @param reason     why the status was chosen, in a few words
 */
public record SiteResult(Site site, SiteStatus status, String url, Integer httpStatus, long elapsedMs,
                         String reason) {

    /** The result as the collector's data lists it. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("site", site.name());
        map.put("url", url);
        map.put("status", status.name());
        map.put("http_status", httpStatus);
        map.put("elapsed_ms", elapsedMs);
        map.put("tags", site.tags());
        map.put("rank", site.rank());
        map.put("reason", reason);
        return map;
    }
}
