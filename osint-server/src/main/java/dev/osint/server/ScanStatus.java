package dev.osint.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.osint.core.Priority;
import dev.osint.core.ResultJson;
import dev.osint.core.ScanResult;
import dev.osint.core.StateChange;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiExample;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's state as {@code GET /api/v1/scan/{task_id}} shows it. The first fields are computed per state exactly as
 * the seed does: {@code meta} while it runs or waits to retry, {@code result} on success, {@code error} on failure or
 * revocation, each left out otherwise. The fields after them describe the request and its course and are always
 * present, null when not known yet.
 */
public record ScanStatus(
        String taskId,
        @OpenApiExample("PROCESSING")
        @OpenApiDescription("PENDING, STARTED, PROCESSING, RETRY, SUCCESS, FAILURE or REVOKED") String status,
        @OpenApiDescription("Percent done, 0-100") int progress,
        @OpenApiDescription("STARTED/PROCESSING: progress, stage, target, collector_type, retries; RETRY: reason")
        Map<String, Object> meta,
        @OpenApiDescription("SUCCESS only: the collector's result with its normalised entities")
        @JsonSerialize(using = ResultJson.Serializer.class) ScanResult result,
        @OpenApiDescription("FAILURE: 'Kind: message'; REVOKED: 'task revoked'") String error,
        @JsonInclude(JsonInclude.Include.ALWAYS) @OpenApiExample("dns") String collectorType,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @OpenApiDescription("The target as normalised when it was submitted") String target,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @OpenApiDescription("The collector options the task runs with") Map<String, Object> options,
        @JsonInclude(JsonInclude.Include.ALWAYS) @OpenApiExample("default") String queue,
        @JsonInclude(JsonInclude.Include.ALWAYS) Priority priority,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @OpenApiDescription("How many times it was retried so far") int retries,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @OpenApiDescription("The worker that holds or last held it; null while it waits for its first") String worker,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @OpenApiDescription("The task that spawned it (identity's child scans), else null") String parentId,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant createdAt,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @OpenApiDescription("When its last attempt started") Instant startedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant finishedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @OpenApiDescription("Every state it entered, oldest first; PROCESSING once per attempt")
        List<StateChange> history) {

    /** Celery's STARTED carries no progress of its own; the seed shows 5 %. */
    static final int STARTED_PROGRESS = 5;

    static ScanStatus of(TaskRecord task) {
        return switch (task.state()) {
            case PENDING, SUCCESS, FAILURE, REVOKED -> of(task, null);
            case STARTED, PROCESSING -> of(task, runningMeta(task));
            case RETRY -> of(task, Map.of("reason", orElse(task.error(), "retrying")));
        };
    }

    private static ScanStatus of(TaskRecord task, Map<String, Object> meta) {
        TaskState state = task.state();
        ScanResult result = state == TaskState.SUCCESS ? task.result() : null;
        String error = switch (state) {
            case FAILURE -> orElse(task.error(), "unknown error");
            case REVOKED -> "task revoked";
            default -> null;
        };
        return new ScanStatus(task.id(), state.name(), progress(state, task.progress()), meta, result, error,
                task.type(), task.target().value(), task.options(), task.queue(), task.priority(), task.retries(),
                task.worker(), task.parentId(), task.createdAt(), task.startedAt(), task.finishedAt(), task.history());
    }

    /** The progress shown for a task in {@code state}: 0 waiting, 5 just started, 100 once final. */
    static int progress(TaskState state, int recorded) {
        return switch (state) {
            case PENDING, RETRY -> 0;
            case STARTED -> STARTED_PROGRESS;
            case PROCESSING -> recorded;
            case SUCCESS, FAILURE, REVOKED -> 100;
        };
    }

    /** The seed's PROCESSING meta: what runs, how far it is and how often it was retried. */
    private static Map<String, Object> runningMeta(TaskRecord task) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("progress", progress(task.state(), task.progress()));
        if (task.stage() != null) {
            meta.put("stage", task.stage());
        }
        meta.put("target", task.target().value());
        meta.put("collector_type", task.type());
        meta.put("retries", task.retries());
        return meta;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
