package dev.osint.server;

import static io.javalin.apibuilder.ApiBuilder.after;
import static io.javalin.apibuilder.ApiBuilder.path;

import io.javalin.apibuilder.EndpointGroup;

/**
 * The API's table of contents: every route and the handler that serves it. Routes marked {@link Access#PUBLIC}
 * (the dashboard's page, its session and health here; its assets in {@link Dashboard}, the OpenAPI document and
 * Swagger UI in {@link OpenApiDocs}) need no API key; all others do, checked inside their handlers: every route is
 * declared through {@link CheckedRoutes}, and the server does not start with one that is not. Every answer carries
 * the {@link SecurityHeaders}, set by a filter in front of these routes.
 */
final class ApiRoutes {
    static final String DASHBOARD = "/";
    /** The dashboard's own scripts and styles, from the jar. */
    static final String DASHBOARD_ASSETS = "/ui";
    /** Libraries the dashboard uses, from their WebJars. */
    static final String DASHBOARD_LIBRARIES = DASHBOARD_ASSETS + "/lib";
    static final String API = "/api/v1";
    static final String SESSION = "/api/v1/session";
    static final String SCAN = "/api/v1/scan";
    static final String SCAN_UPLOAD = SCAN + "/upload";
    static final String SCAN_TASK = SCAN + "/{task_id}";
    static final String SCAN_CANCEL = SCAN_TASK + "/cancel";
    static final String SCAN_EVENTS = SCAN_TASK + "/events";
    static final String SCAN_RETRY = SCAN_TASK + "/retry";
    static final String TASKS = "/api/v1/tasks";
    static final String EVENTS = "/api/v1/events";
    static final String COLLECTORS = "/api/v1/collectors";
    static final String HEALTH = "/api/v1/health";
    static final String WORKERS = "/api/v1/workers";
    static final String QUEUES = "/api/v1/queues";
    static final String HISTORY = "/api/v1/history";
    static final String HISTORY_TASK = HISTORY + "/{task_id}";
    static final String HISTORY_TASK_EXPORT = HISTORY_TASK + "/export";
    static final String HISTORY_EXPORT = HISTORY + "/export";
    static final String HISTORY_DIFF = HISTORY + "/diff";
    static final String HISTORY_TIMELINE = HISTORY + "/timeline";
    static final String ENTITIES = "/api/v1/entities";
    static final String METRICS = "/metrics";
    static final String OPENAPI = "/openapi.json";
    static final String DOCS = "/docs";
    /** Where Swagger UI's scripts and styles are served from. */
    static final String DOCS_ASSETS = "/webjars";

    private ApiRoutes() {}

    static EndpointGroup of(AccessControl access, Dashboard dashboard, IndexController index, ScanController scans,
                            UploadController uploads, ScanEventStream events,
                            CollectorController collectors, HealthController health, OperationsController operations,
                            ApiMetrics metrics, TaskListController tasks, EventStream allEvents,
                            HistoryController history, SessionController sessions) {
        CheckedRoutes routes = new CheckedRoutes(access);
        return () -> {
            after(DOCS, SecurityHeaders::allowSwaggerUiScripts);
            // Javalin tries a method's routes in the order declared here, twice a request, with a regex for each
            // route before the one that matches: the scan routes, by far the busiest, come first
            path(SCAN, () -> {
                routes.post(scans::submit);
                routes.post("upload", uploads::upload);
                path("{task_id}", () -> {
                    routes.get(scans::status);
                    routes.delete(scans::cancel);
                    path("cancel", () -> {
                        routes.get(scans::cancel, Access.CHANGES_STATE); // the seed's verb, kept for its clients
                        routes.post(scans::cancel);
                        routes.delete(scans::cancel);
                    });
                    routes.get("events", RequestThreads.stream(events::stream));
                    routes.post("retry", scans::retry);
                });
            });
            routes.get(DASHBOARD, dashboard::page, Access.PUBLIC); // the page shell: its data comes from the API
            routes.get(METRICS, metrics::scrape);
            path(API, () -> {
                routes.get(index::describe);
                path("session", () -> { // login and logout are open: the key is in the body, the handler checks it
                    routes.post(sessions::open, Access.PUBLIC);
                    routes.get(sessions::show);
                    routes.delete(sessions::close, Access.PUBLIC);
                });
                routes.get("tasks", tasks::list);
                routes.get("events", RequestThreads.stream(allEvents::stream));
                routes.get("collectors", collectors::list);
                routes.get("health", health::check, Access.PUBLIC);
                routes.get("workers", operations::workers);
                routes.get("queues", operations::queues);
                path("history", () -> {
                    routes.get(history::search);
                    // fixed names before {task_id}, which would match them too
                    routes.get("export", history::exportMany);
                    routes.get("diff", history::diff);
                    routes.get("timeline", history::timeline);
                    path("{task_id}", () -> {
                        routes.get(history::show);
                        routes.get("export", history::exportOne);
                    });
                });
                routes.get("entities", history::entities);
            });
        };
    }
}
