package dev.osint.server;

import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiExample;
import java.util.List;

/** The answer of {@code GET /api/v1/health}: the broker, and the workers whose heartbeat is recent. */
public record HealthReport(
        @OpenApiExample("ok") @OpenApiDescription("ok, or degraded when the broker is down or no worker is alive")
        String status,
        BrokerHealth broker,
        List<WorkerHealth> workers) {

    /** Whether the broker answers. */
    public record BrokerHealth(@OpenApiExample("memory") @OpenApiDescription("memory or redis") String kind,
                               boolean reachable) {}

    /** One live worker. */
    public record WorkerHealth(String name,
                               @OpenApiDescription("Seconds since its last heartbeat") double heartbeatAgeS,
                               @OpenApiDescription("Tasks running now") int active,
                               @OpenApiDescription("Tasks finished since it started") long processed,
                               List<String> queues) {}
}
