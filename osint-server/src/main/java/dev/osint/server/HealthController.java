package dev.osint.server;

import dev.osint.history.History;
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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says whether scans can run: the broker answers and at least one worker's heartbeat is recent. */
final class HealthController {
    private static final Logger log = LoggerFactory.getLogger(HealthController.class);

    private final Broker broker;
    private final Clock clock;
    private final Optional<History> history;

    HealthController(Broker broker, Clock clock, Optional<History> history) {
        this.broker = broker;
        this.clock = clock;
        this.history = history;
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
        return new HealthReport(status, new HealthReport.BrokerHealth(broker.kind(), reachable), workers,
                history.map(HealthController::historyHealth).orElse(null));
    }

    /** From the writer's own record, so a database that hangs cannot slow the health check down. */
    private static HealthReport.HistoryHealth historyHealth(History history) {
        var store = history.store();
        return history.writerStatus().map(s -> new HealthReport.HistoryHealth(store.kind(), store.location(),
                        s.writing(), s.backlog(), s.lastWriteAt() == null ? null : s.lastWriteAt().toString(),
                        s.failures(), s.dropped(), s.lastError()))
                .orElseGet(() -> new HealthReport.HistoryHealth(store.kind(), store.location(), store.ping(), 0,
                        null, 0, 0, null));
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
