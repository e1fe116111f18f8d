package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.dns.DnsCollector;
import dev.osint.core.CollectorOutput;
import dev.osint.queue.ScriptedCollector;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every error the API gives is an RFC 9457 problem with the status, and a validation problem names each field. */
class ProblemAnswersTest {
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = anApi().with(new DnsCollector(),
                new ScriptedCollector("echo", (ctx, run) -> CollectorOutput.found(Map.of(), List.of()))).start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void malformedJsonIsA400() {
        JsonNode problem = problem(api.post("/api/v1/scan", "{\"target\": \"example.com\""), 400);

        assertThat(problem.get("type").asText()).isEqualTo("urn:osint:problem:malformed-json");
        assertThat(problem.get("title").asText()).isEqualTo("Malformed JSON");
        assertThat(problem.get("detail").asText()).startsWith("the request body is not valid JSON");
    }

    @Test
    void trailingGarbageAfterTheObjectIsMalformed() {
        problem(api.post("/api/v1/scan", "{\"target\": \"example.com\"} {}"), 400);
    }

    @Test
    void anEmptyBodyIsA400ThatShowsWhatToSend() {
        JsonNode problem = problem(api.post("/api/v1/scan", ""), 400);

        assertThat(problem.get("detail").asText()).contains("the body is empty").contains("{\"target\"");
    }

    @Test
    void aMissingTargetIsA422NamingTheField() {
        JsonNode problem = problem(api.post("/api/v1/scan", "{\"type\": \"dns\"}"), 422);

        assertThat(problem.get("type").asText()).isEqualTo("urn:osint:problem:validation-failed");
        assertThat(errors(problem)).containsExactly("target: is required");
    }

    @Test
    void wrongTypesAreListedFieldByField() {
        JsonNode problem = problem(api.post("/api/v1/scan",
                "{\"target\": 42, \"type\": [\"dns\"], \"options\": \"fast\", \"priority\": \"urgent\"}"), 422);

        assertThat(errors(problem)).containsExactly(
                "target: must be a string, got a number",
                "type: must be a string, got an array",
                "options: must be a JSON object, got string",
                "priority: must be one of [high, normal, low], got 'urgent'");
        assertThat(problem.get("detail").asText()).isEqualTo("4 fields are invalid; see errors");
    }

    @Test
    void aBodyThatIsNotAnObjectIsA422() {
        assertThat(errors(problem(api.post("/api/v1/scan", "[\"example.com\"]"), 422)))
                .containsExactly("body: must be a JSON object such as {\"target\": \"example.com\", \"type\": \"dns\"},"
                        + " got an array");
    }

    @Test
    void aBadTargetNamesTheProblemAndTheAcceptedKinds() {
        JsonNode problem = problem(api.post("/api/v1/scan", "{\"target\": \"exa mple..com\", \"type\": \"dns\"}"), 422);

        List<String> errors = errors(problem);
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst()).startsWith("target: ").contains("exa mple..com").endsWith("accepted kinds: domain");
    }

    @Test
    void anIpForADomainCollectorSaysWhatItLooksLike() {
        String error = errors(problem(api.post("/api/v1/scan", "{\"target\": \"10.0.0.1\", \"type\": \"dns\"}"), 422))
                .getFirst();

        assertThat(error).contains("looks like ip").contains("accepted kinds: domain");
    }

    @Test
    void anUnknownTypeListsTheAvailableTypes() {
        JsonNode problem = problem(api.post("/api/v1/scan", "{\"target\": \"example.com\", \"type\": \"nope\"}"), 422);

        assertThat(errors(problem)).containsExactly("type: is not a known collector type; available: dns, echo");
    }

    @Test
    void badOptionsAreListedOneByOne() {
        JsonNode problem = problem(api.post("/api/v1/scan", "{\"target\": \"example.com\", \"type\": \"echo\","
                + " \"options\": {\"sleep_ms\": \"long\", \"colour\": \"red\"}}"), 422);

        assertThat(errors(problem)).containsExactlyInAnyOrder(
                "options.colour: unknown option; this collector takes [sleep_ms]",
                "options.sleep_ms: expected integer, got string");
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        String big = "{\"target\": \"example.com\", \"pad\": \"" + "x".repeat(70 * 1024) + "\"}";

        JsonNode problem = problem(api.post("/api/v1/scan", big), 413);

        assertThat(problem.get("detail").asText()).contains("at most 65536 bytes");
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413TooNotReadWhole() {
        byte[] big = ("{\"target\": \"example.com\", \"pad\": \"" + "x".repeat(200 * 1024) + "\"}").getBytes();
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/scan"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertThat(problem(response, 413).get("detail").asText()).contains("more than 65536 bytes");
    }

    @Test
    void aBodyOfAnotherContentTypeIsA415() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/scan"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("target=example.com")));

        assertThat(problem(response, 415).get("detail").asText()).contains("Content-Type: application/json");
    }

    @Test
    void anUnknownRouteIsA404Problem() {
        JsonNode problem = problem(api.get("/api/v1/nothing-here"), 404);

        assertThat(problem.get("detail").asText()).contains("/api/v1/nothing-here").contains("/docs");
    }

    @Test
    void aWrongMethodIsA405Problem() {
        JsonNode problem = problem(api.send(HttpRequest.newBuilder(api.uri("/api/v1/scan"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))), 405);

        assertThat(problem.get("detail").asText()).contains("PUT is not allowed");
        assertThat(problem(api.get("/api/v1/scan"), 405).get("detail").asText()).contains("POST");
    }

    @Test
    void aDownBrokerIsA503ThatSaysSo() {
        api.brokerDown.set(true);
        try {
            JsonNode submit = problem(api.post("/api/v1/scan", "{\"target\": \"example.com\"}"), 503);
            JsonNode status = problem(api.get("/api/v1/scan/some-task"), 503);

            assertThat(submit.get("type").asText()).isEqualTo("urn:osint:problem:broker-unavailable");
            assertThat(submit.get("detail").asText()).contains("broker (memory) does not answer");
            assertThat(status.get("status").asInt()).isEqualTo(503);
        } finally {
            api.brokerDown.set(false);
        }
    }

    @Test
    void aBrokerThatReportsItselfUnavailableIsA503EvenWhilePingAnswers() {
        api.brokerUnavailable.set(true);
        try {
            JsonNode submit = problem(api.post("/api/v1/scan", "{\"target\": \"example.com\"}"), 503);
            assertThat(submit.get("type").asText()).isEqualTo("urn:osint:problem:broker-unavailable");
        } finally {
            api.brokerUnavailable.set(false);
        }
    }

    /** Asserts the answer is a problem of that status and returns it. */
    static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    static List<String> errors(JsonNode problem) {
        List<String> list = new ArrayList<>();
        problem.path("errors").forEach(e -> list.add(e.get("field").asText() + ": " + e.get("problem").asText()));
        return list;
    }
}
