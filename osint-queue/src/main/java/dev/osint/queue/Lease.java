package dev.osint.queue;

import dev.osint.core.TaskRecord;

/**
 * A worker's hold on a running task. Only the holder of the current token may report progress or write the
 * final state; a lease that is not renewed expires and the task goes back to its queue.
 *
 * @param token {@code workerName:counter}, unique per take
 */
public record Lease(String taskId, String token, TaskRecord task) {}
