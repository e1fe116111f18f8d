package dev.osint.core;

/** A scan that cannot succeed by trying again (missing or refused key, bad target, malformed answer). */
public class CollectorException extends RuntimeException {
    public CollectorException(String message) {
        super(message);
    }

    public CollectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
