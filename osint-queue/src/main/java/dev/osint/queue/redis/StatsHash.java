package dev.osint.queue.redis;

import dev.osint.core.TaskState;
import dev.osint.queue.TaskStatistics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Redis broker's task figures, one hash the scripts count into: {@code finished:<type>:<STATE>},
 * {@code retried:<type>}, and per type a run-time histogram {@code runtime:<type>:le:<ms>} (runs in that bucket, not
 * cumulative), {@code runtime:<type>:count} and {@code runtime:<type>:sum_ms}.
 */
final class StatsHash {
    private StatsHash() {}

    static TaskStatistics.Snapshot read(Map<String, String> fields) {
        Map<String, Map<TaskState, Long>> finished = new TreeMap<>();
        Map<String, Long> retries = new TreeMap<>();
        Map<String, long[]> runTimes = new TreeMap<>();
        fields.forEach((field, text) -> {
            long value = Long.parseLong(text);
            if (field.startsWith("finished:")) {
                int colon = field.lastIndexOf(':');
                finished.computeIfAbsent(field.substring("finished:".length(), colon),
                        t -> new EnumMap<>(TaskState.class)).put(TaskState.valueOf(field.substring(colon + 1)), value);
            } else if (field.startsWith("retried:")) {
                retries.put(field.substring("retried:".length()), value);
            } else if (field.startsWith("runtime:")) {
                runTime(field.substring("runtime:".length()), value, runTimes);
            }
        });
        Map<String, TaskStatistics.RunTimes> histograms = new TreeMap<>();
        runTimes.forEach((type, slots) -> {
            List<Long> buckets = new ArrayList<>(TaskStatistics.RUNTIME_BUCKETS_MS.size());
            for (int i = 0; i < TaskStatistics.RUNTIME_BUCKETS_MS.size(); i++) {
                buckets.add(slots[i]);
            }
            int count = TaskStatistics.RUNTIME_BUCKETS_MS.size();
            histograms.put(type, new TaskStatistics.RunTimes(Collections.unmodifiableList(buckets), slots[count],
                    slots[count + 1]));
        });
        return new TaskStatistics.Snapshot(finished, retries, histograms);
    }

    /** One {@code <type>:le:<ms>}, {@code <type>:count} or {@code <type>:sum_ms} field, into the type's slots. */
    private static void runTime(String field, long value, Map<String, long[]> runTimes) {
        int buckets = TaskStatistics.RUNTIME_BUCKETS_MS.size();
        int le = field.lastIndexOf(":le:");
        if (le >= 0) {
            int slot = TaskStatistics.RUNTIME_BUCKETS_MS.indexOf(Long.parseLong(field.substring(le + 4)));
            if (slot >= 0) { // a bound this version does not know is left out
                runTimes.computeIfAbsent(field.substring(0, le), t -> new long[buckets + 2])[slot] = value;
            }
            return;
        }
        int colon = field.lastIndexOf(':');
        long[] slots = runTimes.computeIfAbsent(field.substring(0, colon), t -> new long[buckets + 2]);
        switch (field.substring(colon + 1)) {
            case "count" -> slots[buckets] = value;
            case "sum_ms" -> slots[buckets + 1] = value;
            default -> { }
        }
    }
}
