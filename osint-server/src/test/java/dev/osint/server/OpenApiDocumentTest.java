package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.CollectorOutput;
import dev.osint.queue.PingCollector;
import dev.osint.queue.ScriptedCollector;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /openapi.json is valid OpenAPI 3, lists every endpoint, and its schemas name the fields the API really sends. */
class OpenApiDocumentTest {
    private static ApiFixture api;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        api = anApi().with(new PingCollector(), new dev.osint.collectors.dns.DnsCollector(),
                new ScriptedCollector("echo", (ctx, run) -> CollectorOutput.found(Map.of(), List.of()))).start();
        HttpResponse<String> response = api.get("/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        document = json(response);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void isAValidOpenApi3Document() {
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document.toString(), null, null);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
        assertThat(result.getOpenAPI().getInfo().getTitle()).isEqualTo("OSINT platform API");
    }

    @Test
    void listsEveryEndpointWithItsMethods() {
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("/api/v1", List.of("get")),
                Map.entry("/api/v1/session", List.of("post", "get", "delete")),
                Map.entry("/metrics", List.of("get")),
                Map.entry("/api/v1/scan", List.of("post")),
                Map.entry("/api/v1/scan/upload", List.of("post")),
                Map.entry("/api/v1/scan/{task_id}", List.of("get", "delete")),
                Map.entry("/api/v1/scan/{task_id}/cancel", List.of("get", "post", "delete")),
                Map.entry("/api/v1/scan/{task_id}/events", List.of("get")),
                Map.entry("/api/v1/scan/{task_id}/retry", List.of("post")),
                Map.entry("/api/v1/tasks", List.of("get")),
                Map.entry("/api/v1/events", List.of("get")),
                Map.entry("/api/v1/collectors", List.of("get")),
                Map.entry("/api/v1/health", List.of("get")),
                Map.entry("/api/v1/workers", List.of("get")),
                Map.entry("/api/v1/queues", List.of("get")),
                Map.entry("/api/v1/history", List.of("get")),
                Map.entry("/api/v1/history/export", List.of("get")),
                Map.entry("/api/v1/history/diff", List.of("get")),
                Map.entry("/api/v1/history/timeline", List.of("get")),
                Map.entry("/api/v1/history/{task_id}", List.of("get")),
                Map.entry("/api/v1/history/{task_id}/export", List.of("get")),
                Map.entry("/api/v1/entities", List.of("get")));

        assertThat(ScanApiTest.fieldNames(document.get("paths"))).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((path, methods) ->
                assertThat(ScanApiTest.fieldNames(document.get("paths").get(path))).as(path)
                        .containsExactlyInAnyOrderElementsOf(methods));
    }

    @Test
    void describesEveryErrorOfASubmitAsAProblem() {
        JsonNode responses = document.at("/paths/~1api~1v1~1scan/post/responses");

        assertThat(ScanApiTest.fieldNames(responses)).contains("200", "400", "401", "413", "415", "422", "429", "503");
        for (String status : List.of("400", "401", "413", "415", "422", "429", "503")) {
            assertThat(responses.at("/" + status + "/content/application~1problem+json/schema/$ref").asText())
                    .isEqualTo("#/components/schemas/Problem");
        }
        assertThat(document.at("/paths/~1api~1v1~1scan~1{task_id}/get/responses/404/content/application~1problem+json")
                .isMissingNode()).isFalse();
    }

    @Test
    void namesBothWaysToSendAKeyAndWhatNeedsNone() {
        assertThat(document.at("/components/securitySchemes/BearerAuth/type").asText()).isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/BearerAuth/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/components/securitySchemes/ApiKeyAuth/type").asText()).isEqualTo("apiKey");
        assertThat(document.at("/components/securitySchemes/ApiKeyAuth/in").asText()).isEqualTo("header");
        assertThat(document.at("/components/securitySchemes/SessionCookie/in").asText()).isEqualTo("cookie");
        assertThat(document.at("/components/securitySchemes/SessionCookie/name").asText()).isEqualTo("osint_session");
        assertThat(document.at("/security").toString())
                .isEqualTo("[{\"BearerAuth\":[]},{\"ApiKeyAuth\":[]},{\"SessionCookie\":[]}]");
        assertThat(document.at("/paths/~1api~1v1~1session/post/security").toString()).isEqualTo("[]");
        assertThat(document.at("/paths/~1api~1v1~1health/get/security").toString()).isEqualTo("[]");
        assertThat(document.at("/paths/~1api~1v1~1scan/post/security").isMissingNode()).isTrue();
    }

    @Test
    void schemasUseTheWireNames() {
        JsonNode schemas = document.at("/components/schemas");

        assertThat(ScanApiTest.fieldNames(schemas.at("/ScanAccepted/properties")))
                .containsExactly("task_id", "status", "message", "target", "collector_type");
        assertThat(ScanApiTest.fieldNames(schemas.at("/ScanResult/properties"))).contains("collector_name", "entities");
        assertThat(ScanApiTest.fieldNames(schemas.at("/Option/properties"))).contains("default");
        assertThat(schemas.at("/EntityKind/enum/0").asText()).isEqualTo("domain");
        assertThat(schemas.at("/ScanSubmission/required").toString()).isEqualTo("[\"target\"]");
    }

    @Test
    void eachCollectorsOptionsAreASchemaWithTypesDefaultsBoundsAndAllowedValues() {
        JsonNode dns = document.at("/components/schemas/ScanOptions_dns");

        assertThat(dns.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(ScanApiTest.fieldNames(dns.path("properties"))).containsExactly("bruteforce", "wordlist",
                "bruteforce_rate", "bruteforce_concurrency", "zone_transfer");
        JsonNode rate = dns.at("/properties/bruteforce_rate");
        assertThat(rate.path("type").asText()).isEqualTo("integer");
        assertThat(rate.path("default").asLong()).isEqualTo(5000);
        assertThat(rate.path("minimum").asLong()).isEqualTo(1);
        assertThat(rate.path("maximum").asLong()).isEqualTo(100_000);
        assertThat(rate.path("readOnly").asBoolean()).as("operator only").isTrue();
        assertThat(dns.at("/properties/wordlist/enum").toString()).isEqualTo("[\"subdomains\"]");
        assertThat(document.at("/components/schemas/ScanSubmission/properties/options/anyOf").toString())
                .contains("#/components/schemas/ScanOptions_dns").contains("#/components/schemas/ScanOptions_echo");
        assertThat(document.at("/components/schemas/ScanOptions_ping").isMissingNode()).as("built-in").isTrue();
    }

    @Test
    void realAnswersCarryOnlyDocumentedFields() {
        String id = api.submit("echo", "example.com");
        Map<String, HttpResponse<String>> answers = Map.of(
                "ScanAccepted", api.post("/api/v1/scan", "{\"target\": \"example.com\", \"type\": \"echo\"}"),
                "ScanStatus", api.get("/api/v1/scan/" + id),
                "ScanCancellation", api.delete("/api/v1/scan/" + id),
                "CollectorCatalog", api.get("/api/v1/collectors"),
                "HealthReport", api.get("/api/v1/health"),
                "WorkersView", api.get("/api/v1/workers"),
                "QueuesView", api.get("/api/v1/queues"),
                "ServiceIndex", api.get("/api/v1"),
                "TaskList", api.get("/api/v1/tasks"),
                "Problem", api.post("/api/v1/scan", "{\"type\": 1}"));

        answers.forEach((schema, response) -> {
            List<String> stray = new ArrayList<>();
            undocumented(json(response), document.at("/components/schemas/" + schema), schema, stray);
            assertThat(stray).as(schema).isEmpty();
        });
    }

    @Test
    void swaggerUiIsServedFromTheJarWithoutTheOnlineValidator() {
        HttpResponse<String> page = api.get("/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("SwaggerUIBundle").contains("/openapi.json")
                .doesNotContain("validator.swagger.io");
        String script = page.body().replaceAll("(?s).*<script src=\"([^\"]*swagger-ui-bundle\\.js)\".*", "$1");
        assertThat(api.get(script).statusCode()).as(script).isEqualTo(200);
    }

    /** Collects the JSON paths of fields the schema does not declare, following $ref, allOf and items. */
    private static void undocumented(JsonNode value, JsonNode declared, String at, List<String> stray) {
        JsonNode schema = resolve(declared);
        if (value.isObject() && schema.has("properties")) {
            value.fieldNames().forEachRemaining(name -> {
                JsonNode property = schema.get("properties").get(name);
                if (property == null) {
                    stray.add(at + "." + name);
                } else {
                    undocumented(value.get(name), property, at + "." + name, stray);
                }
            });
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                undocumented(value.get(i), schema.get("items"), at + "[" + i + "]", stray);
            }
        }
    }

    private static JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            return resolve(document.at(schema.get("$ref").asText().substring(1)));
        }
        if (schema.has("allOf")) {
            return resolve(schema.get("allOf").get(0));
        }
        return schema;
    }
}
