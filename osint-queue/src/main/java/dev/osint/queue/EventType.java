package dev.osint.queue;

import dev.osint.core.TaskState;
import java.util.Locale;
import java.util.Optional;

/**
 * What a broker event says happened. The wire names ({@code task-started}, …) are the SSE event names and the
 * names the Redis scripts write into the event stream.
 */
public enum EventType {
    TASK_SUBMITTED, TASK_STARTED, TASK_PROGRESS, TASK_RETRIED, TASK_REQUEUED, TASK_SUCCEEDED, TASK_FAILED,
    TASK_REVOKED, WORKER_ONLINE, WORKER_HEARTBEAT, WORKER_OFFLINE;

    private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String wireName() {
        return wireName;
    }

    public boolean isTaskEvent() {
        return name().startsWith("TASK_");
    }

    public static Optional<EventType> fromWire(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * The event of a task entering {@code state}: PENDING is a submit the first time and a requeue after a worker
     * handed the task back (warm shutdown, or its lease lapsed).
     */
    public static EventType entering(TaskState state, boolean firstTime) {
        return switch (state) {
            case PENDING -> firstTime ? TASK_SUBMITTED : TASK_REQUEUED;
            case STARTED -> TASK_STARTED;
            case PROCESSING -> TASK_PROGRESS;
            case RETRY -> TASK_RETRIED;
            case SUCCESS -> TASK_SUCCEEDED;
            case FAILURE -> TASK_FAILED;
            case REVOKED -> TASK_REVOKED;
        };
    }
}
