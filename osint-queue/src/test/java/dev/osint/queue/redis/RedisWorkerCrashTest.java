package dev.osint.queue.redis;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.testing.TestRedis;
import dev.osint.queue.testing.WorkerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Worker processes on one Redis, one of them killed with SIGKILL mid-batch: no task lost, none finished twice. */
class RedisWorkerCrashTest {
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final int TASKS = 300;
    /** Long beside the moment between seeing the victim's tasks and killing it, so it dies holding them. */
    private static final int NAP_MS = 1_000;

    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    @TempDir
    Path logs;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
    }

    private Process startWorker(String name) throws Exception {
        Process process = WorkerProcess.start(logs.resolve(name + ".log"), TestRedis.url(), redis.prefix(), name,
                Long.toString(LEASE.toMillis()), "8");
        processes.add(process);
        return process;
    }

    @Test
    void aWorkerKilledMidBatchLosesNoTaskAndNoTaskFinishesTwice() throws Exception {
        try (RedisBroker broker = redis.newBroker(new BrokerSettings(LEASE, Duration.ofHours(1),
                Duration.ofSeconds(10)))) {
            Process victim = startWorker("victim");
            List<TaskRecord> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                TaskRecord task = aTask().ofType("nap").withOptions(Map.of("sleep_ms", NAP_MS)).build();
                broker.enqueue(task);
                tasks.add(task);
            }
            startWorker("survivor-1");
            startWorker("survivor-2");

            // the victim dies in the middle of naps it started, not merely holding tasks it has not begun; three
            // JVMs starting at once on a loaded machine can take well over a minute to run their first task
            // (the tasks it held are the ones seen then: asking again later may find them finished)
            AtomicReference<Set<String>> held = new AtomicReference<>(Set.of());
            await().atMost(Duration.ofSeconds(150)).until(() -> {
                held.set(runningOn(broker, "victim"));
                return held.get().size() >= 2;
            });
            victim.destroyForcibly().waitFor();
            Set<String> heldAtKill = held.get();

            await().atMost(Duration.ofSeconds(90)).until(() -> finished(broker) == TASKS);
            assertThat(tasks).allSatisfy(task ->
                    assertThat(broker.get(task.id()).orElseThrow().state()).isEqualTo(TaskState.SUCCESS));
            assertThat(broker.finishedCounts()).as("final states written, once per task")
                    .isEqualTo(Map.of(TaskState.SUCCESS, (long) TASKS));
            Map<String, Long> runs = runs();
            assertThat(runs).as("every task ran").hasSize(TASKS);
            assertThat(heldAtKill).as("the victim's tasks ran again elsewhere")
                    .anySatisfy(id -> assertThat(runs.get(id)).isGreaterThan(1));
            assertThat(heldAtKill).anySatisfy(id -> assertThat(broker.get(id).orElseThrow().result().metadata()
                    .get("worker")).asString().startsWith("survivor"));
        } catch (AssertionError | RuntimeException e) {
            for (String name : List.of("victim", "survivor-1", "survivor-2")) {
                Path log = logs.resolve(name + ".log");
                if (Files.exists(log)) {
                    System.err.println("--- " + name + " ---\n" + Files.readString(log));
                }
            }
            throw e;
        }
    }

    /** Tasks {@code worker} holds and has started running. */
    private Set<String> runningOn(Broker broker, String worker) {
        Map<String, Long> runs = runs();
        return broker.active().stream().filter(t -> worker.equals(t.worker())).map(TaskRecord::id)
                .filter(runs::containsKey).collect(Collectors.toSet());
    }

    private static long finished(RedisBroker broker) {
        return broker.finishedCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, Long> runs() {
        RedisClient client = RedisClient.create(TestRedis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().hgetall(WorkerProcess.runsKey(redis.prefix())).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.parseLong(e.getValue())));
        } finally {
            client.shutdown();
        }
    }
}
