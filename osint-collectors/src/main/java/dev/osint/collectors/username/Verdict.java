package dev.osint.collectors.username;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A site's answer judged: the status, the few words that explain it, and what decided it, so that an analyst can
 * weigh a FOUND: which catalogue's description and which of its checks, and what matched.
 *
 * @param catalogue     {@code sherlock}, {@code maigret}, {@code osint} (the project's own rules: walls, redirects
 *                      away, soft 404s, the random-name control) or an operator's file; joined with {@code +} when
 *                      several agreed
 * @param check         that catalogue's name for the check ({@code status_code}, {@code message}, {@code wall}, …)
 * @param matchedStatus the HTTP status judged, or null without an answer
 * @param matchedString the absence, presence or wall text found in the page, or null
 * @param finalUrl      the address that gave the answer judged (after redirects), or where a redirect pointed
 * @param retryAfter    for a rate limit: how long the site asked to wait (null: not said); null otherwise
 */
record Verdict(SiteStatus status, String reason, String catalogue, String check, Integer matchedStatus,
               String matchedString, String finalUrl, Duration retryAfter) {

    static Verdict of(SiteStatus status, String reason, String catalogue, String check, SiteAnswer answer,
                      String matchedString) {
        return new Verdict(status, reason, catalogue, check, answer.status(), matchedString,
                answer.answered().toString(), null);
    }

    /** A verdict reached without an answer (a refused name, a timeout). */
    static Verdict without(SiteStatus status, String reason, String check) {
        return new Verdict(status, reason, Verdict.OWN, check, null, null, null, null);
    }

    /** The project's own rules, beside the catalogues'. */
    static final String OWN = "osint";

    boolean isRateLimit() {
        return status == SiteStatus.BLOCKED && check.equals(BotWall.RATE_LIMIT);
    }

    Verdict withReason(String newReason) {
        return new Verdict(status, newReason, catalogue, check, matchedStatus, matchedString, finalUrl, retryAfter);
    }

    Verdict withRetryAfter(Duration wait) {
        return new Verdict(status, reason, catalogue, check, matchedStatus, matchedString, finalUrl, wait);
    }

    /** {@code {"status": 200, "string": "…", "final_url": "…"}}, without what is unknown. */
    Map<String, Object> matched() {
        Map<String, Object> matched = new LinkedHashMap<>();
        if (matchedStatus != null) {
            matched.put("status", matchedStatus);
        }
        if (matchedString != null) {
            matched.put("string", matchedString);
        }
        if (finalUrl != null) {
            matched.put("final_url", finalUrl);
        }
        return matched;
    }
}
