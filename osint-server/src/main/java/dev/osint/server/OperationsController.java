package dev.osint.server;

import dev.osint.queue.Broker;
import dev.osint.queue.WorkerInfo;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What Celery's inspect and Flower show: the live workers and the depth of each queue. */
final class OperationsController {
    private final Broker broker;
    private final Clock clock;

    OperationsController(Broker broker, Clock clock) {
        this.broker = broker;
        this.clock = clock;
    }

    @OpenApi(path = ApiRoutes.WORKERS, methods = HttpMethod.GET, tags = "operations", operationId = "listWorkers",
            summary = "Workers whose heartbeat is recent, with their queues and counters",
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = WorkersView.class)),
                    @OpenApiResponse(status = "503", description = "the broker is unreachable",
                            content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void workers(Context ctx) {
        ctx.json(new WorkersView(broker.workers().stream().map(this::view).toList()));
    }

    @OpenApi(path = ApiRoutes.QUEUES, methods = HttpMethod.GET, tags = "operations", operationId = "listQueues",
            summary = "Tasks waiting per queue, running, and waiting for a retry",
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = QueuesView.class)),
                    @OpenApiResponse(status = "503", description = "the broker is unreachable",
                            content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void queues(Context ctx) {
        Map<String, Long> depths = broker.queueDepths();
        List<QueueView> queues = depths.entrySet().stream().map(e -> new QueueView(e.getKey(), e.getValue())).toList();
        ctx.json(new QueuesView(queues, broker.active().size(), broker.scheduled().size()));
    }

    private WorkerView view(WorkerInfo info) {
        double age = Math.max(0, Duration.between(info.heartbeatAt(), clock.instant()).toMillis()) / 1000.0;
        return new WorkerView(info.name(), info.host(), info.pid(), info.queues(), info.concurrency(), info.active(),
                info.processed(), info.failed(), info.startedAt().toString(), info.heartbeatAt().toString(), age);
    }

    /** The answer of {@code GET /api/v1/workers}. */
    public record WorkersView(List<WorkerView> workers) {}

    /** One live worker. */
    public record WorkerView(String name, String host, long pid, List<String> queues, int concurrency, int active,
                             long processed, long failed, String startedAt, String heartbeatAt,
                             double heartbeatAgeS) {}

    /** The answer of {@code GET /api/v1/queues}. */
    public record QueuesView(List<QueueView> queues, int active, int scheduled) {}

    /** One queue and how many tasks wait in it now. */
    public record QueueView(String name, long waiting) {}
}
