package dev.osint.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.Priority;
import dev.osint.core.Settings;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.history.testing.HistoryProcess;
import dev.osint.history.testing.TestPostgres;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.redis.RedisBroker;
import dev.osint.queue.testing.TestRedis;
import dev.osint.queue.testing.WorkerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis and PostgreSQL, all real, processes killed: two worker JVMs run the scans and one is SIGKILLed mid-run; the
 * API process that read the finished tasks is SIGKILLed before it could store them (its database was down); another
 * API process takes its tasks over. Every scan ends up in PostgreSQL exactly once.
 */
class RedisHistoryCrashTest {
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final int TASKS = 120;

    @RegisterExtension
    static final TestRedis redis = new TestRedis();
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @TempDir
    Path logs;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
        postgres.up();
        try (var files = java.nio.file.Files.list(logs)) {
            for (Path log : files.toList()) {
                String text = java.nio.file.Files.readString(log);
                if (text.isBlank()) {
                    continue;
                }
                System.err.println("== " + log.getFileName() + " (last lines)\n"
                        + text.substring(Math.max(0, text.length() - 3000)));
            }
        }
    }

    private Process worker(String name) throws Exception {
        Process process = WorkerProcess.start(logs.resolve(name + ".log"), TestRedis.url(), redis.prefix(), name,
                Long.toString(LEASE.toMillis()), "8", "100000");
        processes.add(process);
        return process;
    }

    @Test
    void everyScanIsStoredOnceThoughAWorkerAndAWriterDie() throws Exception {
        try (HistoryStore store = HistoryStores.open(postgres.settings())) {
            store.count();
            postgres.wipe();
        }
        postgres.down();
        Process deadWriter = HistoryProcess.start(logs.resolve("dead-writer.log"), TestRedis.url(), redis.prefix(),
                postgres.url());
        processes.add(deadWriter);

        try (RedisBroker broker = new RedisBroker(redis.settings(), new BrokerSettings(LEASE, Duration.ofHours(1),
                Duration.ofSeconds(10)), 100_000);
             RedisClient client = RedisClient.create(TestRedis.url());
             StatefulRedisConnection<String, String> redisConnection = client.connect()) {
            Process victim = worker("victim");
            worker("survivor");
            // JVMs start slowly on a busy machine: the timeouts below are generous, the checks exact
            await().atMost(Duration.ofSeconds(180)).until(() -> broker.workers().size() == 2);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                TaskRecord task = TaskRecord.pending(UUID.randomUUID().toString(), "nap",
                        new Target(TargetKind.DOMAIN, "host" + i + ".example"), Map.of("sleep_ms", 300), "default",
                        Priority.NORMAL, null, Instant.now());
                broker.enqueue(task);
                ids.add(task.id());
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> broker.active().stream()
                    .anyMatch(t -> "victim".equals(t.worker())));
            victim.destroyForcibly().waitFor();

            await().atMost(Duration.ofSeconds(180)).until(() -> ids.stream().allMatch(id ->
                    broker.get(id).map(t -> t.state().isFinal()).orElse(false)));
            // every finished task waits in the stream; the writer holds a batch it read, unacknowledged: its
            // database is down
            String stream = "{" + redis.prefix() + "}:history";
            await().atMost(Duration.ofSeconds(120)).until(() -> redisConnection.sync().xlen(stream) == TASKS
                    && redisConnection.sync().xpending(stream, "history").getCount() > 0);
            deadWriter.destroyForcibly().waitFor();
            postgres.up();

            Settings settings = new Settings(Map.of("REDIS_URL", TestRedis.url(), "OSINT_REDIS_PREFIX",
                    redis.prefix(), "OSINT_DATABASE_URL", postgres.url(), "OSINT_HISTORY_CLAIM_AFTER", "1"));
            try (RedisBroker apiBroker = (RedisBroker) dev.osint.queue.Brokers.open(settings);
                 History history = History.serve(settings, apiBroker, Clock.systemUTC()).orElseThrow()) {
                await().atMost(Duration.ofSeconds(180)).until(() -> history.store().count() == TASKS);
                for (String id : ids) {
                    HistoryRecord record = history.store().find(id).orElseThrow();
                    assertThat(record.state()).isEqualTo(TaskState.SUCCESS);
                    assertThat(record.result().data()).containsKey("napped_ms");
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> redisConnection.sync().xlen(stream) == 0);
                assertThat(broker.finishedCounts().get(TaskState.SUCCESS)).isEqualTo(TASKS);
            }
        }
    }
}
