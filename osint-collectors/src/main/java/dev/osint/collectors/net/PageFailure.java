package dev.osint.collectors.net;

/** A {@link PageRequest} that got no usable answer, and of which kind, for the caller to report as it sees fit. */
public final class PageFailure extends Exception {
    /** Why no answer came. */
    public enum Kind {
        /** No complete answer (connect, headers, body, every hop) before the deadline. */
        TIMEOUT,
        /** The connection was refused or there is no route to the host. */
        UNREACHABLE,
        /** The connection broke, TLS failed, the answer was not HTTP. */
        NETWORK,
        /** The body passed the cap a caller set with {@link PageRequest#maxBodyBytes}. */
        TOO_LARGE,
        /** Too many redirects, one to an invalid or refused address. */
        REDIRECT,
        /** The request could not be built (a malformed URL, a header value the client refuses). */
        INVALID_REQUEST
    }

    private final Kind kind;

    public PageFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
