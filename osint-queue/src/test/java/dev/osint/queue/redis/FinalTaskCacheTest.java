package dev.osint.queue.redis;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.ScanResult;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.BrokerUnavailableException;
import dev.osint.queue.Lease;
import dev.osint.queue.testing.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Final tasks answered from memory in a Redis-mode process, on a Redis of the test's own (it flushes, kills
 * connections and restarts it): whatever changes a task's hash in Redis, from whichever process, the next reads
 * answer the change, never the kept record.
 */
class FinalTaskCacheTest {
    private static final BrokerSettings SETTINGS = new BrokerSettings(Duration.ofSeconds(5), Duration.ofHours(1),
            Duration.ofSeconds(10));
    private static final Duration SOON = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private RedisProcess redis;
    private RedisClient client;
    private StatefulRedisConnection<String, String> other;
    private final List<RedisBroker> brokers = new ArrayList<>();

    @BeforeEach
    void startRedis() {
        // DEBUG SET-ACTIVE-EXPIRE lets a test see a key expire only when it is read, as a busy Redis's late sweep does
        redis = RedisProcess.start(dir, false, List.of("--enable-debug-command", "local"));
        client = RedisClient.create(redis.url());
        other = client.connect();
    }

    @AfterEach
    void stopRedis() {
        brokers.forEach(RedisBroker::close);
        other.close();
        client.shutdown();
        redis.stop();
    }

    private RedisBroker broker(BrokerSettings settings) {
        RedisBroker broker = new RedisBroker(new RedisSettings(redis.url(), "cache", Duration.ofSeconds(5)), settings);
        brokers.add(broker);
        return broker;
    }

    /** Another process's commands on the same Redis. */
    private RedisCommands<String, String> otherProcess() {
        return other.sync();
    }

    private static String finishedTask(RedisBroker worker) throws InterruptedException {
        TaskRecord task = aTask().build();
        worker.enqueue(task);
        Lease lease = worker.take("w1", List.of("default"), Duration.ofSeconds(2)).orElseThrow();
        worker.finish(lease, TaskState.SUCCESS, new ScanResult("r-" + task.id(), "PingTask", "example.test", true,
                Map.of("pong", true), List.of(), Instant.now(), Map.of()), null);
        return task.id();
    }

    /** Read twice, the second answered from memory: the same record object. */
    private static TaskRecord readAndKept(RedisBroker api, String id) {
        TaskRecord read = api.get(id).orElseThrow();
        assertThat(api.get(id).orElseThrow()).isSameAs(read);
        return read;
    }

    @Test
    void aTaskNotFinalIsReadFromRedisEveryTime() throws Exception {
        RedisBroker api = broker(SETTINGS);
        TaskRecord task = aTask().build();
        api.enqueue(task);

        assertThat(api.get(task.id()).orElseThrow()).isNotSameAs(api.get(task.id()).orElseThrow());
        assertThat(api.finalTasks().size()).isZero();
    }

    @Test
    void aFinishedTaskAnotherApiProcessDeletesOrRewritesIsNotAnsweredFromMemoryAfter() throws Exception {
        RedisBroker first = broker(SETTINGS);
        RedisBroker second = broker(SETTINGS);
        String deleted = finishedTask(first);
        String rewritten = finishedTask(first);
        readAndKept(first, deleted);
        readAndKept(second, deleted);
        TaskRecord before = readAndKept(second, rewritten);

        first.link().call(c -> c.del(first.keys().task(deleted)));
        otherProcess().hset(first.keys().task(rewritten), "stage", "rewritten");

        await().atMost(SOON).until(() -> second.get(deleted).isEmpty() && first.get(deleted).isEmpty());
        await().atMost(SOON).until(() -> "rewritten".equals(second.get(rewritten).orElseThrow().stage()));
        TaskRecord after = readAndKept(second, rewritten);
        assertThat(after).isNotSameAs(before);
        assertThat(after.result()).isEqualTo(before.result());
    }

    @Test
    void aFinishedTaskIsNotAnsweredFromMemoryPastItsExpiryEvenWhenRedisHasNotSweptItYet() throws Exception {
        // no background expiry: the key stays in Redis, unseen, until read, so no invalidation comes before that
        otherProcess().dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("SET-ACTIVE-EXPIRE").add(0));
        RedisBroker api = broker(new BrokerSettings(Duration.ofSeconds(5), Duration.ofMillis(1500),
                Duration.ofSeconds(10)));
        String id = finishedTask(api);
        readAndKept(api, id);
        long expires = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(otherProcess().pttl(api.keys().task(id)));

        await().atMost(SOON).pollInterval(Duration.ofMillis(20)).until(() -> api.get(id).isEmpty());
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(expires - TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(api.finalTasks().size()).isZero();
    }

    @Test
    void aFlushDropsEverythingKeptAndTrackingGoesOn() throws Exception {
        RedisBroker api = broker(SETTINGS);
        String one = finishedTask(api);
        String two = finishedTask(api);
        readAndKept(api, one);
        readAndKept(api, two);
        assertThat(api.finalTasks().size()).isEqualTo(2);

        otherProcess().flushall();

        await().atMost(SOON).until(() -> api.finalTasks().size() == 0);
        assertThat(api.get(one)).isEmpty();
        assertThat(api.get(two)).isEmpty();
        String three = finishedTask(api);
        readAndKept(api, three);
        otherProcess().del(api.keys().task(three));
        await().atMost(SOON).until(() -> api.get(three).isEmpty());
    }

    @Test
    void aLostConnectionDropsEverythingAndTrackingStartsAgainOnTheNewOne() throws Exception {
        RedisBroker api = broker(SETTINGS);
        String id = finishedTask(api);
        readAndKept(api, id);

        // the change happens while the connection is down: no invalidation can reach the kept record
        otherProcess().clientKill(io.lettuce.core.KillArgs.Builder.id(trackingClientId()));
        otherProcess().hset(api.keys().task(id), "stage", "changed while away");

        await().atMost(SOON).ignoreExceptionsInstanceOf(BrokerUnavailableException.class)
                .until(() -> "changed while away".equals(api.get(id).orElseThrow().stage()));
        // tracking is on again on the new connection: the record is kept, and a change still drops it
        await().atMost(SOON).ignoreExceptionsInstanceOf(BrokerUnavailableException.class)
                .until(() -> api.get(id).orElseThrow() == api.get(id).orElseThrow());
        otherProcess().del(api.keys().task(id));
        await().atMost(SOON).until(() -> api.get(id).isEmpty());
    }

    @Test
    void aRestartedServerIsReadAfresh() throws Exception {
        RedisBroker api = broker(SETTINGS);
        String id = finishedTask(api);
        readAndKept(api, id);

        redis.stop(); // without persistence: the server that comes back is empty, as another one after a failover
        redis.start();

        await().atMost(Duration.ofSeconds(20)).until(api::ping);
        await().atMost(SOON).ignoreExceptionsInstanceOf(BrokerUnavailableException.class)
                .until(() -> api.get(id).isEmpty());
        String again = finishedTask(api);
        await().atMost(SOON).until(() -> api.get(again).orElseThrow() == api.get(again).orElseThrow());
    }

    @Test
    void readsCrossingChangesEndOnTheLastChange() throws Exception {
        RedisBroker api = broker(SETTINGS);
        String id = finishedTask(api);
        String key = api.keys().task(id);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> reading = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                reading.add(readers.submit(() -> {
                    while (writing.get()) {
                        api.getAsync(id).get(5, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (int i = 0; i <= 2000; i++) {
                otherProcess().hset(key, "stage", "s" + i);
            }
            writing.set(false);
            for (Future<?> reader : reading) {
                reader.get(10, TimeUnit.SECONDS);
            }
        } finally {
            readers.shutdownNow();
        }
        // a record kept after the invalidation of a later write would stay in memory from now on
        await().atMost(SOON).until(() -> "s2000".equals(api.get(id).orElseThrow().stage()));
        for (int i = 0; i < 20; i++) {
            Optional<TaskRecord> read = api.getAsync(id).get(5, TimeUnit.SECONDS);
            assertThat(read.orElseThrow().stage()).isEqualTo("s2000");
        }
    }

    /** The id Redis gives the broker's connection with tracking on (flag {@code t} in CLIENT LIST). */
    private long trackingClientId() {
        for (String line : otherProcess().clientList().split("\n")) {
            if (line.matches(".*\\bflags=\\S*t\\S*\\b.*")) {
                return Long.parseLong(line.replaceAll(".*\\bid=(\\d+).*", "$1").trim());
            }
        }
        throw new AssertionError("no client with tracking on in " + otherProcess().clientList());
    }
}
