package dev.osint.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Child scans of a running scan (fan-out, like a Celery chord): queued as their own tasks, run by any
 * worker, awaited together. While a scan waits for its children it holds no worker slot, so parents cannot
 * starve their own children. Revoking the parent revokes its unfinished children.
 */
public interface SubScans {
    /**
     * Queues a child scan and answers its task id.
     *
     * @throws InvalidTargetException when the collector does not accept the target
     */
    String submit(String type, String target, Map<String, Object> options);

    /**
     * Waits until every one of {@code taskIds} has ended (or {@code timeout} passes) and answers their records
     * in the same order; {@code onEach} hears of each one as it ends.
     */
    List<TaskRecord> awaitAll(List<String> taskIds, Duration timeout, java.util.function.Consumer<TaskRecord> onEach)
            throws InterruptedException;
}
