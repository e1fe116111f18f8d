package dev.osint.queue;

import java.time.Duration;

/**
 * How fast the workers finish tasks, from the broker's count of finished tasks sampled at refusals: tells a
 * submitter refused because the queue is full how long until a place frees, instead of a fixed wait.
 */
final class QueueDrain {
    /** Samples closer together than this are too short to measure a rate by. */
    private static final long MIN_SAMPLE_NANOS = Duration.ofSeconds(1).toNanos();
    /** A rate older than this no longer says how fast the queue drains now. */
    private static final long STALE_NANOS = Duration.ofMinutes(5).toNanos();
    static final Duration LONGEST = Duration.ofMinutes(5);

    private long sampledCount = -1;
    private long sampledAt;
    private double perNano;
    private long rateAt;

    /**
     * How long until {@code tasks} more tasks have finished at the rate measured up to {@code finishedNow} (the
     * broker's count of finished tasks at {@code nowNanos}); {@code unknown} while no rate has been measured
     * (the first refusal, or no task finished in the last measure). Whole seconds, from one second to five minutes.
     */
    synchronized Duration untilFinished(long tasks, long finishedNow, long nowNanos, Duration unknown) {
        if (sampledCount < 0 || finishedNow < sampledCount) {
            sampledCount = finishedNow;
            sampledAt = nowNanos;
        } else if (nowNanos - sampledAt >= MIN_SAMPLE_NANOS) {
            perNano = (double) (finishedNow - sampledCount) / (nowNanos - sampledAt);
            rateAt = nowNanos;
            sampledCount = finishedNow;
            sampledAt = nowNanos;
        }
        if (perNano <= 0 || nowNanos - rateAt > STALE_NANOS) {
            return unknown;
        }
        long seconds = (long) Math.ceil(tasks / perNano / 1e9);
        return Duration.ofSeconds(Math.clamp(seconds, 1, LONGEST.toSeconds()));
    }
}
