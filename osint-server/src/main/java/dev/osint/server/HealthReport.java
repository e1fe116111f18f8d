package dev.osint.server;

import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiExample;
import java.util.List;

/** The answer of {@code GET /api/v1/health}: the broker, and the workers whose heartbeat is recent. */
public record HealthReport(
        @OpenApiExample("ok") @OpenApiDescription("ok, or degraded when the broker is down or no worker is alive")
        String status,
        BrokerHealth broker,
        List<WorkerHealth> workers,
        @OpenApiDescription("The scan history; left out when it is off. Its trouble delays writing, never a scan, so it does not change the status")
        HistoryHealth history) {

    public HealthReport(String status, BrokerHealth broker, List<WorkerHealth> workers) {
        this(status, broker, workers, null);
    }

    /** Whether the broker answers. */
    public record BrokerHealth(@OpenApiExample("memory") @OpenApiDescription("memory or redis") String kind,
                               boolean reachable) {}

    /** How the history is kept: where, and whether finished scans are being written. */
    public record HistoryHealth(@OpenApiExample("sqlite") @OpenApiDescription("sqlite or postgresql") String store,
                                @OpenApiDescription("The file, or host:port/database") String location,
                                @OpenApiDescription("False while the database does not answer or refuses writes") boolean writing,
                                @OpenApiDescription("Finished scans waiting to be written; -1 when the broker cannot be asked") long backlog,
                                @OpenApiDescription("When a batch was last stored") String lastWriteAt,
                                @OpenApiDescription("Failed write attempts since start") long failures,
                                @OpenApiDescription("Finished scans the broker did not keep because the backlog was full") long dropped,
                                @OpenApiDescription("Why writing fails, while it does") String lastError) {}

    /** One live worker. */
    public record WorkerHealth(String name,
                               @OpenApiDescription("Seconds since its last heartbeat") double heartbeatAgeS,
                               @OpenApiDescription("Tasks running now") int active,
                               @OpenApiDescription("Tasks finished since it started") long processed,
                               List<String> queues) {}
}
