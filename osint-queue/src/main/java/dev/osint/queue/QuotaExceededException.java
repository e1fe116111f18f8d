package dev.osint.queue;

import java.time.Duration;

/** A submission refused by a quota; nothing was queued. The API answers 429, or 503 when the whole queue is full. */
public final class QuotaExceededException extends RuntimeException {
    private final SubmissionQuotas.Quota quota;
    private final int limit;
    private final Duration retryAfter;

    public QuotaExceededException(SubmissionQuotas.Quota quota, int limit, Duration retryAfter) {
        super(describe(quota, limit), null, false, false);
        this.quota = quota;
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    private static String describe(SubmissionQuotas.Quota quota, int limit) {
        return switch (quota) {
            case SUBMITS_PER_MINUTE -> "more than " + limit + " scans a minute were submitted with this key"
                    + " (or from this address); wait, or raise " + quota.setting();
            case MAX_QUEUED -> limit + " scans submitted with this key (or from this address) are still unfinished;"
                    + " wait for some to end, cancel some, or raise " + quota.setting();
            case QUEUE_LENGTH -> "the queue is full: " + limit + " scans are unfinished; the workers need time to"
                    + " catch up (or raise " + quota.setting() + ")";
        };
    }

    public SubmissionQuotas.Quota quota() {
        return quota;
    }

    public int limit() {
        return limit;
    }

    /** How long to wait before trying again; at least one second. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
