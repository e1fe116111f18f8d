package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.collectors.testing.CapturedLogs;
import dev.osint.core.CollectorOutput;
import dev.osint.queue.ScriptedCollector;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configured API keys, and keys that are nearly right, appear in no answer (status line, headers, body), no
 * problem, no metric and no log line or stack trace, whatever a client sends.
 */
class ApiKeySecrecyTest {
    private static final String LISTED = ApiKeysTest.ALICE_KEY;
    private static final String IN_FILE = "FILE-kept-key-9f8e7d6c5b4a3210";
    private static final String SCAN = "{\"target\": \"example.com\", \"type\": \"echo\"}";

    @Test
    void noKeyLeavesTheServerInAnyForm(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# keys\nops:" + IN_FILE + ";admin\n");
        List<String> secrets = List.of(LISTED, IN_FILE);
        // what a client might send by mistake: the key with a typo, cut short, or in the wrong scheme
        List<String> nearMisses = List.of(LISTED + "x", LISTED.substring(0, LISTED.length() - 1),
                IN_FILE.toLowerCase(), "X" + IN_FILE);
        List<String> answers = new ArrayList<>();

        String logs;
        // Jetty's own debug output prints request headers, keys included; nothing ships with it on (docs/SECURITY.md)
        try (CapturedLogs captured = CapturedLogs.atDebugExcept("org.eclipse.jetty");
             ApiFixture api = anApi().with(new ScriptedCollector("echo",
                             (ctx, run) -> CollectorOutput.found(Map.of(), List.of())))
                     .withSettings(Map.of("OSINT_API_KEYS", "alice:" + LISTED, "OSINT_API_KEYS_FILE", file.toString(),
                             "OSINT_QUOTA_SUBMITS_PER_MINUTE", "2", "OSINT_MAX_QUEUE_LENGTH", "3"))
                     .withWorker().start()) {
            for (String key : concat(secrets, nearMisses)) {
                for (String[] header : List.of(new String[] {"Authorization", "Bearer " + key},
                        new String[] {"Authorization", "Basic " + key}, new String[] {"Authorization", key},
                        new String[] {"X-API-Key", key}, new String[] {"X-API-Key", " " + key + " "})) {
                    for (String path : List.of("/api/v1/scan", "/metrics", "/nowhere", "/api/v1/scan/no-such-task")) {
                        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).header(header[0], header[1]);
                        if (path.equals("/api/v1/scan")) {
                            request.header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(SCAN));
                        }
                        answers.add(text(api.sendAsIs(request)));
                    }
                    answers.add(RawHttp.send(api.server.port(), "PATCH", "/api/v1/scan", header[0] + ": " + header[1]
                            + "\r\n", "{".getBytes(StandardCharsets.UTF_8)).text());
                }
            }
            answers.add(text(api.usingKey(LISTED).get("/metrics")));
            answers.add(text(api.usingKey(IN_FILE).get("/openapi.json")));
            answers.add(text(api.usingKey(IN_FILE).get("/api/v1/workers")));
            answers.add(text(api.usingKey(IN_FILE).get("/api/v1/queues")));
            logs = captured.everything();
        }

        assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("HTTP 429"));
        assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("HTTP 401"));
        assertThat(answers).anySatisfy(a -> assertThat(a).contains("osint_requests_refused_total"));
        assertThat(logs).contains("task").contains("API listening");
        for (String secret : concat(secrets, nearMisses)) {
            assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContainIgnoringCase(secret));
            assertThat(logs).doesNotContainIgnoringCase(secret);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String text(HttpResponse<String> response) {
        return "HTTP " + response.statusCode() + "\n" + response.headers().map() + "\n" + response.body();
    }
}
