package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.RateLimit;
import dev.osint.core.ScanContext;
import dev.osint.core.SecretSpec;
import dev.osint.core.TargetKind;
import dev.osint.queue.PingCollector;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service's own endpoints: index, collectors, health and metrics. */
class ServiceEndpointsTest {
    private static final String KEY_VALUE = "s3cr3t-key-value";
    private ApiFixture api;

    /** A collector that needs keys, takes options and is rate limited, as a real upstream one is. */
    static final class KeyedCollector implements Collector {
        private static final CollectorSpec SPEC = CollectorSpec.builder("keyed", "KeyedCollector")
                .description("needs a key").accepts(TargetKind.IP, TargetKind.DOMAIN)
                .produces(EntityKind.PORT, EntityKind.VULNERABILITY)
                .options(OptionSpec.bool("history", false, "include past records"),
                        OptionSpec.integer("limit", 100, "at most this many results").range(1, 1000),
                        OptionSpec.list("fields", "fields to keep").oneOf("ports", "vulns").maxItems(2),
                        OptionSpec.string("tenant", "", "whose quota to use").maxLength(32).operatorOnly())
                .secrets(new SecretSpec("OSINT_KEYED_API_KEY", true, "sign up at keyed.example"),
                        new SecretSpec("OSINT_KEYED_EXTRA_KEY", false, "optional"))
                .rateLimit(RateLimit.perMinute(60)).queue("slow").build();

        @Override
        public CollectorSpec spec() {
            return SPEC;
        }

        @Override
        public CollectorOutput collect(ScanContext context) {
            return CollectorOutput.found(Map.of(), List.of());
        }
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theIndexSaysWhereTheDashboardAndTheDocsAre() {
        api = anApi().start();

        JsonNode index = json(api.get("/api/v1"));

        assertThat(index.get("service").asText()).isEqualTo("osint");
        assertThat(index.get("dashboard").asText()).isEqualTo("/");
        assertThat(index.get("docs").asText()).isEqualTo("/docs");
        assertThat(index.get("openapi").asText()).isEqualTo("/openapi.json");
    }

    @Test
    void collectorsAreListedWithOptionsSecretsAndRateLimitAndBuiltInsApart() {
        api = anApi().with(new KeyedCollector(), new PingCollector())
                .withSettings(Map.of("OSINT_KEYED_API_KEY", KEY_VALUE)).start();

        HttpResponse<String> response = api.get("/api/v1/collectors");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(KEY_VALUE);
        JsonNode body = json(response);
        assertThat(body.get("collectors")).hasSize(1);
        JsonNode keyed = body.get("collectors").get(0);
        assertThat(ScanApiTest.fieldNames(keyed)).containsExactly("type", "name", "description", "accepts",
                "produces", "options", "secrets", "rate_limit", "queue", "upstreams");
        assertThat(keyed.get("accepts").toString()).isEqualTo("[\"domain\",\"ip\"]");
        assertThat(keyed.get("produces").toString()).isEqualTo("[\"port\",\"vulnerability\"]");
        // each option with its type, default and the rules a value must keep; rules it lacks are left out
        assertThat(keyed.get("options").toString()).isEqualTo("[{\"name\":\"history\",\"type\":\"boolean\","
                + "\"default\":false,\"description\":\"include past records\",\"caller_settable\":true},"
                + "{\"name\":\"limit\",\"type\":\"integer\",\"default\":100,\"description\":\"at most this many results\","
                + "\"minimum\":1,\"maximum\":1000,\"caller_settable\":true},"
                + "{\"name\":\"fields\",\"type\":\"array\",\"default\":[],\"description\":\"fields to keep\","
                + "\"max_items\":2,\"allowed_values\":[\"ports\",\"vulns\"],\"caller_settable\":true},"
                + "{\"name\":\"tenant\",\"type\":\"string\",\"default\":\"\",\"description\":\"whose quota to use\","
                + "\"max_length\":32,\"caller_settable\":false}]");
        assertThat(keyed.get("secrets").toString()).isEqualTo("[{\"name\":\"OSINT_KEYED_API_KEY\",\"required\":true,"
                + "\"configured\":true,\"how_to_get\":\"sign up at keyed.example\"},{\"name\":\"OSINT_KEYED_EXTRA_KEY\","
                + "\"required\":false,\"configured\":false,\"how_to_get\":\"optional\"}]");
        assertThat(keyed.get("rate_limit").toString()).isEqualTo("{\"permits\":60,\"period_seconds\":60}");
        assertThat(keyed.get("queue").asText()).isEqualTo("slow");
        assertThat(body.get("built_in")).hasSize(1);
        assertThat(body.at("/built_in/0/type").asText()).isEqualTo("ping");
        assertThat(body.at("/built_in/0/rate_limit").isNull()).isTrue();
    }

    @Test
    void healthIsDegradedWithoutAWorker() {
        api = anApi().start();

        HttpResponse<String> response = api.get("/api/v1/health");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode health = json(response);
        assertThat(health.get("status").asText()).isEqualTo("degraded");
        assertThat(health.get("broker").toString()).isEqualTo("{\"kind\":\"memory\",\"reachable\":true}");
        assertThat(health.get("workers")).isEmpty();
    }

    @Test
    void healthIsOkWithALiveWorker() {
        api = anApi().with(new PingCollector()).withWorker().start();

        JsonNode health = await().atMost(Duration.ofSeconds(10))
                .until(() -> json(api.get("/api/v1/health")), h -> h.get("status").asText().equals("ok"));

        JsonNode worker = health.get("workers").get(0);
        assertThat(ScanApiTest.fieldNames(worker)).containsExactly("name", "heartbeat_age_s", "active", "processed",
                "queues");
        assertThat(worker.get("name").asText()).isEqualTo("test-worker");
        assertThat(worker.get("heartbeat_age_s").asDouble()).isBetween(0.0, 30.0);
        assertThat(worker.get("queues").toString()).isEqualTo("[\"default\",\"slow\"]");
        assertThat(api.get("/api/v1/health").statusCode()).isEqualTo(200);
    }

    @Test
    void workersListsEachLiveWorkerWithItsCounters() {
        api = anApi().with(new PingCollector()).withWorker().start();
        String id = api.submit("ping", "example.com");
        api.awaitStatus(id, "SUCCESS");

        JsonNode worker = await().atMost(Duration.ofSeconds(10))
                .until(() -> json(api.get("/api/v1/workers")).at("/workers/0"), w -> w.path("processed").asLong() == 1);

        assertThat(worker.get("name").asText()).isEqualTo("test-worker");
        assertThat(worker.get("concurrency").asInt()).isEqualTo(4);
        assertThat(worker.get("queues").toString()).isEqualTo("[\"default\",\"slow\"]");
        assertThat(worker.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(worker.has("heartbeat_age_s")).isTrue();
    }

    @Test
    void queuesShowsWaitingTasksPerQueue() {
        api = anApi().with(new PingCollector()).start();
        api.submit("ping", "a.example.com");
        api.submit("ping", "b.example.com");

        JsonNode body = json(api.get("/api/v1/queues"));

        assertThat(body.at("/queues/0/name").asText()).isEqualTo("default");
        assertThat(body.at("/queues/0/waiting").asLong()).isEqualTo(2);
        assertThat(body.get("active").asInt()).isZero();
        assertThat(body.get("scheduled").asInt()).isZero();
    }

    @Test
    void operationsAnswer503WhenTheBrokerIsDown() {
        api = anApi().start();
        api.brokerDown.set(true);

        assertThat(api.get("/api/v1/workers").statusCode()).isEqualTo(503);
        assertThat(api.get("/api/v1/queues").statusCode()).isEqualTo(503);
    }

    @Test
    void healthIsDegradedWhenTheBrokerIsDown() {
        api = anApi().with(new PingCollector()).withWorker().start();
        api.brokerDown.set(true);

        HttpResponse<String> response = api.get("/api/v1/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("broker").get("reachable").asBoolean()).isFalse();
    }

    @Test
    void metricsCountRequestsByRouteAndScansByType() {
        api = anApi().with(new PingCollector()).start();
        api.submit("ping", "example.com");
        api.submit("ping", "example.org");
        api.get("/api/v1/scan/some-unknown-task");
        api.get("/no/such/path/7f3a");

        HttpResponse<String> response = api.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/plain"));
        String text = response.body();
        assertThat(text).contains("osint_scans_submitted_total{type=\"ping\"} 2.0");
        assertThat(text).contains(
                "http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/scan\",status=\"200\"} 2");
        assertThat(text).contains(
                "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/scan/{task_id}\",status=\"404\"} 1");
        assertThat(text).contains("route=\"UNMATCHED\",status=\"404\"");
        assertThat(text).doesNotContain("7f3a").doesNotContain("some-unknown-task");
        assertThat(text).contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds");
    }
}
