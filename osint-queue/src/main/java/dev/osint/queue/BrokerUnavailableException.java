package dev.osint.queue;

/**
 * The broker cannot be reached (Redis down, cut off or still loading its data): nothing was decided, and the
 * same call may succeed later. The API answers 503; a worker waits and asks again.
 */
public final class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
