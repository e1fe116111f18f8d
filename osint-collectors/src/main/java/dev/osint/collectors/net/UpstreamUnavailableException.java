package dev.osint.collectors.net;

import dev.osint.core.RetryableCollectorException;
import java.time.Duration;

/** An upstream call that may work later (timeout, connection failure, 5xx, 429, open circuit), with its kind. */
public final class UpstreamUnavailableException extends RetryableCollectorException {
    private final FailureKind kind;

    UpstreamUnavailableException(FailureKind kind, String message, Duration retryAfter) {
        super(message, retryAfter);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
