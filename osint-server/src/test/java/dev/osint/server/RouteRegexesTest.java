package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.queue.PingCollector;
import io.javalin.Javalin;
import io.javalin.config.RouterConfig;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.javalin.router.matcher.PathParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kotlin.text.Regex;
import org.junit.jupiter.api.Test;

/**
 * The route patterns {@link RouteRegexes} makes possessive match the same paths, and capture the same parameters,
 * as the lazy ones Javalin made: every route of the real server is compared with Javalin's own parser of its path,
 * on paths made from every route with parameters of many shapes, slashes added, doubled and dropped.
 */
class RouteRegexesTest {
    private static final String TASK_ID = "e41bbf67-1d7c-44e7-869c-09c23e5b9aa9";
    /** No malformed escape: Javalin's extraction throws on one, and {@link RequestFilter} refuses it before. */
    private static final List<String> PARAMETERS = List.of(TASK_ID, "a", "a;b", "%41", "%2F", "a.b", ".", "..",
            "x-y", "ü", "A B", "*", "{task_id}", "a+b", "a?b", "a:b");

    @Test
    void everyRouteOfTheServerMatchesAndCapturesAsJavalinsOwnParserDoes() {
        try (ApiFixture api = anApi().with(new PingCollector()).start()) {
            RouterConfig router = api.server.routerConfig();
            List<ParsedEndpoint> endpoints = api.server.parsedEndpoints();
            List<String> paths = pathsFrom(endpoints.stream().map(e -> e.getEndpoint().getPath()).toList());
            int matched = 0;
            for (ParsedEndpoint endpoint : endpoints) {
                PathParser javalins = new PathParser(endpoint.getEndpoint().getPath(), router);
                for (String path : paths) {
                    String what = endpoint.getEndpoint().getPath() + " against " + path;
                    assertThat(endpoint.matches(path)).as(what).isEqualTo(javalins.matches(path));
                    if (javalins.matches(path)) {
                        assertThat(endpoint.extractPathParams(path)).as(what)
                                .isEqualTo(javalins.extractPathParams(path));
                        matched++;
                    }
                }
            }
            assertThat(matched).isGreaterThan(endpoints.size());
        }
    }

    @Test
    void theServersParameterRoutesAreRewrittenAtStart() {
        try (ApiFixture api = anApi().with(new PingCollector()).start()) {
            List<ParsedEndpoint> taskRoutes = api.server.parsedEndpoints().stream()
                    .filter(endpoint -> endpoint.getEndpoint().getPath().equals(ApiRoutes.SCAN_TASK)).toList();
            assertThat(taskRoutes).isNotEmpty();
            assertThat(RouteRegexes.makePossessive(taskRoutes)).as("left lazy at start").isZero();
            ParsedEndpoint fresh = new ParsedEndpoint(new Endpoint(HandlerType.GET, ApiRoutes.SCAN_TASK, ctx -> {}),
                    api.server.routerConfig());
            assertThat(RouteRegexes.makePossessive(List.of(fresh))).as("one matching, one capturing").isEqualTo(2);
            assertThat(fresh.extractPathParams("/api/v1/scan/" + TASK_ID + "/"))
                    .containsExactlyEntriesOf(java.util.Map.of("task_id", TASK_ID));
        }
    }

    @Test
    void aParameterFollowedByMoreOfItsSegmentStaysLazy() {
        Regex suffixed = new Regex("^/\\Qfiles\\E/[^/]+?\\Q.txt\\E/?$", Set.of());
        assertThat(RouteRegexes.possessive(suffixed)).isSameAs(suffixed);
        Regex twoInOne = new Regex("^/([^/]+?)-([^/]+?)/?$", Set.of());
        assertThat(RouteRegexes.possessive(twoInOne).getPattern()).isEqualTo("^/([^/]+?)-([^/]++)/?$");

        RouterConfig router = Javalin.create().unsafeConfig().router;
        ParsedEndpoint file = new ParsedEndpoint(new Endpoint(HandlerType.GET, "/files/{name}.txt", ctx -> {}),
                router);
        RouteRegexes.makePossessive(List.of(file));
        assertThat(file.matches("/files/report.txt")).isTrue();
        assertThat(file.extractPathParams("/files/report.txt")).containsEntry("name", "report");
    }

    /** Each route's path with each parameter shape, and with a trailing slash, a doubled one, one segment less. */
    private static List<String> pathsFrom(List<String> routes) {
        List<String> paths = new ArrayList<>(List.of("/", "//", "", "/api", "/api/v1/scan/", "/api/v1/scan//cancel"));
        for (String route : routes) {
            for (String parameter : PARAMETERS) {
                String path = route.replaceAll("\\{[^}]*}|<[^>]*>", parameter).replace("*", parameter);
                paths.addAll(List.of(path, path + "/", path + "//", path.replace("/", "//"),
                        path.substring(0, Math.max(0, path.lastIndexOf('/'))), path + "/" + parameter));
            }
        }
        return paths;
    }
}
