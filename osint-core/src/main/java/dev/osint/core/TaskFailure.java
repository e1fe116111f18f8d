package dev.osint.core;

import java.util.Optional;

/**
 * Why a task ended in FAILURE: the {@code Kind} of its {@code Kind: message} error text ({@link TaskRecord#error()}).
 * The worker writes the text with {@link #error(String)}; whoever acts on the kind reads it with
 * {@link #of(TaskRecord)}, never by comparing texts.
 */
public enum TaskFailure {
    /** No collector of the task's type on the worker that took it. */
    NOT_REGISTERED("NotRegistered"),
    /** The task's options do not fit its collector's. */
    INVALID_OPTIONS("InvalidOptions"),
    /** The collector failed for good (a missing or refused key, a malformed answer): a {@link CollectorException}. */
    COLLECTOR_ERROR("CollectorError"),
    /** It kept failing in a way worth a retry ({@link RetryableCollectorException}) until the retries ran out. */
    MAX_RETRIES_EXCEEDED("MaxRetriesExceeded"),
    /** The soft time limit passed and the collector returned no partial result. */
    SOFT_TIME_LIMIT_EXCEEDED("SoftTimeLimitExceeded"),
    /** The hard time limit passed and the collector was stopped. */
    TIME_LIMIT_EXCEEDED("TimeLimitExceeded"),
    /** The collector threw something no collector should (a bug): the text's kind is the exception's class name. */
    CRASHED(null);

    private static final String SEPARATOR = ": ";

    private final String label;

    TaskFailure(String label) {
        this.label = label;
    }

    /** The {@code Kind} as the error text shows it ({@code MaxRetriesExceeded}); null for {@link #CRASHED}. */
    public String label() {
        return label;
    }

    /** The error text of a task that failed this way: {@code Kind: message}. */
    public String error(String message) {
        if (this == CRASHED) {
            throw new IllegalStateException("a crash is written with crashed(exception), which names it");
        }
        return label + SEPARATOR + message;
    }

    /** The error text of a collector that crashed: the exception's class name is the kind, as a stack trace shows it. */
    public static String crashed(Throwable error) {
        return error.getClass().getSimpleName() + SEPARATOR + error.getMessage();
    }

    /** How {@code task} failed; empty unless it is in FAILURE with an error text. */
    public static Optional<TaskFailure> of(TaskRecord task) {
        if (task.state() != TaskState.FAILURE || task.error() == null) {
            return Optional.empty();
        }
        return Optional.of(ofText(task.error()));
    }

    /** The kind an error text names; any kind the worker does not write itself is a crash. */
    static TaskFailure ofText(String error) {
        int end = error.indexOf(SEPARATOR);
        String kind = end < 0 ? error : error.substring(0, end);
        for (TaskFailure failure : values()) {
            if (kind.equals(failure.label)) {
                return failure;
            }
        }
        return CRASHED;
    }
}
