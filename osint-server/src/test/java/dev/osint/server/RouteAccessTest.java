package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.queue.PingCollector;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The access check runs inside each route's handler ({@link CheckedRoutes}), so nothing in front of the routes
 * refuses a caller: every route the real server registers, {@link ApiRoutes}' and the plugins' alike, is tried
 * without a key, and each one not marked {@link Access#PUBLIC} must answer 401 with the challenge, each public one
 * must be open. A route registered without the check keeps the server from starting.
 */
class RouteAccessTest {
    private static final String KEY = ApiKeysTest.ALICE_KEY;

    @Test
    void everyRouteTheServerRegistersRefusesACallerWithoutAKeyUnlessItIsPublic() {
        try (ApiFixture api = anApi().with(new PingCollector())
                .withSettings(Map.of("OSINT_API_KEYS", "alice:" + KEY)).start()) {
            String taskId = json(api.usingKey(KEY).post(ApiRoutes.SCAN, "{\"target\": \"example.com\", \"type\":"
                    + " \"ping\"}")).get("task_id").asText();
            List<String> refused = new ArrayList<>();
            List<String> open = new ArrayList<>();

            for (Endpoint endpoint : api.server.endpoints()) {
                String route = endpoint.getMethod() + " " + endpoint.getPath();
                String path = endpoint.getPath().replaceAll("\\{[^}]*}|<[^>]*>", taskId).replace("*", "x.js");
                byte[] body = endpoint.getMethod().name().equals("POST")
                        ? "{\"target\": \"example.com\", \"type\": \"ping\"}".getBytes(StandardCharsets.UTF_8)
                        : new byte[0];
                RawHttp.Answer answer = RawHttp.send(api.server.port(), endpoint.getMethod().name(), path,
                        "Content-Type: application/json\r\n", body);
                if (endpoint.getRoles().contains(Access.PUBLIC)) {
                    // open to a caller without a key (login refuses a cross-site request itself, with a 403)
                    assertThat(answer.status()).as(route + " is public: " + answer.text()).isNotEqualTo(401);
                    assertThat(answer.header("WWW-Authenticate")).as(route).isNull();
                    open.add(route);
                } else {
                    assertThat(answer.status()).as(route + " without a key: " + answer.text()).isEqualTo(401);
                    assertThat(answer.header("WWW-Authenticate")).as(route).isEqualTo(AccessControl.REALM);
                    refused.add(route);
                }
            }

            assertThat(refused).contains("POST " + ApiRoutes.SCAN, "GET " + ApiRoutes.SCAN_TASK,
                    "HEAD " + ApiRoutes.SCAN_TASK, "GET " + ApiRoutes.SCAN_CANCEL, "GET " + ApiRoutes.EVENTS,
                    "GET " + ApiRoutes.SCAN_EVENTS, "GET " + ApiRoutes.METRICS, "GET " + ApiRoutes.HISTORY_TASK,
                    "GET " + ApiRoutes.SESSION);
            assertThat(open).contains("GET " + ApiRoutes.HEALTH, "GET " + ApiRoutes.DASHBOARD,
                    "POST " + ApiRoutes.SESSION, "DELETE " + ApiRoutes.SESSION, "GET " + ApiRoutes.OPENAPI,
                    "GET " + ApiRoutes.DOCS);
            // the dashboard's files are served without a route: public by CheckedRoutes.publicFiles
            assertThat(RawHttp.send(api.server.port(), "GET", ApiRoutes.DASHBOARD_ASSETS + "/dashboard.css", "",
                    new byte[0]).status()).isEqualTo(200);
        }
    }

    @Test
    void aRouteWithoutTheCheckOrPublicMarkIsRefusedAtStart() {
        AccessControl access = new AccessControl(List.of(), false, false, new ApiMetrics());
        CheckedRoutes checked = new CheckedRoutes(access);
        Javalin app = Javalin.create(config -> config.router.apiBuilder(() -> {
            checked.get("/checked", ctx -> ctx.result("ok"));
            checked.post("/open", ctx -> ctx.result("ok"), Access.PUBLIC);
            io.javalin.apibuilder.ApiBuilder.get("/plain", ctx -> ctx.result("unchecked"));
        }));
        List<Endpoint> endpoints = app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(ParsedEndpoint::getEndpoint).toList();

        assertThatThrownBy(() -> CheckedRoutes.requireEveryRouteChecked(endpoints))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[GET /plain]");
        CheckedRoutes.requireEveryRouteChecked(endpoints.stream()
                .filter(endpoint -> !endpoint.getPath().equals("/plain")).toList());
    }

    @Test
    void staticFilesNotMarkedPublicAreRefusedAtStart() {
        assertThatThrownBy(() -> Javalin.create(config -> config.staticFiles.add(CheckedRoutes.publicFiles(files -> {
            files.hostedPath = "/private";
            files.directory = Dashboard.RESOURCES;
            files.location = Location.CLASSPATH;
        })))).hasMessageContaining("/private").hasMessageContaining("Access.PUBLIC");
        Javalin.create(config -> config.staticFiles.add(CheckedRoutes.publicFiles(files -> {
            files.hostedPath = "/public";
            files.directory = Dashboard.RESOURCES;
            files.location = Location.CLASSPATH;
            files.roles = Set.of(Access.PUBLIC);
        })));
    }
}
