package dev.osint.collectors.username;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * What a site answered, after any redirects were followed.
 *
 * @param requested the URL first asked for
 * @param answered  the URL that gave this answer (differs from {@code requested} after redirects)
 * @param body      the start of the body, decoded; empty for HEAD
 */
record SiteAnswer(URI requested, URI answered, int status, HttpHeaders headers, String body) {

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    boolean redirected() {
        return !requested.equals(answered);
    }

    boolean isRedirect() {
        return status >= 300 && status < 400 && header("location") != null;
    }
}
