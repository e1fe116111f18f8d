package dev.osint.history;

import dev.osint.core.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One target's scans by one collector over time, oldest first, each with how its entities differ from the
 * previous successful scan's: what scheduled re-scans with change alerts are built on.
 */
public record Timeline(String target, String type, List<Entry> scans) {
    public static final int MAX_SCANS = 500;

    /**
     * @param entitiesAdded   entities this scan found that the previous successful scan did not (all of them for
     *                        the first)
     * @param entitiesRemoved entities the previous successful scan found that this one did not
     */
    public record Entry(String taskId, TaskState state, Instant finishedAt, int entityCount, int entitiesAdded,
                        int entitiesRemoved) {}

    static Timeline of(HistoryStore store, String target, String type, String owner, int most) {
        HistoryQuery query = new HistoryQuery(target, type, null, null, null, null, owner,
                Math.min(Math.max(1, most), MAX_SCANS), null);
        List<ScanSummary> newestFirst = store.search(query).items();
        List<ScanSummary> scans = new ArrayList<>(newestFirst.reversed());
        Map<String, Set<String>> keys = store.entityKeys(scans.stream().map(ScanSummary::taskId).toList());
        List<Entry> entries = new ArrayList<>();
        Set<String> previous = null;
        for (ScanSummary scan : scans) {
            Set<String> now = keys.getOrDefault(scan.taskId(), Set.of());
            if (scan.state() != TaskState.SUCCESS) {
                entries.add(new Entry(scan.taskId(), scan.state(), scan.finishedAt(), scan.entityCount(), 0, 0));
                continue;
            }
            Set<String> added = new HashSet<>(now);
            Set<String> removed = new HashSet<>();
            if (previous != null) {
                added.removeAll(previous);
                removed.addAll(previous);
                removed.removeAll(now);
            }
            entries.add(new Entry(scan.taskId(), scan.state(), scan.finishedAt(), scan.entityCount(), added.size(),
                    removed.size()));
            previous = now;
        }
        return new Timeline(target, type, entries);
    }
}
