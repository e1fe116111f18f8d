package dev.osint.collectors.net;

import java.net.http.HttpHeaders;

/**
 * An upstream's answer once the status was mapped: either a body, or "nothing found" (by default a 404)
 * that a collector turns into {@link dev.osint.core.CollectorOutput#notFound}.
 */
public final class UpstreamAnswer<T> {
    private final int status;
    private final T body;
    private final String errorText;
    private final HttpHeaders headers;

    private UpstreamAnswer(int status, T body, String errorText, HttpHeaders headers) {
        this.status = status;
        this.body = body;
        this.errorText = errorText;
        this.headers = headers;
    }

    static <T> UpstreamAnswer<T> found(int status, T body, HttpHeaders headers) {
        return new UpstreamAnswer<>(status, body, null, headers);
    }

    static <T> UpstreamAnswer<T> notFound(int status, String errorText, HttpHeaders headers) {
        return new UpstreamAnswer<>(status, null, errorText, headers);
    }

    public boolean isFound() {
        return errorText == null;
    }

    public boolean isNotFound() {
        return !isFound();
    }

    /** The parsed body; only for a found answer. */
    public T body() {
        if (!isFound()) {
            throw new IllegalStateException("a not-found answer (HTTP " + status + ") has no body; check isFound()");
        }
        return body;
    }

    /** For a not-found answer: the body as text (capped, key masked), e.g. to read a JSON error code. */
    public String errorText() {
        return errorText == null ? "" : errorText;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
