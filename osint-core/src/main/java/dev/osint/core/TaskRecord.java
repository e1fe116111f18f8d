package dev.osint.core;

import java.time.Instant;
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
 */
public record TaskRecord(String id, String type, Target target, Map<String, Object> options, String queue,
                         Priority priority, TaskState state, int progress, String stage, ScanResult result,
                         String error, int retries, Instant createdAt, Instant startedAt, Instant finishedAt,
                         String worker, String parentId, String owner) {

    /** The owner of tasks submitted inside the process rather than through the API (the CLI's own scans). */
    public static final String LOCAL_OWNER = "local";

    /** A new PENDING task. */
    public static TaskRecord pending(String id, String type, Target target, Map<String, Object> options, String queue,
                                     Priority priority, String parentId, Instant now) {
        return new TaskRecord(id, type, target, options == null ? Map.of() : options, queue, priority,
                TaskState.PENDING, 0, null, null, null, 0, now, null, null, null, parentId, null);
    }

    public TaskRecord withState(TaskState next) {
        return new TaskRecord(id, type, target, options, queue, priority, next, progress, stage, result, error, retries,
                createdAt, startedAt, finishedAt, worker, parentId, owner);
    }

    public TaskRecord started(String workerName, Instant now) {
        return new TaskRecord(id, type, target, options, queue, priority, TaskState.STARTED, 0, null, null, null,
                retries, createdAt, now, null, workerName, parentId, owner);
    }

    public TaskRecord withProgress(int percent, String newStage) {
        return new TaskRecord(id, type, target, options, queue, priority, TaskState.PROCESSING, percent, newStage,
                result, error, retries, createdAt, startedAt, finishedAt, worker, parentId, owner);
    }

    public TaskRecord retrying(String reason) {
        return new TaskRecord(id, type, target, options, queue, priority, TaskState.RETRY, 0, null, null, reason,
                retries + 1, createdAt, startedAt, null, worker, parentId, owner);
    }

    public TaskRecord finished(TaskState finalState, ScanResult scanResult, String errorText, Instant now) {
        return new TaskRecord(id, type, target, options, queue, priority, finalState, 100, stage, scanResult,
                errorText, retries, createdAt, startedAt, now, worker, parentId, owner);
    }

    /** This task as submitted by {@code submitter}. */
    public TaskRecord withOwner(String submitter) {
        return new TaskRecord(id, type, target, options, queue, priority, state, progress, stage, result, error,
                retries, createdAt, startedAt, finishedAt, worker, parentId, submitter);
    }
}
