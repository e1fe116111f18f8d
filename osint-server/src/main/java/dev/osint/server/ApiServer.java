package dev.osint.server;

import dev.osint.core.FileSizeLimit;
import dev.osint.core.Json;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamHealth;
import dev.osint.history.History;
import dev.osint.queue.ScanService;
import io.javalin.Javalin;
import io.javalin.config.RouterConfig;
import io.javalin.json.JavalinJackson;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: Javalin on virtual threads serving {@link ApiRoutes}, the {@link Dashboard}, the OpenAPI document,
 * Swagger UI and Prometheus metrics, with every error as application/problem+json.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /** A comment line this often on an idle event stream finds a client that went away and keeps proxies open. */
    static final Duration EVENT_KEEP_ALIVE = Duration.ofSeconds(15);

    private final Javalin app;
    private final ApiMetrics metrics;
    private final ServerSettings server;
    private final AccessSettings access;
    private final EventHub events;

    /**
     * @param settings read for the API keys and quotas, and for whether each collector's secrets are set (never
     *                 their values)
     * @throws IllegalArgumentException an access setting is malformed, or the server would serve other machines
     *                                  without a key (see {@link AccessSettings#from})
     */
    public ApiServer(ServerSettings server, ScanService scans, Settings settings) {
        this(server, scans, settings, Clock.systemUTC(), new ApiMetrics(), UpstreamHealth.UNTRACKED, EVENT_KEEP_ALIVE);
    }

    /**
     * @param metrics   the process's registry, served at /metrics (the workers' upstream metrics are on it)
     * @param upstreams the circuit breakers of the workers in this process, shown per collector
     */
    public ApiServer(ServerSettings server, ScanService scans, Settings settings, PrometheusMeterRegistry metrics,
                     UpstreamHealth upstreams) {
        this(server, scans, settings, Clock.systemUTC(), new ApiMetrics(metrics), upstreams, EVENT_KEEP_ALIVE);
    }

    /** @param history the scan history, or empty when it is off: its routes then answer 404 */
    public ApiServer(ServerSettings server, ScanService scans, Settings settings, PrometheusMeterRegistry metrics,
                     UpstreamHealth upstreams, Optional<History> history) {
        this(server, scans, settings, Clock.systemUTC(), new ApiMetrics(metrics), upstreams, EVENT_KEEP_ALIVE,
                history);
    }

    ApiServer(ServerSettings server, ScanService scans, Settings settings, Clock clock) {
        this(server, scans, settings, clock, new ApiMetrics(), UpstreamHealth.UNTRACKED, EVENT_KEEP_ALIVE);
    }

    ApiServer(ServerSettings server, ScanService scans, Settings settings, Optional<History> history) {
        this(server, scans, settings, Clock.systemUTC(), new ApiMetrics(), UpstreamHealth.UNTRACKED, EVENT_KEEP_ALIVE,
                history);
    }

    /** @param keepAlive how often an idle event stream gets a comment line (tests shorten it) */
    ApiServer(ServerSettings server, ScanService scans, Settings settings, Clock clock, ApiMetrics metrics,
              UpstreamHealth upstreams, Duration keepAlive) {
        this(server, scans, settings, clock, metrics, upstreams, keepAlive, Optional.empty());
    }

    ApiServer(ServerSettings server, ScanService scans, Settings settings, Clock clock, ApiMetrics metrics,
              UpstreamHealth upstreams, Duration keepAlive, Optional<History> history) {
        this.server = server;
        this.metrics = metrics;
        this.access = AccessSettings.from(settings, server);
        DashboardSessions sessions = DashboardSessions.from(settings);
        AccessControl accessControl = AccessControl.of(access, sessions, metrics);
        this.events = new EventHub(scans.broker());
        metrics.includeBroker(scans.broker());
        metrics.watchHistory(history);
        QueuedThreadPool requestThreads = RequestThreads.pool(settings);
        var routes = ApiRoutes.of(accessControl, new Dashboard(), new IndexController(),
                new ScanController(scans, metrics, server.maxBodyBytes(), access.quotas(), history,
                        requestThreads),
                new UploadController(scans, metrics, server.maxBodyBytes(), FileSizeLimit.maxBytes(settings),
                        access.quotas()),
                new ScanEventStream(scans, events, keepAlive),
                new CollectorController(scans.registry(), settings, upstreams),
                new HealthController(scans.broker(), clock, history),
                new OperationsController(scans.broker(), clock),
                metrics,
                new TaskListController(scans.broker(), scans.registry()),
                new EventStream(events, scans.broker(), scans.registry(), keepAlive),
                new HistoryController(history),
                new SessionController(access.keys(), sessions, metrics, server.maxBodyBytes()));
        this.app = Javalin.create(config -> {
            config.jetty.threadPool = requestThreads;
            config.showJavalinBanner = false;
            config.jetty.defaultHost = server.host();
            config.jetty.defaultPort = server.port();
            config.http.maxRequestSize = server.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JettyProblemHandler()));
            config.jsonMapper(new JavalinJackson(Json.mapper(), true));
            config.requestLogger.http(metrics::requestDone);
            config.registerPlugin(OpenApiDocs.openApi(scans.registry().listed(), settings, server.maxBodyBytes(),
                    FileSizeLimit.maxBytes(settings)));
            config.registerPlugin(OpenApiDocs.swaggerUi());
            config.staticFiles.add(CheckedRoutes.publicFiles(Dashboard::assets));
            Dashboard.LIBRARIES.forEach(library -> config.staticFiles.add(
                    CheckedRoutes.publicFiles(Dashboard.library(library))));
            config.jetty.modifyServletContextHandler(context -> context.addFilter(
                    new FilterHolder(new RequestFilter()), "/*", EnumSet.of(DispatcherType.REQUEST)));
            config.router.apiBuilder(routes); // each route not public checks its caller in its own handler
            RequestPhases.useWithoutMatchedPhases(config);
        });
        RouteRegexes.makePossessive(parsedEndpoints());
        CheckedRoutes.requireEveryRouteChecked(endpoints());
        RequestPhases.requireNoMatchedHandlers(handlers());
        new ErrorMapping(scans.broker(), metrics).register(app);
    }

    /**
     * Every route this server serves, as {@code METHOD path}: what docs/API.md must list. A HEAD route, which
     * only checks the caller of a GET's path, is left out.
     */
    List<String> routes() {
        return endpoints().stream().filter(endpoint -> endpoint.getMethod() != HandlerType.HEAD)
                .map(endpoint -> endpoint.getMethod() + " " + endpoint.getPath()).toList();
    }

    /** Every HTTP route registered, by {@link ApiRoutes}, plugins or anyone else, in the order Javalin tries them. */
    List<Endpoint> endpoints() {
        return handlers().stream().filter(endpoint -> endpoint.getMethod().isHttpMethod()).toList();
    }

    /** The routes and every before and after handler. */
    private List<Endpoint> handlers() {
        return parsedEndpoints().stream().map(ParsedEndpoint::getEndpoint).toList();
    }

    /** The router's settings (trailing slashes and the like), which Javalin's patterns are made from. */
    RouterConfig routerConfig() {
        return app.unsafeConfig().router;
    }

    /** The routes and every before and after handler, with the patterns Javalin matches their paths by. */
    List<ParsedEndpoint> parsedEndpoints() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers();
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
        events.close(); // ends the open event streams, so the server does not wait for their clients
        app.stop();
        metrics.close();
    }

    /** Open event streams, for tests that check a gone client is noticed. */
    int eventSubscribers() {
        return events.subscribers();
    }

    @Override
    public void close() {
        stop();
    }
}
