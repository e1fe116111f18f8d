package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard as the server delivers it, without a browser: the page, every file it loads (followed through
 * the modules' imports), the security headers on every answer, and the rules its scripts keep.
 */
class DashboardTest {
    private static final Pattern PAGE_ASSET = Pattern.compile("(?:href|src)=\"(/ui/[^\"]+)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile(
            "(?:from\\s+|import\\(\\s*)'([^']+)'|'(/ui/lib/[^']+)'");
    /** Ways to put markup or code into a page from a string; the dashboard builds every node itself. */
    private static final List<String> FORBIDDEN_IN_SCRIPTS = List.of("innerHTML", "outerHTML", "insertAdjacentHTML",
            "document.write", "eval(", "new Function", "setAttribute('style'", "srcdoc", "createContextualFragment");

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = anApi().start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void thePageIsServedAtTheRootWithAPolicyThatAllowsNoInlineScriptOrStyle() {
        HttpResponse<String> page = api.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/js/main.js\"></script>");
        assertThat(page.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]").doesNotContain("style=")
                .doesNotContainPattern("\\son[a-z]+=");
        assertStrictHeaders(page);
    }

    @Test
    void everyFileThePageLoadsIsServedFromTheJarWithItsType() {
        Set<String> loaded = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        Matcher assets = PAGE_ASSET.matcher(api.get("/").body());
        while (assets.find()) {
            pending.add(assets.group(1));
        }
        while (!pending.isEmpty()) {
            String path = pending.poll();
            if (!loaded.add(path)) {
                continue;
            }
            HttpResponse<String> file = api.get(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            String type = file.headers().firstValue("Content-Type").orElse("");
            if (path.endsWith(".js") || path.endsWith(".mjs")) {
                assertThat(type).as(path).startsWith("text/javascript");
                if (!path.startsWith(ApiRoutes.DASHBOARD_LIBRARIES)) {
                    Matcher imports = MODULE_IMPORT.matcher(file.body());
                    while (imports.find()) {
                        String target = imports.group(1) != null ? imports.group(1) : imports.group(2);
                        pending.add(resolve(path, target));
                    }
                }
            } else if (path.endsWith(".css")) {
                assertThat(type).as(path).startsWith("text/css");
            }
            assertStrictHeaders(file);
        }
        assertThat(loaded).contains("/ui/js/main.js", "/ui/dashboard.css", "/ui/js/pages/scan.js",
                "/ui/js/results/identity.js", "/ui/lib/uplot/1.6.30/dist/uPlot.esm.js",
                "/ui/lib/cytoscape/3.33.1/dist/cytoscape.esm.min.mjs", "/ui/lib/uplot/1.6.30/dist/uPlot.min.css");
    }

    @Test
    void theDashboardsScriptsNeverTurnStringsIntoMarkupOrCode() throws IOException {
        for (String path : dashboardScripts()) {
            String source = resource(path);
            for (String forbidden : FORBIDDEN_IN_SCRIPTS) {
                assertThat(source).as("%s uses %s", path, forbidden).doesNotContain(forbidden);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/lib/cytoscape/3.33.1/package.json", "/ui/../pom.xml", "/ui/%2e%2e/dashboard/index.html",
            "/ui/lib/uplot/1.6.30/dist/../package.json", "/ui/lib/swagger-ui/"})
    void nothingButTheDashboardsOwnFilesAndTheLibrariesBuiltFilesIsServed(String path) {
        HttpResponse<String> answer = api.get(path);

        assertThat(answer.statusCode()).as(path).isIn(400, 404);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void apiAnswersCarryTheHeadersToo() {
        assertStrictHeaders(api.get("/api/v1/collectors"));
        assertStrictHeaders(api.get("/api/v1/scan/no-such-task"));
        assertStrictHeaders(api.get("/no/such/page"));
    }

    @Test
    void swaggerUiIsAllowedExactlyItsOwnInlineScriptsByTheirHashes() {
        HttpResponse<String> docs = api.get("/docs");

        String policy = docs.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).doesNotContain("unsafe-inline").contains("frame-ancestors 'none'")
                .containsPattern("script-src 'self' 'sha256-[A-Za-z0-9+/=]{44}'");
        assertThat(docs.body()).contains("SwaggerUIBundle");
    }

    private static void assertStrictHeaders(HttpResponse<String> answer) {
        String policy = answer.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'").contains("script-src 'self';").contains("style-src 'self';")
                .contains("frame-ancestors 'none'").contains("base-uri 'none'").doesNotContain("unsafe");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    private static String resolve(String from, String target) {
        if (target.startsWith("/")) {
            return target;
        }
        String base = from.substring(0, from.lastIndexOf('/') + 1);
        Deque<String> parts = new ArrayDeque<>(List.of(base.substring(1).split("/")));
        for (String part : target.split("/")) {
            if (part.equals("..")) {
                parts.removeLast();
            } else if (!part.equals(".")) {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The dashboard's own modules, found by following main.js's imports. */
    private static Set<String> dashboardScripts() throws IOException {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of("/ui/js/main.js"));
        while (!pending.isEmpty()) {
            String path = pending.poll();
            if (path.startsWith(ApiRoutes.DASHBOARD_LIBRARIES) || !found.add(path)) {
                continue;
            }
            Matcher imports = MODULE_IMPORT.matcher(resource(path));
            while (imports.find()) {
                if (imports.group(1) != null) {
                    pending.add(resolve(path, imports.group(1)));
                }
            }
        }
        assertThat(found).hasSizeGreaterThan(15);
        return found;
    }

    private static String resource(String uiPath) throws IOException {
        String name = Dashboard.RESOURCES + uiPath.substring(ApiRoutes.DASHBOARD_ASSETS.length());
        try (InputStream in = DashboardTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
