package dev.osint.server;

import dev.osint.core.Json;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamHealth;
import dev.osint.history.History;
import dev.osint.queue.ScanService;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: Javalin on virtual threads serving {@link ApiRoutes}, the OpenAPI document, Swagger UI and
 * Prometheus metrics, with every error as application/problem+json.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    static final Duration EVENT_POLL = Duration.ofMillis(150);
    static final Duration EVENT_KEEP_ALIVE = Duration.ofSeconds(5);

    private final Javalin app;
    private final ApiMetrics metrics;
    private final ServerSettings server;

    /**
     * @param settings read for whether each collector's secrets are set (never their values)
     */
    public ApiServer(ServerSettings server, ScanService scans, Settings settings) {
        this(server, scans, settings, Clock.systemUTC(), new ApiMetrics(), UpstreamHealth.UNTRACKED,
                Optional.empty());
    }

    /**
     * @param metrics   the process's registry, served at /metrics (the workers' upstream metrics are on it)
     * @param upstreams the circuit breakers of the workers in this process, shown per collector
     */
    public ApiServer(ServerSettings server, ScanService scans, Settings settings, PrometheusMeterRegistry metrics,
                     UpstreamHealth upstreams) {
        this(server, scans, settings, Clock.systemUTC(), new ApiMetrics(metrics), upstreams, Optional.empty());
    }

    /** @param history the scan history, or empty when it is off: its routes then answer 404 */
    public ApiServer(ServerSettings server, ScanService scans, Settings settings, PrometheusMeterRegistry metrics,
                     UpstreamHealth upstreams, Optional<History> history) {
        this(server, scans, settings, Clock.systemUTC(), new ApiMetrics(metrics), upstreams, history);
    }

    ApiServer(ServerSettings server, ScanService scans, Settings settings, Clock clock) {
        this(server, scans, settings, clock, new ApiMetrics(), UpstreamHealth.UNTRACKED, Optional.empty());
    }

    ApiServer(ServerSettings server, ScanService scans, Settings settings, Optional<History> history) {
        this(server, scans, settings, Clock.systemUTC(), new ApiMetrics(), UpstreamHealth.UNTRACKED, history);
    }

    private ApiServer(ServerSettings server, ScanService scans, Settings settings, Clock clock, ApiMetrics metrics,
                      UpstreamHealth upstreams, Optional<History> history) {
        this.server = server;
        this.metrics = metrics;
        metrics.watchHistory(history);
        var routes = ApiRoutes.of(new IndexController(),
                new ScanController(scans, metrics, server.maxBodyBytes(), history),
                new ScanEventStream(scans, EVENT_POLL, EVENT_KEEP_ALIVE),
                new CollectorController(scans.registry(), settings, upstreams),
                new HealthController(scans.broker(), clock, history),
                new OperationsController(scans.broker(), clock),
                new HistoryController(history),
                metrics);
        this.app = Javalin.create(config -> {
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
            config.jetty.defaultHost = server.host();
            config.jetty.defaultPort = server.port();
            config.http.maxRequestSize = server.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JettyProblemHandler()));
            config.jsonMapper(new JavalinJackson(Json.mapper(), true));
            config.requestLogger.http(metrics::requestDone);
            config.registerPlugin(OpenApiDocs.openApi());
            config.registerPlugin(OpenApiDocs.swaggerUi());
            config.router.apiBuilder(routes);
        });
        new ErrorMapping(scans.broker()).register(app);
    }

    public ApiServer start() {
        app.start();
        log.info("API listening on http://{}:{} (docs at {})", server.host(), port(), ApiRoutes.DOCS);
        return this;
    }

    /** The port listened on; the one picked when the settings asked for port 0. */
    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
        metrics.close();
    }

    @Override
    public void close() {
        stop();
    }
}
