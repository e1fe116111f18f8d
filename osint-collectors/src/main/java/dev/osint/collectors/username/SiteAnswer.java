package dev.osint.collectors.username;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * What a site answered, after the redirects the check follows.
 *
 * @param requested the URL first asked for
 * @param answered  the URL that gave this answer (the last redirect followed, or {@code requested})
 * @param body      the start of the body, decoded; empty for HEAD
 * @param truncated the body was longer than what was read
 */
record SiteAnswer(URI requested, URI answered, int status, HttpHeaders headers, String body, boolean truncated) {

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    boolean redirected() {
        return !requested.equals(answered);
    }

    /** A redirect that was not followed. */
    boolean isRedirect() {
        return status >= 300 && status < 400 && header("location") != null;
    }

    /** 2xx, or 403 from a site that serves its pages with 403. */
    boolean isSuccess(boolean ignore403) {
        return status >= 200 && status < 300 || status == 403 && ignore403;
    }
}
