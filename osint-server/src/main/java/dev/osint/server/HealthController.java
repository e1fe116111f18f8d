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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says whether scans can run: the broker answers and at least one worker's heartbeat is recent. */
final class HealthController {
    private static final Logger log = LoggerFactory.getLogger(HealthController.class);

    private final Broker broker;
    private final Clock clock;

    HealthController(Broker broker, Clock clock) {
        this.broker = broker;
        this.clock = clock;
    }

    @OpenApi(path = ApiRoutes.HEALTH, methods = HttpMethod.GET, tags = "service", operationId = "health",
            summary = "Broker reachability and live workers",
            responses = {
                    @OpenApiResponse(status = "200", description = "ok: the broker answers and a worker is alive", content = @OpenApiContent(from = HealthReport.class)),
                    @OpenApiResponse(status = "503", description = "degraded: the broker is unreachable or no worker is alive", content = @OpenApiContent(from = HealthReport.class))})
    void check(Context ctx) {
        HealthReport report = report();
        boolean healthy = report.broker().reachable() && !report.workers().isEmpty();
        ctx.status(healthy ? 200 : 503).json(report);
    }

    HealthReport report() {
        boolean reachable = reachable();
        List<HealthReport.WorkerHealth> workers = reachable ? workers() : List.of();
        String status = reachable && !workers.isEmpty() ? "ok" : "degraded";
        return new HealthReport(status, new HealthReport.BrokerHealth(broker.kind(), reachable), workers);
    }

    private boolean reachable() {
        try {
            return broker.ping();
        } catch (RuntimeException e) {
            log.warn("broker {} does not answer: {}", broker.kind(), e.toString());
            return false;
        }
    }

    private List<HealthReport.WorkerHealth> workers() {
        try {
            return broker.workers().stream().map(this::worker).toList();
        } catch (RuntimeException e) {
            log.warn("cannot list workers from broker {}: {}", broker.kind(), e.toString());
            return List.of();
        }
    }

    private HealthReport.WorkerHealth worker(WorkerInfo info) {
        long ageMillis = info.heartbeatAt() == null ? 0
                : Math.max(0, Duration.between(info.heartbeatAt(), clock.instant()).toMillis());
        return new HealthReport.WorkerHealth(info.name(), ageMillis / 1000.0, info.active(), info.processed(),
                info.queues());
    }
}
