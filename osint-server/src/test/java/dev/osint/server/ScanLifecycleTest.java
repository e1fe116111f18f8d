package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.Json;
import dev.osint.queue.ScriptedCollector;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scans run by a real worker, followed through the API: to SUCCESS, FAILURE, REVOKED while running, and by SSE. */
class ScanLifecycleTest {
    private final CountDownLatch halfway = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private ApiFixture api;

    @BeforeEach
    void start() {
        ScriptedCollector found = new ScriptedCollector("found", (ctx, run) -> CollectorOutput.found(
                Map.of("a", List.of("192.0.2.1")),
                List.of(Entity.of(EntityKind.IP, "192.0.2.1", "found"))));
        ScriptedCollector gated = new ScriptedCollector("gated", (ctx, run) -> {
            ctx.progress(0.5, "resolving");
            halfway.countDown();
            release.await();
            return CollectorOutput.found(Map.of("done", true), List.of());
        });
        ScriptedCollector refused = new ScriptedCollector("refused", (ctx, run) -> {
            throw new CollectorException("the key was refused: check OSINT_X_API_KEY");
        });
        api = anApi().with(found, gated, refused).start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        api.close();
    }

    @Test
    void aScanRunsToSuccessWithItsResultAndEntities() {
        api.startWorker();
        String id = api.submit("found", "example.com");

        JsonNode body = api.awaitStatus(id, "SUCCESS");

        assertThat(ScanApiTest.fieldNames(body)).startsWith("task_id", "status", "progress", "result", "collector_type")
                .doesNotContain("meta", "error");
        assertThat(body.get("worker").asText()).isEqualTo("test-worker");
        assertThat(body.get("finished_at").asText()).isNotEmpty();
        assertThat(body.get("history").findValuesAsText("state")).containsExactly("PENDING", "STARTED", "SUCCESS");
        assertThat(body.get("progress").asInt()).isEqualTo(100);
        JsonNode result = body.get("result");
        assertThat(result.get("collector_name").asText()).isEqualTo("Scriptedfound");
        assertThat(result.get("target").asText()).isEqualTo("example.com");
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.at("/data/a/0").asText()).isEqualTo("192.0.2.1");
        assertThat(result.at("/entities/0/kind").asText()).isEqualTo("ip");
        assertThat(result.at("/entities/0/value").asText()).isEqualTo("192.0.2.1");
    }

    @Test
    void aRunningScanShowsTheSeedsProcessingMeta() throws InterruptedException {
        api.startWorker();
        String id = api.submit("gated", "example.com");
        assertThat(halfway.await(10, TimeUnit.SECONDS)).isTrue();

        JsonNode body = api.awaitStatus(id, "PROCESSING");

        assertThat(body.get("progress").asInt()).isEqualTo(50);
        JsonNode meta = body.get("meta");
        assertThat(ScanApiTest.fieldNames(meta)).containsExactly("progress", "stage", "target", "collector_type", "retries");
        assertThat(meta.get("stage").asText()).isEqualTo("resolving");
        assertThat(meta.get("collector_type").asText()).isEqualTo("gated");
        assertThat(meta.get("retries").asInt()).isZero();
    }

    @Test
    void aFailedScanShowsItsError() {
        api.startWorker();
        String id = api.submit("refused", "example.com");

        JsonNode body = api.awaitStatus(id, "FAILURE");

        assertThat(body.get("progress").asInt()).isEqualTo(100);
        assertThat(body.get("error").asText()).contains("the key was refused: check OSINT_X_API_KEY");
    }

    @Test
    void cancellingARunningScanRevokesIt() throws InterruptedException {
        api.startWorker();
        String id = api.submit("gated", "example.com");
        assertThat(halfway.await(10, TimeUnit.SECONDS)).isTrue();

        JsonNode cancel = json(api.post("/api/v1/scan/" + id + "/cancel", ""));

        assertThat(cancel.get("status").asText()).isEqualTo("REVOKED");
        release.countDown(); // even if the collector finished now, the task stays revoked
        JsonNode body = api.awaitStatus(id, "REVOKED");
        assertThat(body.get("error").asText()).isEqualTo("task revoked");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> json(api.get("/api/v1/scan/" + id)).get("status").asText().equals("REVOKED"));
    }

    @Test
    void theEventStreamSeesEachChangeFromPendingToSuccessThenEnds() throws Exception {
        String id = api.submit("gated", "example.com");
        List<String> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> readEvents(id, states));

        await().atMost(Duration.ofSeconds(10)).until(() -> states.contains("PENDING"));
        api.startWorker();
        assertThat(halfway.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> states.contains("PROCESSING"));
        release.countDown();
        reader.join(Duration.ofSeconds(15));

        assertThat(reader.isAlive()).as("the stream closes after the final state").isFalse();
        assertThat(states.getFirst()).isEqualTo("PENDING");
        assertThat(states.getLast()).isEqualTo("SUCCESS");
        assertThat(states).containsSubsequence("PENDING", "PROCESSING", "SUCCESS");
    }

    @Test
    void theEventStreamOfAFinishedTaskSendsTheFinalStateAndEnds() {
        String id = api.submit("gated", "example.com");
        api.delete("/api/v1/scan/" + id);
        List<String> states = new ArrayList<>();

        readEvents(id, states);

        assertThat(states).containsExactly("REVOKED");
    }

    /** Reads the SSE stream to its end; each event's data is the status JSON, of which the state is kept. */
    private void readEvents(String id, List<String> states) {
        try {
            HttpResponse<InputStream> response = ApiFixture.HTTP.send(
                    HttpRequest.newBuilder(api.uri("/api/v1/scan/" + id + "/events"))
                            .header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/event-stream"));
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        JsonNode status = Json.mapper().readTree(line.substring(6));
                        assertThat(status.get("task_id").asText()).isEqualTo(id);
                        states.add(status.get("status").asText());
                    }
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
