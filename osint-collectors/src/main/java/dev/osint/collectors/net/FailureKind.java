package dev.osint.collectors.net;

import dev.osint.core.CollectorException;
import java.time.Duration;
import java.util.Optional;

/**
 * Why a call to an upstream failed, carried by the exceptions of this package so that a collector can act on it
 * (fall back, mark a site TIMEOUT) without reading the message.
 */
public enum FailureKind {
    /** No answer (or no whole body) within the deadline. */
    TIMEOUT(true),
    /** The connection could not be made: refused, no route, the name does not resolve. */
    CONNECT_ERROR(true),
    /** The connection broke after it was made: reset, closed early, garbled. */
    NETWORK_ERROR(true),
    /** The upstream's circuit is open after repeated failures: not called until it half-opens. */
    CIRCUIT_OPEN(true),
    /** HTTP 429, or another status the request marked as worth a retry (408, 425). */
    RATE_LIMITED(true),
    /** HTTP 5xx. */
    SERVER_ERROR(true),
    /** HTTP 401/403 from an upstream that takes a key. */
    KEY_REFUSED(false),
    /** Another 4xx, or a status the request marked as a failure. */
    REQUEST_REFUSED(false),
    /** A redirect from an upstream whose redirects are not followed. */
    REDIRECTED(false),
    /** More redirects than allowed, or one without a usable Location. */
    TOO_MANY_REDIRECTS(false),
    /** A body past the cap. */
    TOO_LARGE(false),
    /** A body that does not parse. */
    MALFORMED(false),
    /** The SSRF guard refused the address (or scheme) of a user-influenced URL. */
    ADDRESS_REFUSED(false),
    /** The server's TLS certificate is not trusted, or not valid for the host name asked for. */
    CERTIFICATE_REFUSED(false);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** True when trying again later may work; the exception is then a {@link UpstreamUnavailableException}. */
    public boolean retryable() {
        return retryable;
    }

    /**
     * True when the upstream gave no answer at all (timeout, no connection, a broken one, an open circuit): where
     * a second source holds the same facts, asking it now beats waiting for this one's retries.
     */
    public boolean noAnswer() {
        return this == TIMEOUT || this == CONNECT_ERROR || this == NETWORK_ERROR || this == CIRCUIT_OPEN;
    }

    /** The exception for this kind: retryable or final as the kind is. */
    public CollectorException error(String message, Duration retryAfter) {
        return retryable ? new UpstreamUnavailableException(this, message, retryAfter)
                : new UpstreamFailureException(this, message);
    }

    public CollectorException error(String message) {
        return error(message, null);
    }

    /** The kind an exception of this package carries; empty for any other exception. */
    public static Optional<FailureKind> of(Throwable error) {
        if (error instanceof UpstreamUnavailableException unavailable) {
            return Optional.of(unavailable.kind());
        }
        if (error instanceof UpstreamFailureException failure) {
            return Optional.of(failure.kind());
        }
        return Optional.empty();
    }
}
