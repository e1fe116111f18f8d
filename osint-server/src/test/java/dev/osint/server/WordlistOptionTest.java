package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.dns.DnsCollector;
import dev.osint.collectors.testing.LoopbackDnsServer;
import dev.osint.core.Json;
import dev.osint.core.Priority;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.core.testing.AwaitTask;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker file read of the dns option {@code wordlist}, closed, seen from outside: a request that names a file
 * (a canary outside the wordlist directory, system files, traversals, a link out of the directory) is a 422 naming
 * the option before anything is queued, with one text whatever exists on disk, and a task that skipped that check
 * fails on the worker: no line of the canary ever reaches the DNS server.
 */
class WordlistOptionTest {
    private static final String LEAKED = "leaked-91ab";
    @TempDir
    static Path root;
    private static LoopbackDnsServer dns;
    private static ApiFixture api;
    private static Path canary;

    @BeforeAll
    static void start() throws Exception {
        dns = LoopbackDnsServer.startWithTestZones();
        Path dir = Files.createDirectory(root.resolve("wordlists"));
        canary = Files.write(Files.createDirectory(root.resolve("outside")).resolve("canary.txt"),
                List.of(LEAKED + "-1", LEAKED + "-2"));
        Files.write(dir.resolve("ops.txt"), List.of("www", "vpn", "intranet"));
        Files.createSymbolicLink(dir.resolve("escape.txt"), canary);
        api = anApi().with(new DnsCollector()).withSettings(Map.of("OSINT_WORDLIST_DIR", dir.toString(),
                "OSINT_DNS_RESOLVERS", dns.address())).withWorker().start();
    }

    @AfterAll
    static void stop() {
        api.close();
        dns.close();
    }

    private static HttpResponse<String> submit(Map<String, Object> options) {
        return api.post("/api/v1/scan", Json.write(Map.of("target", "open.test", "type", "dns", "options", options)));
    }

    @Test
    void aWordlistThatNamesAFileIsA422NamingTheOptionAndNothingIsQueued() {
        List<String> hostile = List.of(canary.toString(), "/etc/passwd", "../outside/canary", "..", "escape",
                "..%2Foutside%2Fcanary", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..\\outside\\canary", "file:///etc/passwd",
                "ops.txt", "ops/../escape", ".ops", "missing");
        Set<String> problems = new TreeSet<>();
        int asked = dns.questions().size();
        for (String wordlist : hostile) {
            HttpResponse<String> response = submit(Map.of("bruteforce", true, "wordlist", wordlist));

            assertThat(response.statusCode()).as(wordlist).isEqualTo(422);
            JsonNode error = json(response).path("errors").get(0);
            assertThat(error.path("field").asText()).isEqualTo("options.wordlist");
            assertThat(error.path("rule").asText()).isEqualTo("not_allowed");
            problems.add(error.path("problem").asText());
        }
        assertThat(problems).containsExactly("must be one of [subdomains, ops]");
        assertThat(api.broker.queueDepths().values()).allMatch(depth -> depth == 0);
        assertThat(api.broker.active()).isEmpty();
        assertThat(dns.questions()).hasSize(asked).noneMatch(q -> q.contains(LEAKED));
    }

    @Test
    void aTaskThatSkippedTheSubmitCheckFailsOnTheWorkerAndReadsNothing() {
        // as if an older or broken API process had written it to the broker
        TaskRecord task = TaskRecord.pending(UUID.randomUUID().toString(), "dns", new Target(TargetKind.DOMAIN,
                "open.test"), Map.of("bruteforce", true, "wordlist", canary.toString()), "default", Priority.NORMAL,
                null, Instant.now());
        api.broker.enqueue(task);

        TaskRecord ended = AwaitTask.ended(() -> api.broker.get(task.id()));
        assertThat(ended.state()).isEqualTo(TaskState.FAILURE);
        assertThat(ended.error()).isEqualTo("InvalidOptions: options.wordlist: must be one of [subdomains, ops]");
        assertThat(dns.questions()).noneMatch(q -> q.contains(LEAKED));
    }

    @Test
    void aWordlistOfTheOperatorsDirectoryIsUsedByName() {
        HttpResponse<String> response = submit(Map.of("bruteforce", true, "wordlist", "ops"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String id = json(response).path("task_id").asText();

        JsonNode status = api.awaitStatus(id, "SUCCESS");
        assertThat(status.at("/result/data/bruteforce/names_tried").asInt()).isEqualTo(3);
        assertThat(status.at("/result/data/bruteforce/found").toString()).contains("intranet.open.test");
    }

    @Test
    void theOperatorOnlyRateAndConcurrencyCannotBeSetThroughTheApi() {
        HttpResponse<String> response = submit(Map.of("bruteforce", true, "bruteforce_rate", 100_000,
                "bruteforce_concurrency", 10));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("errors").toString())
                .contains("{\"field\":\"options.bruteforce_rate\",\"problem\":\"is set by the operator only;"
                        + " leave it out of the request (default 5000)\",\"rule\":\"operator_only\"}")
                .contains("\"field\":\"options.bruteforce_concurrency\"");
    }
}
