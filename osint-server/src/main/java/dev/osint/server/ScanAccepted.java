package dev.osint.server;

import dev.osint.core.TaskRecord;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiExample;

/** The answer to a submitted scan, field for field as the seed gave it. */
public record ScanAccepted(
        @OpenApiDescription("Poll GET /api/v1/scan/{task_id} with it") String taskId,
        @OpenApiExample("PENDING") String status,
        @OpenApiExample("Scan initiated successfully") String message,
        @OpenApiDescription("The target as normalised (punycode domain, lower-cased e-mail, …)") String target,
        @OpenApiExample("dns") String collectorType) {

    static ScanAccepted of(TaskRecord task) {
        return new ScanAccepted(task.id(), task.state().name(), "Scan initiated successfully", task.target().value(),
                task.type());
    }
}
