package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.queue.PingCollector;
import dev.osint.queue.testing.TestRedis;
import dev.osint.queue.testing.WorkerProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two API processes on one Redis (this JVM, and one of its own) and a worker in a third: both APIs see every event
 * of the worker and its tasks, resume from each other's event ids, and report the cluster's figures.
 */
class RedisClusterEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A worker is a JVM of its own: on a busy machine (a load of 30 on 2 cores) it takes longer to start. */
    private static final Duration WORKER_START = Duration.ofSeconds(90);

    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    private ApiFixture first;
    private ApiProcess.Started second;
    private Process worker;
    private Path log;

    @BeforeEach
    void start() throws Exception {
        log = Files.createTempFile("osint-cluster", ".log");
        first = anApi().with(new PingCollector()).onBroker(redis::newBroker).start();
        second = ApiProcess.start(log, TestRedis.url(), redis.prefix());
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null && worker.isAlive()) {
            worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        first.close();
        if (second != null) {
            second.stop();
        }
        Files.deleteIfExists(log);
    }

    private URI onSecond(String path) {
        return URI.create("http://127.0.0.1:" + second.port() + path);
    }

    @Test
    void bothApisSeeOneWorkersEventsAndItsTasksFromOneAnother() throws Exception {
        try (SseClient viaFirst = SseClient.open(first.uri("/api/v1/events"), Map.of());
             SseClient viaSecond = SseClient.open(onSecond("/api/v1/events"), Map.of())) {
            worker = WorkerProcess.start(log, TestRedis.url(), redis.prefix(), "far-worker", "10000", "4");
            for (SseClient stream : List.of(viaFirst, viaSecond)) {
                SseClient.Event online = stream.until(e -> "worker-online".equals(e.name()), WORKER_START).getLast();
                assertThat(online.data().get("worker").asText()).isEqualTo("far-worker");
                assertThat(online.data().get("pid").asLong()).isEqualTo(worker.pid());
            }

            String id = first.submit("ping", "example.com");

            List<SseClient.Event> onFirst = tasksUntilSuccess(viaFirst, id);
            List<SseClient.Event> onSecond = tasksUntilSuccess(viaSecond, id);
            assertThat(onFirst).extracting(SseClient.Event::name).containsExactly("task-submitted", "task-started",
                    "task-succeeded");
            assertThat(onSecond).extracting(SseClient.Event::id).as("one stream, the same ids everywhere")
                    .containsExactlyElementsOf(onFirst.stream().map(SseClient.Event::id).toList());
            assertThat(onSecond.get(1).data().get("worker").asText()).isEqualTo("far-worker");

            // an id from one API resumes on the other
            try (SseClient resumed = SseClient.open(onSecond("/api/v1/events?task=" + id),
                    Map.of("Last-Event-ID", onFirst.getFirst().id()))) {
                assertThat(List.of(resumed.next(WAIT).name(), resumed.next(WAIT).name()))
                        .containsExactly("task-started", "task-succeeded");
            }

            String metrics = await().atMost(WAIT).until(() -> first.send(HttpRequest.newBuilder(onSecond("/metrics")))
                    .body(), body -> body.contains("osint_workers_live 1"));
            assertThat(metrics).as("a task the second API never saw, counted from Redis")
                    .contains("osint_tasks_finished_total{state=\"SUCCESS\",type=\"ping\"} 1")
                    .contains("osint_task_runtime_seconds_count{type=\"ping\"} 1");
            assertThat(json(first.send(HttpRequest.newBuilder(onSecond("/api/v1/tasks")))).at("/tasks/0/task_id")
                    .asText()).isEqualTo(id);

            worker.destroy(); // SIGTERM: a warm shutdown, which unregisters the worker
            for (SseClient stream : List.of(viaFirst, viaSecond)) {
                SseClient.Event offline = stream.until(e -> "worker-offline".equals(e.name()), WAIT).getLast();
                assertThat(offline.data().get("worker").asText()).isEqualTo("far-worker");
            }
        }
    }

    private static List<SseClient.Event> tasksUntilSuccess(SseClient stream, String id) throws InterruptedException {
        return stream.until(e -> "task-succeeded".equals(e.name()) && id.equals(e.data().get("task_id").asText()), WAIT)
                .stream().filter(e -> id.equals(e.data().path("task_id").asText())).toList();
    }
}
