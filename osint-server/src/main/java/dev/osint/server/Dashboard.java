package dev.osint.server;

import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.StaticFileConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The web dashboard: its page at {@code /}, its scripts and styles at {@code /ui} and the libraries it uses
 * (uPlot, cytoscape.js) at {@code /ui/lib}, all from the jar. The page is a shell; everything it shows comes
 * from the API.
 */
final class Dashboard {
    static final String RESOURCES = "/dashboard";
    private static final String WEBJARS = "/META-INF/resources/webjars/";
    /** The WebJars the dashboard loads; each is served from its own folder, which only its jar holds. */
    static final List<String> LIBRARIES = List.of("uplot", "cytoscape");
    /** Only the built files of the libraries are served, not their tests and project files. */
    private static final String LIBRARY_FILES = "/dist/";

    private final String page;

    Dashboard() {
        this.page = read(RESOURCES + "/index.html");
    }

    void page(Context ctx) {
        ctx.header("Cache-Control", "no-cache").html(page);
    }

    /** {@code /ui}: the dashboard's own modules and styles; revalidated on every load, so a new jar shows at once. */
    static void assets(StaticFileConfig files) {
        files.hostedPath = ApiRoutes.DASHBOARD_ASSETS;
        files.directory = RESOURCES;
        files.roles = Set.of(Access.PUBLIC); // no data in them: the page asks the API, which needs a key
        files.location = Location.CLASSPATH;
        files.headers = Map.of("Cache-Control", "no-cache");
        files.mimeTypes.add("text/javascript; charset=utf-8", "js", "mjs");
    }

    /** {@code /ui/lib/NAME/VERSION/dist/…}: files of a WebJar; versioned paths, so they are cached for long. */
    static Consumer<StaticFileConfig> library(String name) {
        return files -> library(name, files);
    }

    private static void library(String name, StaticFileConfig files) {
        files.hostedPath = ApiRoutes.DASHBOARD_LIBRARIES + "/" + name;
        files.directory = WEBJARS + name;
        files.roles = Set.of(Access.PUBLIC);
        files.location = Location.CLASSPATH;
        files.headers = Map.of("Cache-Control", "max-age=31536000, immutable");
        files.mimeTypes.add("text/javascript; charset=utf-8", "js", "mjs");
        files.skipFileFunction = request -> !request.getRequestURI().contains(LIBRARY_FILES);
    }

    private static String read(String resource) {
        try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
