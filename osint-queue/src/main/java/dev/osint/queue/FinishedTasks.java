package dev.osint.queue;

import dev.osint.core.Settings;
import dev.osint.core.TaskRecord;
import java.time.Duration;
import java.util.List;

/**
 * Tasks that reached a final state (SUCCESS, FAILURE, REVOKED), handed to the history writer: each is
 * delivered at least once and again until acknowledged, so a record survives the process that would have
 * written it. The in-memory broker keeps them in this process; the Redis broker in a stream read by a consumer
 * group (see {@code docs/HISTORY.md}).
 */
public interface FinishedTasks {
    /** {@code OSINT_HISTORY_BACKLOG}: the most finished tasks kept waiting for the writer. */
    int DEFAULT_BACKLOG = 100_000;
    /**
     * {@code OSINT_HISTORY_CLAIM_AFTER}: how long a finished task a reader took may stay unacknowledged before another
     * reader takes it over; longer than any database write of one batch, so a live reader keeps its tasks.
     */
    Duration DEFAULT_CLAIM_AFTER = Duration.ofMinutes(2);

    /** One finished task as delivered; {@code id} is what {@link #ack} takes back. */
    record Delivery(String id, TaskRecord task) {}

    /**
     * The next finished tasks, up to {@code most}, waiting up to {@code wait} for the first; includes tasks that
     * another reader took and never acknowledged (it died) once they have waited long enough.
     */
    List<Delivery> poll(int most, Duration wait) throws InterruptedException;

    /** These deliveries are stored: they are never handed out again. */
    void ack(List<Delivery> delivered);

    /** Finished tasks not yet acknowledged, delivered or not. */
    long backlog();

    /** Finished tasks not kept because the backlog was full, since the broker's data began. */
    long dropped();

    /**
     * How many finished tasks a broker keeps for the history writer: {@code OSINT_HISTORY_BACKLOG} (100,000), or 0
     * when {@code OSINT_HISTORY=off}. Every process that finishes tasks (workers too) must agree on it.
     */
    static Duration claimAfterFrom(Settings settings) {
        Duration claimAfter = settings.seconds("OSINT_HISTORY_CLAIM_AFTER", DEFAULT_CLAIM_AFTER.toSeconds());
        if (claimAfter.isZero()) {
            throw new IllegalArgumentException("OSINT_HISTORY_CLAIM_AFTER must be more than 0 seconds");
        }
        return claimAfter;
    }

    static int backlogFrom(Settings settings) {
        if (!settings.bool("OSINT_HISTORY", true)) {
            return 0;
        }
        int backlog = settings.integer("OSINT_HISTORY_BACKLOG", DEFAULT_BACKLOG);
        if (backlog < 1) {
            throw new IllegalArgumentException("OSINT_HISTORY_BACKLOG must be at least 1, got " + backlog
                    + " (to turn history off set OSINT_HISTORY=off)");
        }
        return backlog;
    }
}
