package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.CollectorOutput;
import dev.osint.queue.ScriptedCollector;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jackson's read limits on request bodies: each one, when passed, is a 4xx naming it, and the server stays up. */
class RequestLimitsTest {
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = anApi().with(new ScriptedCollector("echo", (ctx, run) -> CollectorOutput.found(Map.of(), List.of())))
                .start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode refused(String body, int status) {
        HttpResponse<String> response = api.post("/api/v1/scan", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.CONTENT_TYPE);
        return json(response);
    }

    private static String options(String inside) {
        return "{\"target\": \"example.com\", \"type\": \"echo\", \"options\": " + inside + "}";
    }

    @Test
    void nestingDeeperThanTheLimitIsA422() {
        String deep = "{\"a\":".repeat(RequestJson.MAX_NESTING_DEPTH) + "1" + "}".repeat(RequestJson.MAX_NESTING_DEPTH);

        JsonNode problem = refused(options(deep), 422);

        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("body");
        assertThat(problem.at("/errors/0/problem").asText())
                .startsWith("Document nesting depth (33) exceeds the maximum allowed (32)").doesNotContain("`");
    }

    @Test
    void aStringLongerThanTheLimitIsA422() {
        String body = "{\"target\": \"" + "a".repeat(RequestJson.MAX_STRING_LENGTH + 1) + "\"}";

        assertThat(refused(body, 422).at("/errors/0/problem").asText())
                .startsWith("String value length (16385) exceeds the maximum allowed (16384)");
    }

    @Test
    void aNumberLongerThanTheLimitIsA422() {
        assertThat(refused(options("{\"sleep_ms\": " + "9".repeat(65) + "}"), 422).at("/errors/0/problem").asText())
                .startsWith("Number value length (65) exceeds the maximum");
        assertThat(refused(options("{\"sleep_ms\": 1" + "0".repeat(40) + "}"), 422).at("/errors/0/field").asText())
                .as("a long number within the limit is read, then out of the option's range")
                .isEqualTo("options.sleep_ms");
    }

    @Test
    void aFieldNameLongerThanTheLimitIsA422() {
        String name = "n".repeat(RequestJson.MAX_NAME_LENGTH + 1);

        assertThat(refused(options("{\"" + name + "\": 1}"), 422).at("/errors/0/problem").asText())
                .startsWith("Name length (257) exceeds the maximum allowed (256)");
    }

    @Test
    void aDocumentLongerThanTheReadersLimitIsA413() {
        byte[] body = ("{\"target\": \"example.com\", \"pad\": \"" + "x".repeat(2000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> ScanSubmission.parse(body, RequestJson.reader(1024)));

        assertThat(e.problem().status()).isEqualTo(413);
        assertThat(e.problem().detail()).startsWith("the request body is too large: Document length");
    }

    @Test
    void bodiesWithinTheLimitsAreStillAccepted() {
        String deep = "{\"sleep_ms\": 1}";
        HttpResponse<String> response = api.post("/api/v1/scan", options(deep));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/health").statusCode()).isIn(200, 503);
    }
}
