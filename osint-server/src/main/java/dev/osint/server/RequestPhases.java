package dev.osint.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.servlet.DefaultTasks;
import io.javalin.router.Endpoint;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The phases Javalin runs for each request, less the two this server has no handlers for. Javalin 6.7's
 * before-matched phase looks the request's route up whether or not a before-matched handler exists (to know whether
 * a static file would answer), and the after-matched phase allocates its own lazy lookup: with the access check in
 * the routes' handlers ({@link CheckedRoutes}), both did nothing but cost a route lookup and a few objects a request.
 * A handler registered for either phase would never run, so the server refuses to start with one
 * ({@link #requireNoMatchedHandlers}).
 */
final class RequestPhases {
    private static final Set<HandlerType> DROPPED = Set.of(HandlerType.BEFORE_MATCHED, HandlerType.AFTER_MATCHED);

    private RequestPhases() {}

    /** Javalin's own order, less before-matched and after-matched. */
    static void useWithoutMatchedPhases(JavalinConfig config) {
        DefaultTasks phases = DefaultTasks.INSTANCE;
        config.pvt.servletRequestLifecycle = List.of(phases.getBEFORE(), phases.getHTTP(), phases.getERROR(),
                phases.getAFTER());
    }

    /** @throws IllegalStateException a before-matched or after-matched handler, which would never run */
    static void requireNoMatchedHandlers(Collection<Endpoint> endpoints) {
        List<String> unused = endpoints.stream().filter(endpoint -> DROPPED.contains(endpoint.getMethod()))
                .map(endpoint -> endpoint.getMethod() + " " + endpoint.getPath()).toList();
        if (!unused.isEmpty()) {
            throw new IllegalStateException("this server runs no before-matched or after-matched phase (see"
                    + " RequestPhases): check in the route's handler instead: " + unused);
        }
    }
}
