package dev.osint.queue;

import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Instant;

/**
 * Something that happened to a task or a worker, as every API process sees it. Ids increase and are opaque to
 * clients; {@link EventIds} compares them.
 */
public sealed interface BrokerEvent {
    String id();

    EventType type();

    Instant at();

    /**
     * A task changed state or progress.
     *
     * @param collectorType the task's collector type
     * @param error         on RETRY the reason, on FAILURE and REVOKED the error
     */
    record TaskEvent(String id, EventType type, Instant at, String taskId, String collectorType, String target,
                     TaskState state, int progress, String stage, String worker, int retries, String error)
            implements BrokerEvent {

        public static TaskEvent of(String id, EventType type, Instant at, TaskRecord task) {
            return new TaskEvent(id, type, at, task.id(), task.type(), task.target().value(), task.state(),
                    task.progress(), task.stage(), task.worker(), task.retries(), task.error());
        }
    }

    /**
     * A worker came online, reported in, or went offline (stopped, or its heartbeat expired).
     *
     * @param info its last heartbeat; null when a worker went offline whose heartbeat is no longer known
     */
    record WorkerEvent(String id, EventType type, Instant at, String worker, WorkerInfo info) implements BrokerEvent {}
}
