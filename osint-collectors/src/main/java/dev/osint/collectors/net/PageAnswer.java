package dev.osint.collectors.net;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;

/**
 * What a {@link PageRequest} got back, after the redirects it was allowed to follow.
 *
 * @param requested the URL first asked for
 * @param url       the URL that gave this answer: {@code requested}, or the last redirect followed
 * @param redirects every address a redirect led to, in order; empty when none was followed
 * @param body      the body as read: whole, or its first bytes when {@code truncated}
 */
public record PageAnswer(URI requested, URI url, List<URI> redirects, int status, HttpHeaders headers, byte[] body,
                         boolean truncated) {

    /** The body decoded with the charset the Content-Type names, UTF-8 otherwise. */
    public String text() {
        return new RawResponse(status, headers, body).text();
    }

    /** The first value of a response header, or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
