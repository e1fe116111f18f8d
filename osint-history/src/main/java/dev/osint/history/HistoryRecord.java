package dev.osint.history;

import dev.osint.core.StateChange;
import dev.osint.core.Entity;
import dev.osint.core.Priority;
import dev.osint.core.ScanResult;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished scan as the history keeps it: the request, how it went, and its result with its entities.
 *
 * @param owner        who submitted it: an API key's name, {@code anonymous@address}, or null when unknown
 * @param stateHistory the states it went through, oldest first
 * @param result       the collector's result (SUCCESS, and FAILURE with a partial result), else null
 */
public record HistoryRecord(String taskId, String type, String target, String targetKind, TaskState state,
                            Boolean success, String error, Map<String, Object> options, String queue,
                            String priority, String parentId, String worker, String owner, int retries,
                            Instant createdAt, Instant startedAt, Instant finishedAt,
                            List<StateChange> stateHistory, ScanResult result) {

    public HistoryRecord {
        options = options == null ? Map.of() : options;
        stateHistory = stateHistory == null ? List.of() : List.copyOf(stateHistory);
    }

    /** The history's copy of a task that reached its final state. */
    public static HistoryRecord of(TaskRecord task) {
        if (!task.state().isFinal()) {
            throw new IllegalArgumentException("task " + task.id() + " is " + task.state() + ", not finished");
        }
        Instant finishedAt = task.finishedAt() != null ? task.finishedAt() : Instant.now();
        ScanResult result = task.result();
        return new HistoryRecord(task.id(), task.type(), task.target().value(), task.target().kind().wireName(),
                task.state(), result == null ? null : result.success(), task.error(), task.options(), task.queue(),
                task.priority() == null ? null : task.priority().wireName(), task.parentId(), task.worker(),
                task.owner(), task.retries(), task.createdAt(), task.startedAt(), finishedAt,
                task.history().isEmpty() ? stateHistory(task, finishedAt) : task.history(), result);
    }

    /** For a record that carries no history of its own: its creation, its last start and its end. */
    private static List<StateChange> stateHistory(TaskRecord task, Instant finishedAt) {
        List<StateChange> changes = new ArrayList<>();
        if (task.createdAt() != null) {
            changes.add(new StateChange(TaskState.PENDING, task.createdAt()));
        }
        if (task.startedAt() != null) {
            changes.add(new StateChange(TaskState.STARTED, task.startedAt()));
        }
        changes.add(new StateChange(task.state(), finishedAt));
        return changes;
    }

    /** The result's entities, one per kind and value (the most confident sighting wins). */
    public List<Entity> entities() {
        if (result == null || result.entities() == null) {
            return List.of();
        }
        Map<String, Entity> byKey = new LinkedHashMap<>();
        for (Entity entity : result.entities()) {
            if (entity == null || entity.kind() == null || entity.value() == null || entity.value().isEmpty()) {
                continue;
            }
            byKey.merge(entity.kind().wireName() + "\u0000" + entity.value(), entity,
                    (kept, other) -> other.confidence() > kept.confidence() ? other : kept);
        }
        return List.copyOf(byKey.values());
    }

    /** The list view of this scan. */
    public ScanSummary summary() {
        return new ScanSummary(taskId, type, target, targetKind, state, success, error, worker, owner, createdAt,
                startedAt, finishedAt, entities().size());
    }

    /** The task as the broker showed it, for {@code GET /api/v1/scan/{id}} once the broker forgot it. */
    public TaskRecord toTaskRecord() {
        return new TaskRecord(taskId, type, new Target(TargetKind.fromWire(targetKind), target), options, queue,
                priority == null ? Priority.NORMAL : Priority.fromWire(priority), state, 100, null, result, error,
                retries, createdAt, startedAt, finishedAt, worker, parentId, owner, stateHistory);
    }
}
