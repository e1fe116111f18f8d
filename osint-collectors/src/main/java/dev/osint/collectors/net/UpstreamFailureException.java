package dev.osint.collectors.net;

import dev.osint.core.CollectorException;

/** An upstream call that will not work by trying again (refused key, 4xx, malformed or oversize body), with its kind. */
public final class UpstreamFailureException extends CollectorException {
    private final FailureKind kind;

    UpstreamFailureException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
