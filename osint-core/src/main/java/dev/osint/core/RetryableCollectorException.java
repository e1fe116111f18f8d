package dev.osint.core;

import java.time.Duration;

/** A scan that may succeed later (timeout, 5xx, 429); the queue retries it with backoff. */
public class RetryableCollectorException extends CollectorException {
    private final Duration retryAfter;

    public RetryableCollectorException(String message) {
        this(message, null, null);
    }

    public RetryableCollectorException(String message, Duration retryAfter) {
        this(message, retryAfter, null);
    }

    public RetryableCollectorException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** What the upstream asked for (Retry-After), or null to use the queue's backoff. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
