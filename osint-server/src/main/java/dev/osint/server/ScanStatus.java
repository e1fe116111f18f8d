package dev.osint.server;

import dev.osint.core.ScanResult;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiExample;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's state as {@code GET /api/v1/scan/{task_id}} shows it, computed per state exactly as the seed does:
 * {@code meta} while it runs or waits to retry, {@code result} on success, {@code error} on failure or revocation.
 */
public record ScanStatus(
        String taskId,
        @OpenApiExample("PROCESSING")
        @OpenApiDescription("PENDING, STARTED, PROCESSING, RETRY, SUCCESS, FAILURE or REVOKED") String status,
        @OpenApiDescription("Percent done, 0-100") int progress,
        @OpenApiDescription("STARTED/PROCESSING: progress, stage, target, collector_type, retries; RETRY: reason")
        Map<String, Object> meta,
        @OpenApiDescription("SUCCESS only: the collector's result with its normalised entities") ScanResult result,
        @OpenApiDescription("FAILURE: 'Kind: message'; REVOKED: 'task revoked'") String error) {

    /** Celery's STARTED carries no progress of its own; the seed shows 5 %. */
    static final int STARTED_PROGRESS = 5;

    static ScanStatus of(TaskRecord task) {
        String id = task.id();
        String state = task.state().name();
        return switch (task.state()) {
            case PENDING -> new ScanStatus(id, state, 0, null, null, null);
            case STARTED -> new ScanStatus(id, state, STARTED_PROGRESS, runningMeta(task), null, null);
            case PROCESSING -> new ScanStatus(id, state, task.progress(), runningMeta(task), null, null);
            case SUCCESS -> new ScanStatus(id, state, 100, null, task.result(), null);
            case RETRY -> new ScanStatus(id, state, 0, Map.of("reason", orElse(task.error(), "retrying")), null,
                    null);
            case FAILURE -> new ScanStatus(id, state, 100, null, null, orElse(task.error(), "unknown error"));
            case REVOKED -> new ScanStatus(id, state, 100, null, null, "task revoked");
        };
    }

    /** The seed's PROCESSING meta: what runs, how far it is and how often it was retried. */
    private static Map<String, Object> runningMeta(TaskRecord task) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("progress", task.state() == TaskState.STARTED ? STARTED_PROGRESS : task.progress());
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
