package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.OptionSpec;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.RetryableCollectorException;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.EventIds;
import dev.osint.queue.PingCollector;
import dev.osint.queue.ScriptedCollector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The task listing, retry, event stream and task metrics over real HTTP, on every broker: each subclass says which
 * broker the API runs on.
 */
abstract class TaskApiContractTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> SUMMARY_FIELDS = List.of("task_id", "status", "collector_type", "target",
            "target_kind", "queue", "priority", "progress", "stage", "retries", "worker", "parent_id", "created_at",
            "started_at", "finished_at", "error");
    private static final List<String> TASK_EVENT_FIELDS = List.of("task_id", "collector_type", "target", "state",
            "progress", "stage", "worker", "retries", "error", "at");
    private static final List<String> WORKER_EVENT_FIELDS = List.of("worker", "at", "name", "host", "pid", "queues",
            "concurrency", "active", "processed", "failed", "started_at", "heartbeat_at", "heartbeat_age_s");

    private final ScriptedCollector found = new ScriptedCollector("found", (ctx, run) -> CollectorOutput.found(
            Map.of("a", List.of("192.0.2.1")), List.of(Entity.of(EntityKind.IP, "192.0.2.1", "found"))));
    private final ScriptedCollector refused = new ScriptedCollector("refused", (ctx, run) -> {
        throw new CollectorException("the key was refused: check OSINT_X_API_KEY");
    });
    private final ScriptedCollector flaky = new ScriptedCollector("flaky", (ctx, run) -> {
        if (run == 1) {
            throw new RetryableCollectorException("upstream answered 503");
        }
        return CollectorOutput.found(Map.of("run", run), List.of());
    });
    /** A collector with an option only the operator may set, as dns's wordlist is. */
    private final Collector guarded = new Collector() {
        private final CollectorSpec spec = CollectorSpec.builder("guarded", "GuardedCollector").description("test")
                .accepts(TargetKind.DOMAIN).options(OptionSpec.integer("depth", 1, "how deep").operatorOnly()).build();

        @Override
        public CollectorSpec spec() {
            return spec;
        }

        @Override
        public CollectorOutput collect(ScanContext context) {
            return CollectorOutput.found(Map.of("depth", context.options().integer("depth")), List.of());
        }
    };
    private final List<SseClient> streams = new ArrayList<>();
    protected ApiFixture api;

    /** The broker the API runs on, made from these settings. */
    protected abstract Function<BrokerSettings, Broker> broker();

    private ApiFixture start(boolean withWorker, Duration keepAlive) {
        api = anApi().with(new PingCollector(), found, refused, flaky, guarded).onBroker(broker())
                .withSettings(Map.of("OSINT_RETRY_BACKOFF", "0.05", "OSINT_WORKER_HEARTBEAT", "0.5"))
                .withKeepAlive(keepAlive);
        if (withWorker) {
            api.withWorker();
        }
        return api.start();
    }

    private ApiFixture start(boolean withWorker) {
        return start(withWorker, ApiServer.EVENT_KEEP_ALIVE);
    }

    @AfterEach
    void stop() {
        streams.forEach(SseClient::close);
        if (api != null) {
            api.close();
        }
    }

    // --- GET /api/v1/tasks ---

    @Test
    void tasksAreListedNewestFirstWithEveryFieldAndPageByPage() {
        start(false);
        String first = api.submit("found", "a.example.com");
        String second = api.submit("found", "b.example.com");
        String third = api.submit("ping", "c.example.com");

        JsonNode page = json(api.get("/api/v1/tasks?limit=2"));

        assertThat(ScanApiTest.fieldNames(page)).containsExactly("tasks", "next_cursor");
        assertThat(ids(page)).containsExactly(third, second);
        JsonNode newest = page.at("/tasks/0");
        assertThat(ScanApiTest.fieldNames(newest)).containsExactlyElementsOf(SUMMARY_FIELDS);
        assertThat(newest.get("status").asText()).isEqualTo("PENDING");
        assertThat(newest.get("collector_type").asText()).isEqualTo("ping");
        assertThat(newest.get("target").asText()).isEqualTo("c.example.com");
        assertThat(newest.get("target_kind").asText()).isEqualTo("domain");
        assertThat(newest.get("priority").asText()).isEqualTo("normal");
        assertThat(newest.get("worker").isNull()).as("unknown values are null, not left out").isTrue();
        assertThat(Instant.parse(newest.get("created_at").asText())).isBefore(Instant.now().plusSeconds(1));

        JsonNode last = json(api.get("/api/v1/tasks?limit=2&cursor=" + page.get("next_cursor").asText()));
        assertThat(ids(last)).containsExactly(first);
        assertThat(last.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void filtersNarrowTheListing() {
        start(false);
        String shop = api.submit("found", "shop.example.com");
        String org = api.submit("found", "example.org");
        String ping = api.submit("ping", "ping.example.com");
        api.delete("/api/v1/scan/" + org);

        assertThat(ids(json(api.get("/api/v1/tasks?type=found&target=EXAMPLE.COM")))).containsExactly(shop);
        assertThat(ids(json(api.get("/api/v1/tasks?state=REVOKED")))).containsExactly(org);
        assertThat(ids(json(api.get("/api/v1/tasks?state=pending,revoked")))).containsExactly(ping, org, shop);
        String future = Instant.now().plusSeconds(3600).toString();
        String past = Instant.now().minusSeconds(3600).toString();
        assertThat(ids(json(api.get("/api/v1/tasks?since=" + future)))).isEmpty();
        assertThat(ids(json(api.get("/api/v1/tasks?until=" + past)))).isEmpty();
        assertThat(ids(json(api.get("/api/v1/tasks?since=" + past + "&until=" + future + "&worker=nobody")))).isEmpty();
        assertThat(ids(json(api.get("/api/v1/tasks?since=" + past + "&until=" + future)))).hasSize(3);
    }

    @Test
    void badListingParametersAreOne422NamingEach() {
        start(false);

        HttpResponse<String> response = api.get("/api/v1/tasks?state=BOGUS&limit=501&since=yesterday&cursor=zzz"
                + "&colour=red&type=nope");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.CONTENT_TYPE);
        JsonNode problem = json(response);
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("colour", "state",
                "type", "since", "limit", "cursor");
        assertThat(problem.toString()).contains("1 to 500").contains("2026-12-02T10:00:00Z");
    }

    // --- the status and POST /api/v1/scan/{task_id}/retry ---

    @Test
    void theStatusShowsTheRequestWorkerTimesAndHistory() {
        start(true);
        String id = api.submit("flaky", "example.com");

        JsonNode status = api.awaitStatus(id, "SUCCESS");

        assertThat(status.get("retries").asInt()).isEqualTo(1);
        assertThat(status.get("worker").asText()).isEqualTo("test-worker");
        assertThat(status.get("queue").asText()).isEqualTo("default");
        assertThat(status.get("history").findValuesAsText("state")).containsExactly("PENDING", "STARTED", "RETRY",
                "STARTED", "SUCCESS");
        assertThat(Instant.parse(status.get("finished_at").asText()))
                .isAfterOrEqualTo(Instant.parse(status.get("started_at").asText()));
    }

    @Test
    void aFinishedTaskRunsAgainAsANewTaskWithTheSameRequest() {
        start(true);
        HttpResponse<String> submitted = api.post("/api/v1/scan", "{\"target\": \"Example.COM\", \"type\": \"found\","
                + " \"options\": {\"sleep_ms\": 1}, \"priority\": \"high\"}");
        String id = json(submitted).get("task_id").asText();
        api.awaitStatus(id, "SUCCESS");

        HttpResponse<String> response = api.post("/api/v1/scan/" + id + "/retry", "");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode accepted = json(response);
        assertThat(ScanApiTest.fieldNames(accepted)).containsExactly("task_id", "status", "message", "target",
                "collector_type");
        String again = accepted.get("task_id").asText();
        assertThat(again).isNotEqualTo(id);
        assertThat(accepted.get("target").asText()).isEqualTo("example.com");
        JsonNode status = api.awaitStatus(again, "SUCCESS");
        assertThat(status.get("collector_type").asText()).isEqualTo("found");
        assertThat(status.get("options").toString()).isEqualTo("{\"sleep_ms\":1}");
        assertThat(status.get("priority").asText()).isEqualTo("high");
        assertThat(found.runs).hasValue(2);
    }

    @Test
    void aTaskWhoseCollectorHasOperatorOnlyOptionsRunsAgainWithThem() {
        start(true);
        String id = api.submit("guarded", "example.com");
        assertThat(api.awaitStatus(id, "SUCCESS").get("options").toString()).isEqualTo("{\"depth\":1}");

        HttpResponse<String> response = api.post("/api/v1/scan/" + id + "/retry", "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode again = api.awaitStatus(json(response).get("task_id").asText(), "SUCCESS");
        assertThat(again.at("/result/data/depth").asInt()).isEqualTo(1);
    }

    @Test
    void aTaskThatIsNotFinishedCannotRunAgainAndAnUnknownOneIsNotFound() {
        start(false);
        String waiting = api.submit("found", "example.com");

        HttpResponse<String> conflict = api.post("/api/v1/scan/" + waiting + "/retry", "");
        HttpResponse<String> unknown = api.post("/api/v1/scan/no-such-task/retry", "");

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValue(Problem.CONTENT_TYPE);
        assertThat(json(conflict).get("type").asText()).isEqualTo(Problem.TASK_NOT_FINISHED);
        assertThat(json(conflict).get("detail").asText()).contains("PENDING").contains("cancel it first");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(ids(json(api.get("/api/v1/tasks")))).as("nothing was queued").containsExactly(waiting);
    }

    // --- GET /api/v1/events ---

    @Test
    void everyTaskChangeAndEveryHeartbeatIsAnEvent() throws Exception {
        start(false);
        SseClient events = open("/api/v1/events");
        api.startWorker();
        String id = api.submit("found", "example.com");

        List<SseClient.Event> seen = events.until(e -> "task-succeeded".equals(e.name())
                && id.equals(e.data().path("task_id").asText()), WAIT);

        List<SseClient.Event> ofTask = seen.stream().filter(e -> id.equals(e.data().path("task_id").asText())).toList();
        assertThat(ofTask).extracting(SseClient.Event::name).containsExactly("task-submitted", "task-started",
                "task-succeeded");
        for (SseClient.Event event : ofTask) {
            assertThat(ScanApiTest.fieldNames(event.data())).containsExactlyElementsOf(TASK_EVENT_FIELDS);
        }
        JsonNode succeeded = ofTask.getLast().data();
        assertThat(succeeded.get("state").asText()).isEqualTo("SUCCESS");
        assertThat(succeeded.get("progress").asInt()).isEqualTo(100);
        assertThat(succeeded.get("collector_type").asText()).isEqualTo("found");
        assertThat(succeeded.get("worker").asText()).isEqualTo("test-worker");
        assertThat(succeeded.get("error").isNull()).isTrue();
        for (int i = 1; i < seen.size(); i++) {
            assertThat(EventIds.compare(seen.get(i).id(), seen.get(i - 1).id())).as("ids increase").isPositive();
        }
        SseClient.Event worker = seen.stream().filter(e -> e.name().startsWith("worker-")).findFirst()
                .orElseGet(() -> untilName(events, "worker-heartbeat"));
        assertThat(worker.name()).isIn("worker-online", "worker-heartbeat");
        assertThat(ScanApiTest.fieldNames(worker.data())).containsExactlyElementsOf(WORKER_EVENT_FIELDS);
        assertThat(worker.data().get("worker").asText()).isEqualTo("test-worker");
        assertThat(worker.data().get("concurrency").asInt()).isEqualTo(4);
    }

    @Test
    void aFailureAndARetryAreEventsWithTheirReasons() throws Exception {
        start(true);
        SseClient events = open("/api/v1/events?event=task-retried,task-failed");
        api.submit("flaky", "example.com");
        api.submit("refused", "example.com");

        List<SseClient.Event> seen = List.of(events.next(WAIT), events.next(WAIT));

        assertThat(seen).extracting(SseClient.Event::name).containsExactlyInAnyOrder("task-retried", "task-failed");
        for (SseClient.Event event : seen) {
            if (event.name().equals("task-retried")) {
                assertThat(event.data().get("error").asText()).isEqualTo("upstream answered 503");
                assertThat(event.data().get("retries").asInt()).isEqualTo(1);
                assertThat(event.data().get("state").asText()).isEqualTo("RETRY");
            } else {
                assertThat(event.data().get("error").asText()).contains("the key was refused");
                assertThat(event.data().get("state").asText()).isEqualTo("FAILURE");
            }
        }
    }

    @Test
    void filtersKeepOnlyTheEventsAskedFor() throws Exception {
        start(false);
        String watched = api.submit("found", "watched.example.com");
        SseClient ofTask = open("/api/v1/events?task=" + watched);
        SseClient ofType = open("/api/v1/events?type=ping");
        SseClient revokes = open("/api/v1/events?event=task-revoked");
        api.submit("found", "other.example.com");
        String pinged = api.submit("ping", "ping.example.com");
        api.delete("/api/v1/scan/" + watched);

        SseClient.Event watchedRevoked = ofTask.next(WAIT);
        assertThat(watchedRevoked.name()).isEqualTo("task-revoked");
        assertThat(watchedRevoked.data().get("task_id").asText()).isEqualTo(watched);
        SseClient.Event pingSubmitted = ofType.next(WAIT);
        assertThat(pingSubmitted.name()).isEqualTo("task-submitted");
        assertThat(pingSubmitted.data().get("task_id").asText()).isEqualTo(pinged);
        assertThat(revokes.next(WAIT).data().get("task_id").asText()).isEqualTo(watched);
        api.startWorker(); // heartbeats and the ping's run: none of them may reach the first and third stream
        api.awaitStatus(pinged, "SUCCESS");
        Thread.sleep(1_200); // two heartbeats
        assertThat(ofTask.drain()).isEmpty();
        assertThat(revokes.drain()).isEmpty();
        assertThat(ofType.drain()).extracting(SseClient.Event::name).containsExactly("task-started", "task-succeeded");
    }

    @Test
    void badEventFiltersAndResumeIdsAreA422() {
        start(false);

        HttpResponse<String> filters = api.get("/api/v1/events?event=task-exploded&type=nope&task=a%20b&x=1");
        HttpResponse<String> resume = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/events"))
                .header("Last-Event-ID", "yesterday").GET());

        assertThat(filters.statusCode()).isEqualTo(422);
        assertThat(json(filters).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("event", "type",
                "task", "x");
        assertThat(json(filters).toString()).contains("task-submitted");
        assertThat(resume.statusCode()).isEqualTo(422);
        assertThat(json(resume).get("errors").findValuesAsText("field")).containsExactly("Last-Event-ID");
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsWhatItMissedOnce() throws Exception {
        start(false);
        SseClient first = open("/api/v1/events?event=task-submitted");
        String a = api.submit("found", "a.example.com");
        SseClient.Event seenA = first.next(WAIT);
        assertThat(seenA.data().get("task_id").asText()).isEqualTo(a);
        first.close();
        String b = api.submit("found", "b.example.com");
        String c = api.submit("ping", "c.example.com");

        SseClient resumed = open("/api/v1/events?event=task-submitted", Map.of("Last-Event-ID", seenA.id()));
        String d = api.submit("found", "d.example.com");
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            after.add(resumed.next(WAIT).data().get("task_id").asText());
        }
        SseClient byQuery = open("/api/v1/events?event=task-submitted&last_event_id=" + seenA.id());
        List<String> againByQuery = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            againByQuery.add(byQuery.next(WAIT).data().get("task_id").asText());
        }

        assertThat(after).containsExactly(b, c, d);
        assertThat(againByQuery).containsExactly(b, c, d);
        Thread.sleep(300);
        assertThat(resumed.drain()).as("nothing twice").isEmpty();
    }

    @Test
    void idleStreamsGetKeepAlivesAndAGoneClientIsForgotten() throws Exception {
        start(false, Duration.ofMillis(200));
        SseClient idle = open("/api/v1/events?event=task-failed");
        String id = api.submit("found", "example.com");
        SseClient task = open("/api/v1/scan/" + id + "/events");
        assertThat(task.next(WAIT).data().get("status").asText()).isEqualTo("PENDING");

        await().atMost(WAIT).until(() -> idle.comments() >= 2 && task.comments() >= 2);
        assertThat(api.server.eventSubscribers()).isEqualTo(2);
        idle.close();
        task.close();

        await().atMost(WAIT).until(() -> api.server.eventSubscribers() == 0);
    }

    @Test
    void theStreamOfOneTaskFollowsItToItsEnd() throws Exception {
        start(false);
        String id = api.submit("flaky", "example.com");
        SseClient stream = open("/api/v1/scan/" + id + "/events");
        assertThat(stream.next(WAIT).data().get("status").asText()).isEqualTo("PENDING");
        api.startWorker();

        List<SseClient.Event> rest = stream.until(e -> e.data().get("status").asText().equals("SUCCESS"), WAIT);

        // each event is the task as read when woken, so changes close together may come as one
        List<String> states = rest.stream().map(e -> e.data().get("status").asText()).toList();
        assertThat(List.of("STARTED", "RETRY", "STARTED", "SUCCESS")).containsSubsequence(states);
        assertThat(rest.getLast().data().get("result").get("data").get("run").asInt()).isEqualTo(2);
        assertThat(rest).extracting(SseClient.Event::name).containsOnlyNulls();
        assertThat(rest.getLast().id()).isEqualTo(Integer.toString(rest.size() + 1));
        await().atMost(WAIT).until(stream::ended);
    }

    // --- /metrics ---

    @Test
    void metricsShowTaskFiguresQueuesAndWorkersFromTheBroker() {
        start(true);
        api.awaitStatus(api.submit("found", "example.com"), "SUCCESS");
        api.awaitStatus(api.submit("refused", "example.com"), "FAILURE");
        api.awaitStatus(api.submit("flaky", "example.com"), "SUCCESS");

        String text = await().atMost(WAIT).until(() -> api.get("/metrics").body(),
                body -> body.contains("osint_workers_live 1"));

        assertThat(text).contains("osint_tasks_finished_total{state=\"SUCCESS\",type=\"found\"} 1")
                .contains("osint_tasks_finished_total{state=\"FAILURE\",type=\"refused\"} 1")
                .contains("osint_tasks_finished_total{state=\"SUCCESS\",type=\"flaky\"} 1")
                .contains("osint_task_retries_total{type=\"flaky\"} 1")
                .contains("osint_task_runtime_seconds_bucket{type=\"found\",le=\"300.0\"} 1")
                .contains("osint_task_runtime_seconds_bucket{type=\"found\",le=\"+Inf\"} 1")
                .contains("osint_task_runtime_seconds_count{type=\"refused\"} 1")
                .contains("osint_queue_depth{queue=\"default\"} 0")
                .contains("osint_broker_up 1");
    }

    @Test
    void aWorkerServesItsOwnMetrics() {
        start(true);
        api.awaitStatus(api.submit("found", "example.com"), "SUCCESS");

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (WorkerMetricsServer own = WorkerMetricsServer.start(api.worker(), registry, "127.0.0.1", 0)) {
            HttpResponse<String> response = api.send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + own.port() + "/metrics")).GET());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("osint_tasks_finished_total{state=\"SUCCESS\",type=\"found\"} 1")
                    .contains("osint_task_runtime_seconds_count{type=\"found\"} 1")
                    .contains("osint_worker_concurrency 4")
                    .contains("osint_worker_active_tasks 0")
                    .contains("jvm_memory_used_bytes");
        } finally {
            registry.close();
        }
    }

    // --- helpers ---

    private SseClient open(String path) {
        return open(path, Map.of());
    }

    private SseClient open(String path, Map<String, String> headers) {
        SseClient client = SseClient.open(api.uri(path), headers);
        streams.add(client);
        return client;
    }

    private static SseClient.Event untilName(SseClient events, String name) {
        try {
            return events.until(e -> name.equals(e.name()), WAIT).getLast();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> ids(JsonNode page) {
        return page.get("tasks").findValuesAsText("task_id");
    }

}
