package dev.osint.queue;

import dev.osint.core.TaskState;

/** A finished task was expected (to run its request again), but the task still waits or runs. */
public final class TaskNotFinishedException extends RuntimeException {
    private final TaskState state;

    public TaskNotFinishedException(String taskId, TaskState state) {
        super("task " + taskId + " is " + state + ", not finished");
        this.state = state;
    }

    public TaskState state() {
        return state;
    }
}
