package dev.osint.server;

import dev.osint.queue.Broker;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import dev.osint.history.History;
import dev.osint.history.HistoryWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The API's Prometheus metrics: HTTP requests by route and status, scans submitted by type, JVM basics, and once
 * {@link #includeBroker} is called what the broker knows (tasks, queues, workers; see {@link BrokerMetrics}).
 */
final class ApiMetrics implements AutoCloseable {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String UNMATCHED = "UNMATCHED";

    private final PrometheusMeterRegistry registry;
    private final boolean ownRegistry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private BrokerMetrics brokerMetrics;
    // meters looked up by their tags once, not built and registered again on every request
    private final ConcurrentMap<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> submitted = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> refusals = new ConcurrentHashMap<>();

    /** The tags of one http.server.requests series; routes and statuses are few, so the map stays small. */
    private record RequestKey(HandlerType method, String route, int status) {}

    ApiMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true);
    }

    /** On the process's registry, which the workers' upstream metrics and circuit breakers write to too. */
    ApiMetrics(PrometheusMeterRegistry registry) {
        this(registry, false);
    }

    private ApiMetrics(PrometheusMeterRegistry registry, boolean ownRegistry) {
        this.registry = registry;
        this.ownRegistry = ownRegistry;
        bindJvm(registry, gc);
    }

    /** JVM memory, threads, classes, CPU, uptime and {@code gc} (which its owner closes), into {@code registry}. */
    static void bindJvm(MeterRegistry registry, JvmGcMetrics gc) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    private volatile Optional<History> history = Optional.empty();
    private volatile HistoryWriter.Status historyStatus;

    /**
     * The history writer's gauges: osint_history_backlog, osint_history_writing (1 or 0),
     * osint_history_last_write_timestamp_seconds, osint_history_written_total, osint_history_write_failures_total,
     * osint_history_rejected_total, osint_history_dropped_total. Read once per scrape.
     */
    void watchHistory(Optional<History> watched) {
        this.history = watched;
        if (watched.flatMap(History::writerStatus).isEmpty()) {
            return;
        }
        Gauge.builder("osint.history.backlog", () -> status().backlog())
                .description("Finished scans waiting to be written to the history").register(registry);
        Gauge.builder("osint.history.writing", () -> status().writing() ? 1 : 0)
                .description("1 while the history is written, 0 while its database does not answer").register(registry);
        Gauge.builder("osint.history.last.write.timestamp.seconds", () -> status().lastWriteAt() == null ? 0
                        : status().lastWriteAt().toEpochMilli() / 1000.0)
                .description("When a batch was last stored in the history").register(registry);
        FunctionCounter.builder("osint.history.written", this, m -> m.status().written())
                .description("Finished scans written to the history").register(registry);
        FunctionCounter.builder("osint.history.write.failures", this, m -> m.status().failures())
                .description("Failed attempts to write a batch to the history").register(registry);
        FunctionCounter.builder("osint.history.rejected", this, m -> m.status().rejected())
                .description("Finished scans the database refused for their content").register(registry);
        FunctionCounter.builder("osint.history.dropped", this, m -> Math.max(0, m.status().dropped()))
                .description("Finished scans not kept because the backlog was full").register(registry);
    }

    private HistoryWriter.Status status() {
        HistoryWriter.Status current = historyStatus;
        return current != null ? current : history.flatMap(History::writerStatus).orElseThrow();
    }

    /** Adds the broker's figures, read at each scrape. */
    void includeBroker(Broker broker) {
        brokerMetrics = new BrokerMetrics(broker);
        registry.getPrometheusRegistry().register(brokerMetrics);
    }

    void scanSubmitted(String type) {
        submitted.computeIfAbsent(type, t -> Counter.builder("osint.scans.submitted")
                .description("Scans queued through the API, by collector type").tag("type", t).register(registry))
                .increment();
    }

    /**
     * A request refused before it did anything: {@code unauthorized}, {@code cross_site} (a request with the session
     * cookie that failed the cross-site check), or the quota that refused a submission.
     */
    void refused(String reason) {
        refusals.computeIfAbsent(reason, r -> Counter.builder("osint.requests.refused")
                .description("Requests refused for want of a valid API key, as cross-site, or by a submission quota")
                .tag("reason", r).register(registry)).increment();
    }

    /** Records one finished request; the route is the matched pattern, so ids never become labels. */
    void requestDone(Context ctx, float millis) {
        requestTimers.computeIfAbsent(new RequestKey(ctx.method(), route(ctx), ctx.statusCode()), this::requestTimer)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    private Timer requestTimer(RequestKey key) {
        return Timer.builder("http.server.requests").description("HTTP requests served by the API")
                .tag("method", key.method().name())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .register(registry);
    }

    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return ctx.handlerType() == HandlerType.BEFORE || path.isEmpty() ? UNMATCHED : path;
        } catch (RuntimeException e) {
            return UNMATCHED; // no route matched: the raw path would let any client mint new series
        }
    }

    @OpenApi(path = ApiRoutes.METRICS, methods = HttpMethod.GET, tags = "service", operationId = "metrics",
            summary = "Prometheus metrics: http_server_requests, osint_scans_submitted_total,"
                    + " osint_requests_refused_total, osint_tasks_finished_total, osint_task_runtime_seconds,"
                    + " osint_task_retries_total, osint_queue_depth, osint_workers_live, osint_broker_up,"
                    + " osint_upstream_requests_seconds, resilience4j_circuitbreaker_*, osint_history_*, jvm_*",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(type = "string", mimeType = "text/plain")))
    void scrape(Context ctx) {
        historyStatus = history.flatMap(History::writerStatus).orElse(null);
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }

    @Override
    public void close() {
        gc.close();
        if (ownRegistry) {
            registry.close();
        } else if (brokerMetrics != null) {
            registry.getPrometheusRegistry().unregister(brokerMetrics); // the registry outlives this API
        }
    }
}
