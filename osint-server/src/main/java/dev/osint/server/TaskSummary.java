package dev.osint.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.osint.core.Priority;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiExample;
import java.time.Instant;

/** One task in {@code GET /api/v1/tasks}: everything but its result and history; every field present, null if unknown. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskSummary(
        String taskId,
        @OpenApiExample("SUCCESS")
        @OpenApiDescription("PENDING, STARTED, PROCESSING, RETRY, SUCCESS, FAILURE or REVOKED") String status,
        @OpenApiExample("dns") String collectorType,
        @OpenApiExample("example.com") String target,
        TargetKind targetKind,
        @OpenApiExample("default") String queue,
        Priority priority,
        @OpenApiDescription("Percent done, as GET /api/v1/scan/{task_id} shows it") int progress,
        @OpenApiDescription("What the collector said it is doing") String stage,
        int retries,
        String worker,
        String parentId,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @OpenApiDescription("FAILURE and REVOKED: 'Kind: message'; RETRY: why the last try failed") String error) {

    static TaskSummary of(TaskRecord task) {
        return new TaskSummary(task.id(), task.state().name(), task.type(), task.target().value(), task.target().kind(),
                task.queue(), task.priority(), ScanStatus.progress(task.state(), task.progress()), task.stage(),
                task.retries(), task.worker(), task.parentId(), task.createdAt(), task.startedAt(), task.finishedAt(),
                task.error());
    }
}
