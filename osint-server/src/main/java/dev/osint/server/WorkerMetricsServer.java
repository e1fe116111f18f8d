package dev.osint.server;

import dev.osint.queue.worker.Worker;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process's own {@code /metrics} ({@code osint worker --metrics-port N}): what this worker finished and
 * retried and how long its tasks ran ({@link TaskMetrics}), how busy it is, JVM basics, and whatever else the
 * process's registry holds (its upstream calls and circuit breakers). The cluster's figures are on the API's
 * {@code /metrics}.
 */
public final class WorkerMetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerMetricsServer.class);

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final TaskMetrics tasks;
    private final Javalin app;

    private WorkerMetricsServer(Worker worker, PrometheusMeterRegistry registry, String host, int port) {
        this.registry = registry;
        this.tasks = new TaskMetrics(worker::statistics);
        ApiMetrics.bindJvm(registry, gc);
        registry.getPrometheusRegistry().register(tasks);
        Gauge.builder("osint.worker.active.tasks", worker, w -> w.info().active())
                .description("Tasks this worker runs now").register(registry);
        Gauge.builder("osint.worker.concurrency", worker, w -> w.info().concurrency())
                .description("Tasks this worker runs at most at once").register(registry);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jetty.defaultHost = host;
            config.jetty.defaultPort = port;
        }).get(ApiRoutes.METRICS, ctx -> ctx.contentType(ApiMetrics.CONTENT_TYPE).result(registry.scrape()));
    }

    /**
     * Serves {@code worker}'s metrics, with everything on the process's {@code registry} (which its owner closes), on
     * {@code host:port} (port 0 picks a free one) until closed.
     */
    public static WorkerMetricsServer start(Worker worker, PrometheusMeterRegistry registry, String host, int port) {
        WorkerMetricsServer server = new WorkerMetricsServer(worker, registry, host, port);
        server.app.start();
        log.info("worker {} metrics on http://{}:{}{}", worker.name(), host, server.port(), ApiRoutes.METRICS);
        return server;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        gc.close();
        registry.getPrometheusRegistry().unregister(tasks);
    }
}
