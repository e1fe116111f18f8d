package dev.osint.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task as the broker stores it: what to run, and where it stands.
 *
 * @param progress percent, 0–100
 * @param stage    what the collector said it is doing
 * @param error    on FAILURE and REVOKED: {@code Kind: message}
 * @param retries  how many times it was retried so far
 * @param worker   the worker that holds or last held it
 * @param parentId the task that spawned it, for fan-out scans
 * @param owner    who submitted it: an API key's id, {@code anonymous@<client address>}, {@link #LOCAL_OWNER}, or
 *                 the owner of the parent for a child scan; never a secret. Null for a task stored without one.
 * @param history  every state it entered, oldest first; progress updates add PROCESSING once, not per update
 */
public record TaskRecord(String id, String type, Target target, Map<String, Object> options, String queue,
                         Priority priority, TaskState state, int progress, String stage, ScanResult result,
                         String error, int retries, Instant createdAt, Instant startedAt, Instant finishedAt,
                         String worker, String parentId, String owner, List<StateChange> history) {

    /** The owner of tasks submitted inside the process rather than through the API (the CLI's own scans). */
    public static final String LOCAL_OWNER = "local";

    public TaskRecord {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A new PENDING task. */
    public static TaskRecord pending(String id, String type, Target target, Map<String, Object> options, String queue,
                                     Priority priority, String parentId, Instant now) {
        return new TaskRecord(id, type, target, options == null ? Map.of() : options, queue, priority,
                TaskState.PENDING, 0, null, null, null, 0, now, null, null, null, parentId, null,
                List.of(new StateChange(TaskState.PENDING, now)));
    }

    public TaskRecord withState(TaskState next, Instant now) {
        return new TaskRecord(id, type, target, options, queue, priority, next, progress, stage, result, error, retries,
                createdAt, startedAt, finishedAt, worker, parentId, owner, then(next, now));
    }

    public TaskRecord started(String workerName, Instant now) {
        return new TaskRecord(id, type, target, options, queue, priority, TaskState.STARTED, 0, null, null, null,
                retries, createdAt, now, null, workerName, parentId, owner, then(TaskState.STARTED, now));
    }

    /** PROCESSING with new progress; only the first update after another state adds to the history. */
    public TaskRecord withProgress(int percent, String newStage, Instant now) {
        List<StateChange> steps = state == TaskState.PROCESSING ? history : then(TaskState.PROCESSING, now);
        return new TaskRecord(id, type, target, options, queue, priority, TaskState.PROCESSING, percent, newStage,
                result, error, retries, createdAt, startedAt, finishedAt, worker, parentId, owner, steps);
    }

    public TaskRecord retrying(String reason, Instant now) {
        return new TaskRecord(id, type, target, options, queue, priority, TaskState.RETRY, 0, null, null, reason,
                retries + 1, createdAt, startedAt, null, worker, parentId, owner, then(TaskState.RETRY, now));
    }

    public TaskRecord finished(TaskState finalState, ScanResult scanResult, String errorText, Instant now) {
        return new TaskRecord(id, type, target, options, queue, priority, finalState, 100, stage, scanResult,
                errorText, retries, createdAt, startedAt, now, worker, parentId, owner, then(finalState, now));
    }

    /** This task as submitted by {@code submitter}. */
    public TaskRecord withOwner(String submitter) {
        return new TaskRecord(id, type, target, options, queue, priority, state, progress, stage, result, error,
                retries, createdAt, startedAt, finishedAt, worker, parentId, submitter, history);
    }

    /** The same record without its result: what a listing carries. */
    public TaskRecord withoutResult() {
        return result == null ? this : new TaskRecord(id, type, target, options, queue, priority, state, progress,
                stage, null, error, retries, createdAt, startedAt, finishedAt, worker, parentId, owner, history);
    }

    private List<StateChange> then(TaskState next, Instant at) {
        List<StateChange> steps = new ArrayList<>(history.size() + 1);
        steps.addAll(history);
        steps.add(new StateChange(next, at));
        return steps;
    }
}
