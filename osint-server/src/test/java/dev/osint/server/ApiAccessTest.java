package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.testing.CapturedLogs;
import dev.osint.core.CollectorOutput;
import dev.osint.queue.PingCollector;
import dev.osint.queue.ScriptedCollector;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys from outside: without a key, with a wrong one, with a right one in each header. */
class ApiAccessTest {
    private static final String ALICE = ApiKeysTest.ALICE_KEY;
    private static final String BOB = ApiKeysTest.BOB_KEY;
    private static final String OPS = ApiKeysTest.ROOT_KEY;
    private static final String SUBMIT = "{\"target\": \"example.com\", \"type\": \"echo\"}";
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = anApi().with(new PingCollector(),
                        new ScriptedCollector("echo", (ctx, run) -> CollectorOutput.found(Map.of(), List.of())))
                .withSettings(Map.of("OSINT_API_KEYS", "alice:" + ALICE + "," + BOB + ",ops:" + OPS + ";admin"))
                .start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> request(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString(SUBMIT)
                        : HttpRequest.BodyPublishers.noBody());
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.sendAsIs(request);
    }

    private static void assertUnauthorized(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValue("Bearer realm=\"osint\"");
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
        assertThat(json(response).get("type").asText()).as(what).isEqualTo("urn:osint:problem:unauthorized");
    }

    @Test
    void everyOperationButHealthNeedsAKeyAndTheDocumentationIsOpen() {
        HttpResponse<String> openapi = request("GET", "/openapi.json");
        assertThat(openapi.statusCode()).isEqualTo(200);
        JsonNode paths = json(openapi).get("paths");
        String taskId = json(request("POST", "/api/v1/scan", "Authorization", "Bearer " + ALICE)).get("task_id")
                .asText();

        List<String> checked = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String method = operation.getKey().toUpperCase();
            String concrete = path.getKey().replace("{task_id}", taskId);
            HttpResponse<String> answer = request(method, concrete);
            boolean open = operation.getValue().path("security").isArray()
                    && operation.getValue().path("security").isEmpty();
            if (open) {
                assertThat(answer.statusCode()).as(method + " " + concrete).isNotEqualTo(401);
            } else {
                assertUnauthorized(answer, method + " " + concrete);
                assertThat(operation.getValue().at("/responses/401/content/application~1problem+json").isMissingNode())
                        .as(method + " " + path.getKey() + " documents its 401").isFalse();
            }
            checked.add(method + " " + path.getKey() + (open ? " (open)" : ""));
        }));
        assertThat(checked).contains("GET /api/v1/health (open)", "POST /api/v1/scan", "GET /metrics", "GET /api/v1",
                "GET /api/v1/tasks", "GET /api/v1/events");

        // the dashboard's page and files hold no data: they load without a key, and ask the API with one
        assertThat(request("GET", "/").statusCode()).isEqualTo(200);

        HttpResponse<String> docs = request("GET", "/docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        String script = docs.body().replaceAll("(?s).*<script src=\"([^\"]*swagger-ui-bundle\\.js)\".*", "$1");
        assertThat(request("GET", script).statusCode()).as(script).isEqualTo(200);
        assertThat(json(openapi).at("/components/securitySchemes/BearerAuth/scheme").asText()).isEqualTo("bearer");
        assertThat(json(openapi).at("/components/securitySchemes/ApiKeyAuth/name").asText()).isEqualTo("X-API-Key");
    }

    @Test
    void aWrongOrMissingKeyIs401InEitherHeader() {
        assertUnauthorized(request("POST", "/api/v1/scan"), "no key");
        assertUnauthorized(request("POST", "/api/v1/scan", "Authorization", "Bearer " + ALICE + "x"), "wrong bearer");
        assertUnauthorized(request("POST", "/api/v1/scan", "X-API-Key", BOB.substring(1)), "wrong X-API-Key");
        assertUnauthorized(request("GET", "/api/v1/collectors", "Authorization", "Bearer "), "empty bearer");
        assertUnauthorized(request("GET", "/api/v1/collectors", "X-API-Key", ""), "empty X-API-Key");
        HttpResponse<String> basic = request("GET", "/api/v1/collectors", "Authorization", "Basic YWxpY2U6eA==");
        assertUnauthorized(basic, "basic");
        assertThat(json(basic).get("detail").asText()).contains("is not 'Bearer KEY'")
                .contains("Authorization: Bearer KEY").contains("X-API-Key: KEY");
        assertThat(json(request("GET", "/metrics")).get("detail").asText())
                .isEqualTo("this API needs a key: send it as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'"
                        + " (the CLI sends OSINT_API_KEY)");
    }

    @Test
    void aRightKeyIsAcceptedInEitherHeader() {
        assertThat(request("POST", "/api/v1/scan", "Authorization", "Bearer " + ALICE).statusCode()).isEqualTo(200);
        assertThat(request("POST", "/api/v1/scan", "Authorization", "bearer  " + BOB).statusCode()).isEqualTo(200);
        assertThat(request("POST", "/api/v1/scan", "X-API-Key", OPS).statusCode()).isEqualTo(200);
        assertThat(request("GET", "/metrics", "X-API-Key", BOB).statusCode()).isEqualTo(200);
        assertThat(request("GET", "/api/v1/collectors", "Authorization", "Bearer " + ALICE).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theSubmittingKeyIsRecordedAsTheTasksOwner() {
        String byAlice = json(request("POST", "/api/v1/scan", "Authorization", "Bearer " + ALICE)).get("task_id")
                .asText();
        String byBob = json(request("POST", "/api/v1/scan", "X-API-Key", BOB)).get("task_id").asText();

        assertThat(api.scans.status(byAlice).orElseThrow().owner()).isEqualTo("alice");
        assertThat(api.scans.status(byBob).orElseThrow().owner()).isEqualTo(ApiKeys.idOf(BOB)).startsWith("key-");
    }

    @Test
    void refusedRequestsAreCountedInTheMetrics() {
        request("GET", "/api/v1/queues", "X-API-Key", "not-a-key-at-all-0123456789");
        String metrics = request("GET", "/metrics", "X-API-Key", OPS).body();
        assertThat(metrics).containsPattern("osint_requests_refused_total\\{reason=\"unauthorized\"} [1-9]");
    }

    @Test
    void aMalformedEscapeAfterASemicolonIsA400NotA500() {
        try (CapturedLogs logs = CapturedLogs.atDebug()) {
            for (String path : List.of("/api/v1/scan/ab;c%zz", "/api/v1/scan/ab;c%", "/api/v1/scan/x;%2", "/%zz;",
                    "/api/v1/health?x=%zz", "/api/v1/scan/ab;c%zz/cancel")) {
                RawHttp.Answer answer = RawHttp.send(api.server.port(), "GET", path,
                        "Authorization: Bearer " + ALICE + "\r\n", new byte[0]);
                assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
                assertThat(answer.header("Content-Type")).as(path).isEqualTo("application/problem+json");
            }
            assertThat(logs.everything()).doesNotContain("URLDecoder").doesNotContain("IllegalArgumentException");
        }
        RawHttp.Answer refused = RawHttp.send(api.server.port(), "GET", "/api/v1/scan/ab;c%zz", "", new byte[0]);
        assertThat(refused.body()).contains("the path has a malformed percent escape at character 18");
        // the filter's own 400 carries the security headers, as every answer past Jetty's parser does
        assertThat(refused.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(refused.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(RawHttp.send(api.server.port(), "GET", "/api/v1/scan/ab;c%41",
                "Authorization: Bearer " + ALICE + "\r\n", new byte[0]).status()).isEqualTo(404);
    }

    @Test
    void withAnonymousCallersLetInAKeylessCallerIsItsAddressButAWrongKeyIsStill401() {
        try (ApiFixture mixed = anApi().with(new ScriptedCollector("echo",
                        (ctx, run) -> CollectorOutput.found(Map.of(), List.of())))
                .withSettings(Map.of("OSINT_API_KEYS", "alice:" + ALICE, "OSINT_ALLOW_ANONYMOUS", "true")).start()) {
            HttpResponse<String> anonymous = mixed.post("/api/v1/scan", SUBMIT);
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(mixed.scans.status(json(anonymous).get("task_id").asText()).orElseThrow().owner())
                    .isEqualTo("anonymous@127.0.0.1");
            assertThat(mixed.usingKey(BOB).post("/api/v1/scan", SUBMIT).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void withoutKeysEveryoneIsAnonymousAsBefore() {
        try (ApiFixture open = anApi().with(new ScriptedCollector("echo",
                (ctx, run) -> CollectorOutput.found(Map.of(), List.of()))).start()) {
            String id = open.submit("echo", "example.com");
            assertThat(open.scans.status(id).orElseThrow().owner()).isEqualTo("anonymous@127.0.0.1");
            assertThat(open.usingKey("anything-at-all-0123456789").get("/metrics").statusCode()).isEqualTo(200);
        }
    }
}
