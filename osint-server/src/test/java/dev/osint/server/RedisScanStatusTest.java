package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.CollectorOutput;
import dev.osint.core.Json;
import dev.osint.core.ScanResult;
import dev.osint.core.StateChange;
import dev.osint.core.TaskState;
import dev.osint.history.HistoryRecord;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.ScriptedCollector;
import dev.osint.queue.redis.RedisBroker;
import dev.osint.queue.redis.RedisSettings;
import dev.osint.queue.testing.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/scan/{id}} on a Redis of its own, answered when Redis's reply arrives (no request thread waits
 * for it): the same body as a blocking read gives, the history's record for a task Redis forgot, 404, and 503 while
 * Redis is stopped.
 */
class RedisScanStatusTest {
    private static final String PREFIX = "status";
    /** Far longer than any answer may take: an answer that waited for a command to time out would show. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private RedisProcess redis;
    private ApiFixture api;

    @BeforeEach
    void start() {
        redis = RedisProcess.start(dir.resolve("redis"), true); // its append-only log keeps the tasks over a restart
        api = anApi().with(new ScriptedCollector("echo", (ctx, run) -> CollectorOutput.found(Map.of("echoed",
                        ctx.target().value()), List.of())))
                .withHistory(dir.resolve("data"))
                .onBroker(settings -> new RedisBroker(new RedisSettings(redis.url(), PREFIX, COMMAND_TIMEOUT), settings))
                .withWorker().start();
    }

    @AfterEach
    void stop() {
        api.close();
        redis.close();
    }

    @Test
    void aTaskRedisKnowsIsAnsweredWithTheBodyOfItsRecord() {
        String id = api.submit("echo", "example.com");
        api.awaitStatus(id, "SUCCESS");

        HttpResponse<String> response = api.get("/api/v1/scan/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(Json.write(ScanStatus.of(api.broker.get(id).orElseThrow())));
        assertThat(json(response).at("/result/data/echoed").asText()).isEqualTo("example.com");
        // read again: the finished task's record and its answer come from memory now, the same bytes
        assertThat(api.get("/api/v1/scan/" + id).body()).isEqualTo(response.body());
    }

    /** The API keeps the finished task's answer; another process changing the task's hash ends that at once. */
    @Test
    void aFinishedTaskAnotherProcessRewritesIsAnsweredAsRewritten() {
        String id = api.submit("echo", "example.com");
        api.awaitStatus(id, "SUCCESS");
        String kept = api.get("/api/v1/scan/" + id).body();
        assertThat(api.get("/api/v1/scan/" + id).body()).isEqualTo(kept);

        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            raw.sync().hset("{" + PREFIX + "}:task:" + id, "worker", "rewritten-elsewhere");
        } finally {
            client.shutdown();
        }

        await().atMost(Duration.ofSeconds(5))
                .until(() -> json(api.get("/api/v1/scan/" + id)).get("worker").asText().equals("rewritten-elsewhere"));
        assertThat(api.get("/api/v1/scan/" + id).body())
                .isEqualTo(Json.write(ScanStatus.of(api.broker.get(id).orElseThrow())))
                .isNotEqualTo(kept);
    }

    @Test
    void aTaskRedisForgotIsAnsweredFromTheHistoryAndAnUnknownOneIs404() {
        Instant at = Instant.parse("2026-01-01T10:00:00Z");
        api.history.orElseThrow().store().write(List.of(new HistoryRecord("forgotten-1", "echo", "example.com",
                "domain", TaskState.SUCCESS, true, null, Map.of(), "default", "normal", null, "w", null, 0, at, at, at,
                List.of(new StateChange(TaskState.SUCCESS, at)), new ScanResult("r", "Scriptedecho", "example.com",
                true, Map.of("kept", true), List.of(), at, Map.of()))));

        HttpResponse<String> forgotten = api.get("/api/v1/scan/forgotten-1");
        assertThat(forgotten.statusCode()).isEqualTo(200);
        assertThat(json(forgotten).at("/result/data/kept").asBoolean()).isTrue();

        HttpResponse<String> unknown = api.get("/api/v1/scan/never-existed");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("type").asText()).isEqualTo(Problem.TASK_NOT_FOUND);
    }

    @Test
    void whileRedisIsStoppedAStatusReadIs503AtOnceAndAnswersAgainOnceItIsBack() {
        String id = api.submit("echo", "example.com");
        api.awaitStatus(id, "SUCCESS");
        String before = api.get("/api/v1/scan/" + id).body();

        redis.stop();
        // the finished task's answer kept in memory goes once Lettuce has seen the connection close
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/scan/" + id).statusCode() == 503);
        long startedAt = System.nanoTime();
        HttpResponse<String> down = api.get("/api/v1/scan/" + id);
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(COMMAND_TIMEOUT.dividedBy(4));
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(json(down).get("type").asText()).isEqualTo(Problem.BROKER_UNAVAILABLE);

        redis.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/scan/" + id).statusCode() == 200);
        assertThat(api.get("/api/v1/scan/" + id).body()).isEqualTo(before);
    }

    /**
     * A reply that cannot be read fails on Redis's I/O thread; its error's mapping pings the broker, whose answer
     * only that thread can read, so the mapping must run elsewhere: here it answers at once, not after the command
     * timeout has ended a ping that waited for itself.
     */
    @Test
    void aRecordThatCannotBeReadIsAnsweredAtOnceNotAfterTheBrokersTimeout() {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            raw.sync().hset("{" + PREFIX + "}:task:mangled-1", Map.of("definition", "{not json", "state", "SUCCESS"));
        } finally {
            client.shutdown();
        }

        long startedAt = System.nanoTime();
        HttpResponse<String> response = api.get("/api/v1/scan/mangled-1");

        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(10));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertThat(api.get("/api/v1/health").statusCode()).isEqualTo(200);
    }
}
