package dev.osint.queue.redis;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.osint.core.CollectorRegistry;
import dev.osint.core.ScanResult;
import dev.osint.core.Settings;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.BrokerUnavailableException;
import dev.osint.queue.Lease;
import dev.osint.queue.LocalRateLimiter;
import dev.osint.queue.PingCollector;
import dev.osint.queue.testing.RedisProcess;
import dev.osint.queue.worker.ScanEnvironment;
import dev.osint.queue.worker.Worker;
import dev.osint.queue.worker.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis stopped and started under a running broker: calls fail fast while it is down, nothing is lost after. */
class RedisOutageTest {
    /** Far longer than any failure may take: a call that waited for it instead of failing at once would show. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final BrokerSettings SETTINGS = new BrokerSettings(Duration.ofSeconds(5), Duration.ofHours(1),
            Duration.ofSeconds(10));

    @TempDir
    Path dir;

    private static RedisBroker brokerOn(RedisProcess redis) {
        return new RedisBroker(new RedisSettings(redis.url(), "outage", COMMAND_TIMEOUT), SETTINGS);
    }

    @Test
    void whileRedisIsDownCallsFailFastAndARestartLosesNothing() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir, true); RedisBroker broker = brokerOn(redis)) {
            TaskRecord done = aTask().build();
            broker.enqueue(done);
            Lease lease = broker.take("w1", List.of("default"), Duration.ofSeconds(2)).orElseThrow();
            broker.finish(lease, TaskState.SUCCESS, new ScanResult("r1", "PingTask", "example.test", true,
                    Map.of("pong", true), List.of(), Instant.now(), Map.of()), null);
            TaskRecord waiting = aTask().build();
            broker.enqueue(waiting);

            redis.stop();
            assertTimeoutPreemptively(COMMAND_TIMEOUT.dividedBy(4), () -> {
                assertThatThrownBy(() -> broker.enqueue(aTask().build()))
                        .isInstanceOf(BrokerUnavailableException.class)
                        .hasMessageStartingWith("Redis at 127.0.0.1:" + redis.port() + " is unreachable: ");
                assertThatThrownBy(() -> broker.get(waiting.id())).isInstanceOf(BrokerUnavailableException.class);
                assertThat(broker.getAsync(waiting.id())).failsWithin(COMMAND_TIMEOUT.dividedBy(8))
                        .withThrowableThat().havingCause().isInstanceOf(BrokerUnavailableException.class);
                assertThat(broker.ping()).isFalse();
            });

            redis.start();
            await().atMost(Duration.ofSeconds(20)).until(broker::ping);
            assertThat(broker.get(done.id()).orElseThrow().result().data()).containsEntry("pong", true);
            assertThat(broker.get(waiting.id()).orElseThrow().state()).isEqualTo(TaskState.PENDING);
            assertThat(broker.getAsync(waiting.id()).get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .hasValueSatisfying(task -> assertThat(task.state()).isEqualTo(TaskState.PENDING));
            // the restarted server knows no scripts: the broker loads them again by itself
            assertThat(broker.take("w1", List.of("default"), Duration.ofSeconds(2)))
                    .get().extracting(Lease::taskId).isEqualTo(waiting.id());
        }
    }

    @Test
    void aBrokerOpenedWhileRedisIsDownConnectsOnceItIsUp() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir, true)) {
            redis.stop();
            try (RedisBroker broker = brokerOn(redis)) {
                assertThat(broker.ping()).isFalse();
                assertThatThrownBy(() -> broker.get("any")).isInstanceOf(BrokerUnavailableException.class);
                redis.start();
                await().atMost(Duration.ofSeconds(20)).until(broker::ping);
                assertThat(broker.get("any")).isEmpty();
            }
        }
    }

    @Test
    void aWorkerWaitsOutAnOutageAndCarriesOn() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir, true); RedisBroker broker = brokerOn(redis)) {
            Settings settings = new Settings(Map.of("OSINT_WORKER_HEARTBEAT", "0.2"));
            Worker worker = new Worker(broker, new CollectorRegistry(List.of(new PingCollector())),
                    WorkerSettings.from(settings).withName("patient"), ScanEnvironment.from(settings,
                    new LocalRateLimiter()), SETTINGS.lease()).start();
            try {
                TaskRecord before = aTask().build();
                broker.enqueue(before);
                await().atMost(Duration.ofSeconds(20)).until(() -> stateOf(broker, before) == TaskState.SUCCESS);

                redis.stop();
                await().atMost(Duration.ofSeconds(20)).until(() -> !broker.ping());
                redis.start();

                TaskRecord after = aTask().build();
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                    broker.enqueue(after);
                    return true;
                });
                await().atMost(Duration.ofSeconds(20)).until(() -> stateOf(broker, after) == TaskState.SUCCESS);
                assertThat(broker.get(after.id()).orElseThrow().worker()).isEqualTo("patient");
            } finally {
                worker.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    private static TaskState stateOf(Broker broker, TaskRecord task) {
        return broker.get(task.id()).map(TaskRecord::state).orElse(null);
    }
}
