package dev.osint.server;

import io.javalin.apibuilder.ApiBuilder;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.javalin.router.Endpoint;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Declares {@link ApiRoutes}' routes with the access check inside each handler: a route not marked
 * {@link Access#PUBLIC} gets a {@link Checked} handler that runs {@link AccessControl#check} before its own. Javalin
 * looks a request's route up again for every phase that asks for it (a before-matched check made it five lookups a
 * request, three of them for the check alone); inside the handler the check costs none.
 *
 * <p>Default-deny holds because the server refuses to start with a route that is neither {@link Access#PUBLIC} nor
 * checked ({@link #requireEveryRouteChecked}), whoever registered it (plugins, {@link OpenApiDocs}), and with static
 * files not marked public ({@link #publicFiles}).
 */
final class CheckedRoutes {
    private final AccessControl access;

    CheckedRoutes(AccessControl access) {
        this.access = access;
    }

    /** A route's own handler behind the access check; the check throws the 401 or 403, so the handler never runs. */
    record Checked(AccessControl access, Handler handler) implements Handler {
        @Override
        public void handle(Context ctx) throws Exception {
            access.check(ctx);
            handler.handle(ctx);
        }
    }

    void get(Handler handler, Access... roles) {
        get("", handler, roles);
    }

    /**
     * Also a HEAD route for a GET that needs a caller: Javalin answers a HEAD of a GET route itself, with a 200 and
     * without running any handler, so without one a HEAD would pass unchecked.
     */
    void get(String path, Handler handler, Access... roles) {
        ApiBuilder.get(path, guard(handler, roles), roles);
        if (!isPublic(roles)) {
            ApiBuilder.head(path, guard(ctx -> {}, roles), roles);
        }
    }

    void post(Handler handler, Access... roles) {
        post("", handler, roles);
    }

    void post(String path, Handler handler, Access... roles) {
        ApiBuilder.post(path, guard(handler, roles), roles);
    }

    void delete(Handler handler, Access... roles) {
        delete("", handler, roles);
    }

    void delete(String path, Handler handler, Access... roles) {
        ApiBuilder.delete(path, guard(handler, roles), roles);
    }

    private Handler guard(Handler handler, Access[] roles) {
        return isPublic(roles) ? handler : new Checked(access, handler);
    }

    private static boolean isPublic(Access[] roles) {
        return Arrays.asList(roles).contains(Access.PUBLIC);
    }

    /**
     * @throws IllegalStateException a route neither marked {@link Access#PUBLIC} nor registered through this class:
     *                               it would answer without asking who calls
     */
    static void requireEveryRouteChecked(Collection<Endpoint> endpoints) {
        List<String> unchecked = endpoints.stream().filter(endpoint -> endpoint.getMethod().isHttpMethod())
                .filter(endpoint -> !endpoint.getRoles().contains(Access.PUBLIC)
                        && !(endpoint.getHandler() instanceof Checked))
                .map(endpoint -> endpoint.getMethod() + " " + endpoint.getPath()).toList();
        if (!unchecked.isEmpty()) {
            throw new IllegalStateException("routes without the access check (declare them in ApiRoutes, or mark"
                    + " them Access.PUBLIC): " + unchecked);
        }
    }

    /**
     * Static files are served without a route, so no handler of theirs can check a caller: they must be public.
     *
     * @throws IllegalStateException when {@code files} leaves its directory without {@link Access#PUBLIC}
     */
    static Consumer<StaticFileConfig> publicFiles(Consumer<StaticFileConfig> files) {
        return config -> {
            files.accept(config);
            if (!config.roles.contains(Access.PUBLIC)) {
                throw new IllegalStateException("static files at " + config.hostedPath + " are not marked"
                        + " Access.PUBLIC, and nothing checks a caller for them");
            }
        };
    }
}
