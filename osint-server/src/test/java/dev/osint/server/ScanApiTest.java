package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.dns.DnsCollector;
import dev.osint.core.CollectorOutput;
import dev.osint.queue.ScriptedCollector;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Submitting, reading and cancelling scans with no worker running: tasks stay PENDING until cancelled. */
class ScanApiTest {
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = anApi().with(new DnsCollector(),
                new ScriptedCollector("echo", (ctx, run) -> CollectorOutput.found(Map.of(), List.of()))).start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void submitAnswersWithTheSeedsFieldsAndTheNormalisedTarget() {
        HttpResponse<String> response = api.post("/api/v1/scan", "{\"target\": \"  WWW.Example.COM. \", \"type\": \"dns\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(fieldNames(body)).containsExactly("task_id", "status", "message", "target", "collector_type");
        assertThat(body.get("status").asText()).isEqualTo("PENDING");
        assertThat(body.get("message").asText()).isEqualTo("Scan initiated successfully");
        assertThat(body.get("target").asText()).isEqualTo("www.example.com");
        assertThat(body.get("collector_type").asText()).isEqualTo("dns");
        assertThat(api.broker.get(body.get("task_id").asText())).isPresent();
    }

    @Test
    void theAnswerIsSentWhole_withItsLengthAndTheSecurityHeaders() {
        HttpResponse<String> submitted = api.post("/api/v1/scan", "{\"target\": \"example.com\"}");
        HttpResponse<String> status = api.get("/api/v1/scan/" + json(submitted).get("task_id").asText());

        for (HttpResponse<String> response : List.of(submitted, status)) {
            assertThat(response.headers().firstValue("Content-Length"))
                    .hasValue(Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        }
    }

    @Test
    void taskIdsAreRandomUuids() {
        List<String> ids = IntStream.range(0, 20)
                .mapToObj(i -> json(api.post("/api/v1/scan", "{\"target\": \"example.com\"}")).get("task_id").asText())
                .toList();

        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> {
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
        });
    }

    @Test
    void typeDefaultsToDnsAsInTheSeed() {
        JsonNode body = json(api.post("/api/v1/scan", "{\"target\": \"example.com\"}"));

        assertThat(body.get("collector_type").asText()).isEqualTo("dns");
    }

    @Test
    void optionsAndPriorityAreAccepted() {
        HttpResponse<String> response = api.post("/api/v1/scan",
                "{\"target\": \"example.com\", \"type\": \"echo\", \"options\": {\"sleep_ms\": 5}, \"priority\": \"high\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        String id = json(response).get("task_id").asText();
        assertThat(api.broker.get(id).orElseThrow().options()).containsEntry("sleep_ms", 5);
        assertThat(api.broker.get(id).orElseThrow().priority().wireName()).isEqualTo("high");
    }

    @Test
    void aBodyWithoutContentTypeIsReadAsJson() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/scan"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"target\": \"example.com\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aWaitingTaskIsPendingWithProgressZeroAndItsRequest() {
        String id = api.submit("dns", "example.com");

        HttpResponse<String> response = api.get("/api/v1/scan/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(fieldNames(body)).containsExactly("task_id", "status", "progress", "collector_type", "target",
                "options", "queue", "priority", "retries", "worker", "parent_id", "created_at", "started_at",
                "finished_at", "history");
        assertThat(body.get("collector_type").asText()).isEqualTo("dns");
        assertThat(body.get("target").asText()).isEqualTo("example.com");
        assertThat(body.get("priority").asText()).isEqualTo("normal");
        assertThat(body.get("worker").isNull()).isTrue();
        assertThat(body.get("history").toString()).isEqualTo("[{\"state\":\"PENDING\",\"at\":\""
                + body.get("created_at").asText() + "\"}]");
        assertThat(body.get("task_id").asText()).isEqualTo(id);
        assertThat(body.get("status").asText()).isEqualTo("PENDING");
        assertThat(body.get("progress").asInt()).isZero();
    }

    @Test
    void cancellingAWaitingTaskRevokesItByEveryVerb() {
        for (String how : List.of("GET cancel", "POST cancel", "DELETE cancel", "DELETE task")) {
            String id = api.submit("dns", "example.com");
            HttpResponse<String> response = switch (how) {
                case "GET cancel" -> api.get("/api/v1/scan/" + id + "/cancel");
                case "POST cancel" -> api.post("/api/v1/scan/" + id + "/cancel", "");
                case "DELETE cancel" -> api.delete("/api/v1/scan/" + id + "/cancel");
                default -> api.delete("/api/v1/scan/" + id);
            };

            assertThat(response.statusCode()).as(how).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(fieldNames(body)).as(how).containsExactly("task_id", "status", "message");
            assertThat(body.get("task_id").asText()).isEqualTo(id);
            assertThat(body.get("status").asText()).as(how).isEqualTo("REVOKED");

            JsonNode status = json(api.get("/api/v1/scan/" + id));
            assertThat(status.get("status").asText()).isEqualTo("REVOKED");
            assertThat(status.get("progress").asInt()).isEqualTo(100);
            assertThat(status.get("error").asText()).isEqualTo("task revoked");
        }
    }

    @Test
    void cancellingAFinishedTaskKeepsItsStateAndSaysSo() {
        String id = api.submit("dns", "example.com");
        api.delete("/api/v1/scan/" + id);

        JsonNode again = json(api.delete("/api/v1/scan/" + id));

        assertThat(again.get("status").asText()).isEqualTo("REVOKED");
    }

    @Test
    void anUnknownTaskIsA404ProblemEverywhere() {
        for (String path : List.of("/api/v1/scan/no-such-task", "/api/v1/scan/no-such-task/cancel",
                "/api/v1/scan/no-such-task/events", "/api/v1/scan/" + "x".repeat(300),
                "/api/v1/scan/%20%0d%0a")) {
            HttpResponse<String> response = api.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.get("type").asText()).isEqualTo("urn:osint:problem:task-not-found");
            assertThat(problem.get("status").asInt()).isEqualTo(404);
            assertThat(problem.get("detail").asText()).contains("unknown, or its result expired");
        }
        assertThat(api.delete("/api/v1/scan/no-such-task").statusCode()).isEqualTo(404);
    }

    static List<String> fieldNames(JsonNode node) {
        return iterate(node.fieldNames());
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
