package dev.osint.server;

import dev.osint.core.Json;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamHealth;
import dev.osint.queue.ScanService;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
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
    private final AccessSettings access;

    /**
     * @param settings read for the API keys and quotas, and for whether each collector's secrets are set (never
     *                 their values)
     * @throws IllegalArgumentException an access setting is malformed, or the server would serve other machines
     *                                  without a key (see {@link AccessSettings#from})
     */
    public ApiServer(ServerSettings server, ScanService scans, Settings settings) {
        this(server, scans, settings, Clock.systemUTC(), new ApiMetrics(), UpstreamHealth.UNTRACKED);
    }

    /**
     * @param metrics   the process's registry, served at /metrics (the workers' upstream metrics are on it)
     * @param upstreams the circuit breakers of the workers in this process, shown per collector
     */
    public ApiServer(ServerSettings server, ScanService scans, Settings settings, PrometheusMeterRegistry metrics,
                     UpstreamHealth upstreams) {
        this(server, scans, settings, Clock.systemUTC(), new ApiMetrics(metrics), upstreams);
    }

    ApiServer(ServerSettings server, ScanService scans, Settings settings, Clock clock) {
        this(server, scans, settings, clock, new ApiMetrics(), UpstreamHealth.UNTRACKED);
    }

    private ApiServer(ServerSettings server, ScanService scans, Settings settings, Clock clock, ApiMetrics metrics,
                      UpstreamHealth upstreams) {
        this.server = server;
        this.metrics = metrics;
        this.access = AccessSettings.from(settings, server);
        AccessControl accessControl = AccessControl.of(access, metrics);
        var routes = ApiRoutes.of(new IndexController(),
                new ScanController(scans, metrics, server.maxBodyBytes(), access.quotas()),
                new ScanEventStream(scans, EVENT_POLL, EVENT_KEEP_ALIVE),
                new CollectorController(scans.registry(), settings, upstreams),
                new HealthController(scans.broker(), clock),
                new OperationsController(scans.broker(), clock),
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
            config.registerPlugin(OpenApiDocs.openApi(scans.registry().listed(), settings));
            config.registerPlugin(OpenApiDocs.swaggerUi());
            config.router.mount(router -> router
                    .before(RequestUri::requireWellFormed)
                    .beforeMatched(accessControl::check));
            config.router.apiBuilder(routes);
        });
        new ErrorMapping(scans.broker(), metrics).register(app);
    }

    public ApiServer start() {
        app.start();
        log.info("API listening on http://{}:{} (docs at {}); {}", server.host(), port(), ApiRoutes.DOCS,
                describeAccess());
        return this;
    }

    /** One line on who may call: how many keys, anonymous or not, and the quotas; never a key. */
    private String describeAccess() {
        String who = access.keys().isEmpty() ? "no API keys: every caller is anonymous"
                : access.keys().size() + " API key(s)" + (access.allowAnonymous() ? ", anonymous callers let in" : "");
        var q = access.quotas();
        return who + "; quotas: " + (q.submitsPerMinute() == 0 ? "no" : q.submitsPerMinute()) + " scans a minute and "
                + (q.maxQueued() == 0 ? "no limit of" : q.maxQueued()) + " unfinished per caller, queue length "
                + (q.maxQueueLength() == 0 ? "unlimited" : q.maxQueueLength());
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
