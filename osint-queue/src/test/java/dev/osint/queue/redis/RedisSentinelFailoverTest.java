package dev.osint.queue.redis;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Settings;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.BrokerUnavailableException;
import dev.osint.queue.LocalRateLimiter;
import dev.osint.queue.ScriptedCollector;
import dev.osint.queue.testing.SentinelGroup;
import dev.osint.queue.worker.ScanEnvironment;
import dev.osint.queue.worker.Worker;
import dev.osint.queue.worker.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code REDIS_URL=redis-sentinel://…}: a master, a replica and three sentinels on loopback; tasks flow while the
 * master is killed, the broker follows the promoted replica, and every accepted task still reaches SUCCESS.
 */
class RedisSentinelFailoverTest {
    /** Short, so the test waits seconds for a failover, not the half minute of a production setting. */
    private static final Duration DOWN_AFTER = Duration.ofMillis(1000);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofMillis(3000);
    /** A task whose worker lost its final write to the dead master runs again once this lapses. */
    private static final BrokerSettings SETTINGS = new BrokerSettings(Duration.ofSeconds(2), Duration.ofHours(1),
            Duration.ofSeconds(10));

    @TempDir
    Path dir;

    @BeforeAll
    static void needsSentinel() {
        boolean present = SentinelGroup.sentinelCommand().isPresent();
        if (!present) {
            System.err.println("RedisSentinelFailoverTest skipped: neither redis-sentinel nor redis-server is on PATH"
                    + " (apt-get install redis-sentinel)");
        }
        Assumptions.assumeTrue(present, "redis-sentinel (or redis-server --sentinel) is not on PATH");
    }

    @Test
    void theBrokerFollowsTheNewMasterAndNoTaskIsLost() throws Exception {
        try (SentinelGroup group = SentinelGroup.start(dir, DOWN_AFTER, FAILOVER_TIMEOUT);
             RedisBroker api = brokerOn(group); RedisBroker workerSide = brokerOn(group)) {
            ScriptedCollector nap = new ScriptedCollector("nap", (context, run) -> {
                Thread.sleep(20);
                return CollectorOutput.found(Map.of("run", run), List.of());
            });
            Settings settings = new Settings(Map.of("OSINT_WORKER_HEARTBEAT", "0.2",
                    "OSINT_WORKER_CONCURRENCY", "16"));
            Worker worker = new Worker(workerSide, new CollectorRegistry(List.of(nap)),
                    WorkerSettings.from(settings).withName("survivor"),
                    ScanEnvironment.from(settings, new LocalRateLimiter()), SETTINGS.lease()).start();
            List<TaskRecord> accepted = new CopyOnWriteArrayList<>();
            AtomicBoolean producing = new AtomicBoolean(true);
            Thread producer = Thread.ofVirtual().start(() -> produce(api, accepted, producing));
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> succeeded(api, accepted) >= 30);

                group.killMaster();
                int acceptedBeforeKill = accepted.size();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> group.currentMasterPort() == group.replicaPort());
                // tasks go on being accepted, now by the promoted replica: the old master is dead
                await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= acceptedBeforeKill + 30);
                producing.set(false);
                producer.join();

                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> succeeded(api, accepted) == accepted.size());
                for (TaskRecord task : accepted) {
                    assertThat(api.get(task.id())).map(TaskRecord::state).contains(TaskState.SUCCESS);
                }
                assertThat(nap.runs.get()).isGreaterThanOrEqualTo(accepted.size());
                assertThat(api.ping()).isTrue();
            } finally {
                producing.set(false);
                worker.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    private static RedisBroker brokerOn(SentinelGroup group) {
        return new RedisBroker(new RedisSettings(group.url(), "failover", Duration.ofSeconds(2)), SETTINGS);
    }

    /**
     * Submits a task every 10 ms. A submission that fails while the master is down is tried again with the same
     * id, as an API client retries a 503; a task counts as accepted once its enqueue returned.
     */
    private static void produce(RedisBroker api, List<TaskRecord> accepted, AtomicBoolean producing) {
        while (producing.get()) {
            TaskRecord task = aTask().ofType("nap").build();
            while (producing.get()) {
                try {
                    api.enqueue(task);
                    accepted.add(task);
                    break;
                } catch (BrokerUnavailableException e) {
                    pause(50);
                }
            }
            pause(10);
        }
    }

    private static long succeeded(RedisBroker api, List<TaskRecord> tasks) {
        return tasks.stream().map(task -> api.get(task.id())).filter(Optional::isPresent)
                .filter(record -> record.get().state() == TaskState.SUCCESS).count();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
