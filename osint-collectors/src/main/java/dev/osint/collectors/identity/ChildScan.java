package dev.osint.collectors.identity;

import dev.osint.core.ScanResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one planned child scan went.
 *
 * @param taskId null when it was never queued (skipped)
 * @param state  a task state, {@code SKIPPED} (no such collector, or it refused the target) or {@code UNFINISHED}
 *               (the identity scan stopped first)
 * @param result the child's result when it succeeded, else null
 */
public record ChildScan(PlannedScan plan, int round, String taskId, String state, String error, ScanResult result) {
    public static final String SKIPPED = "SKIPPED";
    public static final String UNFINISHED = "UNFINISHED";

    /** The result's {@code children[]} entry. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("task_id", taskId);
        map.put("type", plan.type());
        map.put("target", plan.target());
        map.put("purpose", plan.purpose());
        map.put("round", round);
        map.put("state", state);
        if (error != null) {
            map.put("error", error);
        }
        return map;
    }
}
