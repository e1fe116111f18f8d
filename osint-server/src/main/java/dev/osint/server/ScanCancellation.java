package dev.osint.server;

import dev.osint.core.TaskState;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiExample;

/** The answer to a cancel request: the task's state afterwards and what happened. */
public record ScanCancellation(
        String taskId,
        @OpenApiExample("REVOKED") @OpenApiDescription("The task's state after the request") String status,
        String message) {

    static ScanCancellation of(String taskId, TaskState state) {
        String message = state == TaskState.REVOKED
                ? "cancellation requested; the task will not run, or its worker stops it"
                : "task already finished as " + state + "; nothing to cancel";
        return new ScanCancellation(taskId, state.name(), message);
    }
}
