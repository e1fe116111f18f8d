package dev.osint.queue;

import dev.osint.core.Settings;
import java.time.Duration;

/**
 * Limits on what the API lets in: per submitter, scans a minute and unfinished scans at once; in all, unfinished
 * scans in the queue. Zero turns a limit off. Kept by the broker, so that several API processes share them.
 *
 * @param submitsPerMinute a token bucket per submitter: a burst of this many, refilled at this many a minute
 * @param maxQueued        the submitter's tasks that may be unfinished (waiting, running or retrying) at once
 * @param maxQueueLength   unfinished tasks of everybody at once; past it the queue is full
 */
public record SubmissionQuotas(int submitsPerMinute, int maxQueued, int maxQueueLength) {
    public static final String SUBMITS_PER_MINUTE_SETTING = "OSINT_QUOTA_SUBMITS_PER_MINUTE";
    public static final String MAX_QUEUED_SETTING = "OSINT_QUOTA_MAX_QUEUED";
    public static final String MAX_QUEUE_LENGTH_SETTING = "OSINT_MAX_QUEUE_LENGTH";
    public static final int DEFAULT_SUBMITS_PER_MINUTE = 600;
    public static final int DEFAULT_MAX_QUEUED = 1_000;
    public static final int DEFAULT_MAX_QUEUE_LENGTH = 100_000;

    /** No limit at all: in-process submissions (the CLI's own scans) and child scans. */
    public static final SubmissionQuotas NONE = new SubmissionQuotas(0, 0, 0);

    /** How long a submitter over {@code maxQueued} is told to wait: nothing says when one of its tasks ends. */
    public static final Duration MAX_QUEUED_RETRY_AFTER = Duration.ofSeconds(5);
    /** How long everybody is told to wait when the queue is full before the rate it drains at is measured. */
    public static final Duration QUEUE_FULL_RETRY_AFTER = Duration.ofSeconds(30);

    /** Which limit refused a submission, and the setting that sets it. */
    public enum Quota {
        SUBMITS_PER_MINUTE(SUBMITS_PER_MINUTE_SETTING),
        MAX_QUEUED(MAX_QUEUED_SETTING),
        QUEUE_LENGTH(MAX_QUEUE_LENGTH_SETTING);

        private final String setting;

        Quota(String setting) {
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }
    }

    public SubmissionQuotas {
        check(SUBMITS_PER_MINUTE_SETTING, submitsPerMinute);
        check(MAX_QUEUED_SETTING, maxQueued);
        check(MAX_QUEUE_LENGTH_SETTING, maxQueueLength);
    }

    private static void check(String setting, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(setting + " must be 0 (off) or more, got " + value);
        }
    }

    /**
     * The quotas the settings ask for. The per-submitter ones default to on (600 a minute, 1,000 unfinished)
     * when {@code perSubmitterByDefault}, else off; the queue length defaults to 100,000 either way.
     */
    public static SubmissionQuotas from(Settings settings, boolean perSubmitterByDefault) {
        return new SubmissionQuotas(
                settings.integer(SUBMITS_PER_MINUTE_SETTING, perSubmitterByDefault ? DEFAULT_SUBMITS_PER_MINUTE : 0),
                settings.integer(MAX_QUEUED_SETTING, perSubmitterByDefault ? DEFAULT_MAX_QUEUED : 0),
                settings.integer(MAX_QUEUE_LENGTH_SETTING, DEFAULT_MAX_QUEUE_LENGTH));
    }

    public boolean isNone() {
        return submitsPerMinute == 0 && maxQueued == 0 && maxQueueLength == 0;
    }

    /** The value of one limit. */
    public int limitOf(Quota quota) {
        return switch (quota) {
            case SUBMITS_PER_MINUTE -> submitsPerMinute;
            case MAX_QUEUED -> maxQueued;
            case QUEUE_LENGTH -> maxQueueLength;
        };
    }
}
