package dev.osint.queue;

import dev.osint.core.TaskState;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of finished tasks by collector type and final state, retries by type, and run times by type as a
 * histogram: what {@code /metrics} shows. The in-memory broker and each worker keep one; the Redis broker keeps the
 * same figures in Redis, written by its scripts, and reads them back as a {@link Snapshot}.
 */
public final class TaskStatistics {
    /**
     * Upper bounds of the run-time buckets, in ms; a run longer than the last one counts only in the total. The same
     * list is {@code RUNTIME_BUCKETS_MS} in {@code lua/includes/common.lua}.
     */
    public static final List<Long> RUNTIME_BUCKETS_MS = List.of(50L, 100L, 250L, 500L, 1_000L, 2_500L, 5_000L,
            10_000L, 30_000L, 60_000L, 120_000L, 300_000L);

    private final Map<String, Map<TaskState, Long>> finished = new TreeMap<>();
    private final Map<String, Long> retries = new TreeMap<>();
    private final Map<String, long[]> buckets = new TreeMap<>();
    private final Map<String, long[]> totals = new TreeMap<>();

    /** Figures at one moment. */
    public record Snapshot(Map<String, Map<TaskState, Long>> finished, Map<String, Long> retries,
                           Map<String, RunTimes> runTimes) {
        public static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of());
    }

    /**
     * Run times of one collector type.
     *
     * @param buckets how many runs fell in each bucket of {@link #RUNTIME_BUCKETS_MS} (not cumulative)
     * @param count   every run counted, those longer than the last bucket included
     */
    public record RunTimes(List<Long> buckets, long count, long sumMillis) {}

    /**
     * Counts one final state; {@code runTime} (the last attempt's, from its start to its end) is null for a task that
     * did not run to its end on a worker, such as a revoked one.
     */
    public synchronized void finished(String type, TaskState state, Duration runTime) {
        finished.computeIfAbsent(type, t -> new EnumMap<>(TaskState.class)).merge(state, 1L, Long::sum);
        if (runTime != null) {
            long millis = Math.max(0, runTime.toMillis());
            long[] counts = buckets.computeIfAbsent(type, t -> new long[RUNTIME_BUCKETS_MS.size()]);
            int bucket = bucketOf(millis);
            if (bucket >= 0) {
                counts[bucket]++;
            }
            long[] total = totals.computeIfAbsent(type, t -> new long[2]);
            total[0]++;
            total[1] += millis;
        }
    }

    public synchronized void retried(String type) {
        retries.merge(type, 1L, Long::sum);
    }

    public synchronized Snapshot snapshot() {
        Map<String, Map<TaskState, Long>> finishedCopy = new TreeMap<>();
        finished.forEach((type, byState) -> finishedCopy.put(type, new EnumMap<>(byState)));
        Map<String, RunTimes> runTimes = new TreeMap<>();
        buckets.forEach((type, counts) -> {
            long[] total = totals.get(type);
            runTimes.put(type, new RunTimes(Arrays.stream(counts).boxed().toList(), total[0], total[1]));
        });
        return new Snapshot(finishedCopy, new TreeMap<>(retries), runTimes);
    }

    /** The bucket a run of {@code millis} falls in, or -1 when it is longer than the last bound. */
    public static int bucketOf(long millis) {
        for (int i = 0; i < RUNTIME_BUCKETS_MS.size(); i++) {
            if (millis <= RUNTIME_BUCKETS_MS.get(i)) {
                return i;
            }
        }
        return -1;
    }
}
