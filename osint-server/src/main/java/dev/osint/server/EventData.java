package dev.osint.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.osint.queue.BrokerEvent;
import dev.osint.queue.WorkerInfo;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OneOf;
import io.javalin.openapi.OpenApiExample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The data of the events {@code GET /api/v1/events} sends, one record per kind; every field present, null if unknown. */
final class EventData {
    private EventData() {}

    /** The data of one event, of either kind (as the OpenAPI document names it). */
    @OneOf({TaskEventData.class, WorkerEventData.class})
    public sealed interface Payload permits TaskEventData, WorkerEventData {}

    static Payload of(BrokerEvent event) {
        return switch (event) {
            case BrokerEvent.TaskEvent task -> TaskEventData.of(task);
            case BrokerEvent.WorkerEvent worker -> WorkerEventData.of(worker);
        };
    }

    /** A task event: task-submitted, task-started, task-progress, task-retried, task-requeued, task-succeeded, … */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TaskEventData(
            String taskId,
            @OpenApiExample("dns") String collectorType,
            String target,
            @OpenApiExample("PROCESSING") @OpenApiDescription("The state the task is in after the event") String state,
            @OpenApiDescription("Percent done, as GET /api/v1/scan/{task_id} shows it") int progress,
            String stage,
            String worker,
            int retries,
            @OpenApiDescription("RETRY: why the last try failed; FAILURE and REVOKED: the error") String error,
            Instant at) implements Payload {

        static TaskEventData of(BrokerEvent.TaskEvent event) {
            return new TaskEventData(event.taskId(), event.collectorType(), event.target(),
                    event.state() == null ? null : event.state().name(),
                    event.state() == null ? event.progress() : ScanStatus.progress(event.state(), event.progress()),
                    event.stage(), event.worker(), event.retries(), event.error(), event.at());
        }
    }

    /**
     * A worker event: worker-online, worker-heartbeat, worker-offline; the worker's fields as GET /api/v1/workers
     * shows them, from its last heartbeat.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WorkerEventData(
            @OpenApiDescription("The worker's name") String worker,
            Instant at,
            String name,
            String host,
            Long pid,
            List<String> queues,
            Integer concurrency,
            Integer active,
            Long processed,
            Long failed,
            Instant startedAt,
            Instant heartbeatAt,
            @OpenApiDescription("Age of its last heartbeat at the time of the event, seconds") Double heartbeatAgeS)
            implements Payload {

        static WorkerEventData of(BrokerEvent.WorkerEvent event) {
            WorkerInfo info = event.info();
            if (info == null) {
                return new WorkerEventData(event.worker(), event.at(), event.worker(), null, null, null, null, null,
                        null, null, null, null, null);
            }
            double age = Math.max(0, Duration.between(info.heartbeatAt(), event.at()).toMillis()) / 1000.0;
            return new WorkerEventData(event.worker(), event.at(), info.name(), info.host(), info.pid(), info.queues(),
                    info.concurrency(), info.active(), info.processed(), info.failed(), info.startedAt(),
                    info.heartbeatAt(), age);
        }
    }
}
