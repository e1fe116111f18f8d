package dev.osint.history;

/** The history's database cannot be reached or refused a statement; the message says which and why. */
public final class HistoryUnavailableException extends RuntimeException {
    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
