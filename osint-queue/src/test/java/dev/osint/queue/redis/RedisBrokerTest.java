package dev.osint.queue.redis;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerEvent;
import dev.osint.queue.BrokerEvent.TaskEvent;
import dev.osint.queue.BrokerContractTest;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.EventIds;
import dev.osint.queue.EventType;
import dev.osint.queue.Lease;
import dev.osint.queue.SubmissionQuotas;
import dev.osint.queue.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import io.lettuce.core.ScriptOutputType;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker contract, on a real Redis; and what only the Redis broker has to show. */
class RedisBrokerTest extends BrokerContractTest {
    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return redis.newBroker(settings);
    }

    private RedisBroker redisBroker() {
        return (RedisBroker) broker;
    }

    private long unfinishedOf(String owner) {
        RedisBroker r = redisBroker();
        return r.link().call(c -> c.zcard(r.keys().prefix() + "owner:" + owner + ":unfinished"));
    }

    /**
     * A batch larger than Netty's adaptive allocator pools under a small heap travels in the pooled allocator's
     * buffers: freeing an unpooled direct buffer on JDK 25 stops every thread of the JVM.
     */
    @Test
    void largeRepliesAndArgumentsTravelInPooledBuffers() {
        PooledByteBufAllocatorMetric pooled = ((PooledByteBufAllocator) RedisLink.BUFFERS).metric();
        String large = "x".repeat(300_000);
        RedisBroker r = redisBroker();
        String echoed = r.link().call(c -> c.eval("return ARGV[1]", ScriptOutputType.VALUE, new String[0], large));
        assertThat(echoed).hasSize(large.length());
        assertThat(pooled.usedDirectMemory() + pooled.usedHeapMemory()).isGreaterThanOrEqualTo(large.length());
    }

    @Test
    void theScriptsAllowExactlyTheMovesJavaAllows() {
        String[] states = Arrays.stream(TaskState.values()).map(Enum::name).toArray(String[]::new);
        String lua = LuaScript.stateTable() + """

                local allowed = {}
                for _, from in ipairs(ARGV) do
                  for _, to in ipairs(ARGV) do
                    if canMove(from, to) then
                      allowed[#allowed + 1] = from .. '>' .. to
                    end
                  end
                end
                if canMove(false, 'STARTED') or canMove('NO_SUCH_STATE', 'STARTED') then
                  allowed[#allowed + 1] = 'a task with no state moved'
                end
                return allowed
                """;
        RedisBroker r = redisBroker();
        List<String> fromLua = r.link().call(c -> c.eval(lua, ScriptOutputType.MULTI, new String[0], states));
        List<String> fromJava = new ArrayList<>();
        for (TaskState from : TaskState.values()) {
            for (TaskState to : TaskState.values()) {
                if (from.canMoveTo(to)) {
                    fromJava.add(from + ">" + to);
                }
            }
        }
        assertThat(fromLua).containsExactlyInAnyOrderElementsOf(fromJava);
    }

    @Test
    void aFinalStateTakesTheTaskOutOfItsOwnersCountAtOnce() {
        TaskRecord task = aTask().ownedBy("alice").build();
        broker.enqueue(task);
        assertThat(unfinishedOf("alice")).isEqualTo(1);
        broker.revoke(task.id());
        assertThat(unfinishedOf("alice")).isZero();
    }

    @Test
    void anAdmissionNeverEnqueuedOrARecordThatVanishedStopsCountingOnceOld() {
        SubmissionQuotas one = new SubmissionQuotas(0, 1, 0);
        assertThat(broker.admit("alice", "never-enqueued", one).admitted()).isTrue();
        assertThat(broker.admit("alice", "next", one).admitted()).as("the place is held").isFalse();
        age("alice", "never-enqueued");
        TaskRecord task = aTask().ownedBy("alice").build();
        assertThat(broker.admit("alice", task.id(), one).admitted()).isTrue();
        broker.enqueue(task);

        RedisBroker r = redisBroker();
        r.link().call(c -> c.del(r.keys().task(task.id()))); // evicted, or deleted by hand
        assertThat(broker.admit("alice", "after", one).admitted()).as("the record may still be written").isFalse();
        age("alice", task.id());
        assertThat(broker.admit("alice", "after", one).admitted()).isTrue();
    }

    @Test
    void aBatchTakeSkipsIdsWhoseRecordVanishedAndStillFillsUp() throws Exception {
        List<TaskRecord> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(aTask().build());
            broker.enqueue(tasks.getLast());
        }
        RedisBroker r = redisBroker();
        for (TaskRecord gone : tasks.subList(0, 3)) {
            r.link().call(c -> c.del(r.keys().task(gone.id()))); // evicted, or deleted by hand
        }
        assertThat(broker.take("w1", List.of("default"), 3, Duration.ZERO)).extracting(Lease::taskId)
                .containsExactly(tasks.get(3).id(), tasks.get(4).id(), tasks.get(5).id());
    }

    /** Makes an owner's entry look two minutes old. */
    private void age(String owner, String taskId) {
        RedisBroker r = redisBroker();
        long twoMinutesAgo = System.currentTimeMillis() - 120_000;
        r.link().call(c -> c.zadd(r.keys().prefix() + "owner:" + owner + ":unfinished", twoMinutesAgo, taskId));
    }

    @Test
    void twoApiProcessesSharingRedisShareTheQuotas() throws Exception {
        SubmissionQuotas five = new SubmissionQuotas(0, 5, 0);
        try (RedisBroker other = redis.newBroker(SHORT)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> answers = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    Broker via = i % 2 == 0 ? broker : other;
                    String id = "task-" + i;
                    answers.add(pool.submit(() -> via.admit("alice", id, five).admitted()));
                }
                int admitted = 0;
                for (Future<Boolean> answer : answers) {
                    admitted += answer.get() ? 1 : 0;
                }
                assertThat(admitted).isEqualTo(5);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theTaskIndexIsBoundedByTheResultExpiry() throws Exception {
        RedisBroker redisBroker = (RedisBroker) broker;
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = broker.take("w1", List.of("default"), Duration.ofSeconds(2)).orElseThrow();
        broker.finish(lease, TaskState.SUCCESS, null, null);
        assertThat(indexSize(redisBroker, redisBroker.keys().tasks())).isEqualTo(1);
        assertThat(indexSize(redisBroker, redisBroker.keys().expiries())).isEqualTo(1);

        // the take of any worker sweeps the entries of expired tasks away
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200)).until(() -> {
            broker.take("w1", List.of("default"), Duration.ZERO);
            return indexSize(redisBroker, redisBroker.keys().tasks()) == 0;
        });
        assertThat(indexSize(redisBroker, redisBroker.keys().expiries())).isZero();
    }

    @Test
    void theTasksOfOneBatchOfFinishesShareTheirExpiryEntriesAndLeaveTheIndexTogether() throws Exception {
        RedisBroker redisBroker = (RedisBroker) broker;
        int count = 120;
        for (int i = 0; i < count; i++) {
            broker.enqueue(aTask().build());
        }
        List<Lease> leases = new ArrayList<>();
        while (leases.size() < count) {
            leases.addAll(broker.take("w1", List.of("default"), count - leases.size(), Duration.ofSeconds(2)));
        }
        // finished all at once: the group commit carries them in a few calls of finish.lua
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> finished = new ArrayList<>();
            for (Lease lease : leases) {
                finished.add(threads.submit(() -> broker.finish(lease, TaskState.SUCCESS, null, null)));
            }
            for (Future<Boolean> accepted : finished) {
                assertThat(accepted.get()).isTrue();
            }
        }
        assertThat(indexSize(redisBroker, redisBroker.keys().tasks())).isEqualTo(count);
        assertThat(indexSize(redisBroker, redisBroker.keys().expiries())).as("one entry per batch of up to 50 ids")
                .isLessThan(count);

        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200)).until(() -> {
            broker.take("w1", List.of("default"), Duration.ZERO);
            return indexSize(redisBroker, redisBroker.keys().tasks()) == 0;
        });
        assertThat(indexSize(redisBroker, redisBroker.keys().expiries())).isZero();
    }

    @Test
    void anExpiryEntryOfOneIdAsEarlierVersionsWroteItIsSweptToo() throws Exception {
        RedisBroker redisBroker = (RedisBroker) broker;
        String tasks = redisBroker.keys().tasks();
        String expiries = redisBroker.keys().expiries();
        redisBroker.link().call(c -> c.zadd(tasks, 1.0, "finished-long-ago"));
        redisBroker.link().call(c -> c.zadd(expiries, 2.0, "finished-long-ago"));

        broker.take("w1", List.of("default"), Duration.ZERO);

        assertThat(indexSize(redisBroker, tasks)).isZero();
        assertThat(indexSize(redisBroker, expiries)).isZero();
    }

    @Test
    void aStatusReadIsOneHgetallAndNothingElseAndAFinalTasksRepeatedReadIsNone() throws Exception {
        // GET /api/v1/scan/{id} in Redis mode is this read: a second command per read would show in its CPU per request
        assertThat(broker.get("opens-the-connection")).isEmpty();
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        int reads = 20;
        Map<String, Long> before = commandCalls();
        for (int i = 0; i < reads; i++) {
            assertThat(broker.get(task.id()).orElseThrow().state()).isEqualTo(TaskState.PENDING);
            // the API's asynchronous read is the same one command
            assertThat(broker.getAsync(task.id()).toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS)
                    .orElseThrow().state()).isEqualTo(TaskState.PENDING);
        }
        assertThat(commandsSince(before)).isEqualTo(Map.of("hgetall", 2L * reads));

        Lease lease = broker.take("w1", List.of("default"), Duration.ofSeconds(2)).orElseThrow();
        broker.finish(lease, TaskState.SUCCESS, null, null);
        before = commandCalls();
        for (int i = 0; i < reads; i++) {
            assertThat(broker.get(task.id()).orElseThrow().state()).isEqualTo(TaskState.SUCCESS);
            assertThat(broker.getAsync(task.id()).toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS)
                    .orElseThrow().state()).isEqualTo(TaskState.SUCCESS);
        }
        // the first read of a final task asks its time to live too; the others are answered from memory
        assertThat(commandsSince(before)).isEqualTo(Map.of("hgetall", 1L, "pttl", 1L));
    }

    @Test
    void withNoFinalTasksKeptEveryReadIsOneHgetall() throws Exception {
        RedisSettings settings = redis.settings();
        try (RedisBroker uncached = new RedisBroker(new RedisSettings(settings.url(), settings.prefix(),
                settings.commandTimeout(), 0), BrokerSettings.DEFAULTS)) {
            TaskRecord task = aTask().build();
            uncached.enqueue(task);
            Lease lease = uncached.take("w1", List.of("default"), Duration.ofSeconds(2)).orElseThrow();
            uncached.finish(lease, TaskState.SUCCESS, null, null);
            assertThat(uncached.sharesFinalRecords()).isFalse();
            Map<String, Long> before = commandCalls();
            for (int i = 0; i < 5; i++) {
                assertThat(uncached.getAsync(task.id()).get(5, java.util.concurrent.TimeUnit.SECONDS).orElseThrow()
                        .state()).isEqualTo(TaskState.SUCCESS);
            }
            assertThat(commandsSince(before)).isEqualTo(Map.of("hgetall", 5L));
        }
    }

    // --- events: one stream entry per script call ---

    @Test
    void aCallWritesOneEventEntryAndMoreThanAnEntryHoldsIsSplit() throws Exception {
        RedisBroker r = redisBroker();
        String start = broker.lastEventId();
        long entriesBefore = r.link().call(c -> c.xlen(r.keys().events()));
        List<String> ids = enqueueInOneCall(1_100);
        long entriesAfter = r.link().call(c -> c.xlen(r.keys().events()));

        assertThat(entriesAfter - entriesBefore).as("entries of 1024 and 76 events")
                .isEqualTo(2);
        List<BrokerEvent> read = readAll(start, 1_000);
        assertThat(read).extracting(e -> ((TaskEvent) e).taskId()).containsExactlyElementsOf(ids);
        for (int i = 1; i < read.size(); i++) {
            assertThat(EventIds.compare(read.get(i).id(), read.get(i - 1).id())).as("ids increase").isPositive();
        }
        assertThat(broker.events(read.get(1_023).id(), 2, Duration.ZERO)).as("across the two entries")
                .containsExactlyElementsOf(read.subList(1_024, 1_026));
    }

    @Test
    void entriesOfManyEventsStillKeepAboutEventsKeptEvents() throws Exception {
        String start = broker.lastEventId();
        for (int i = 0; i < 12; i++) {
            enqueueInOneCall(1_000);
        }
        RedisBroker r = redisBroker();
        long entries = r.link().call(c -> c.xlen(r.keys().events()));
        assertThat(entries).isLessThanOrEqualTo(11);
        assertThat(readAll(start, 1_000)).hasSizeBetween(Broker.EVENTS_KEPT, Broker.EVENTS_KEPT + 1_000);
    }

    @Test
    void anEventThisVersionDoesNotKnowIsSkippedAndItsNeighboursKeepTheirIds() throws Exception {
        RedisBroker r = redisBroker();
        String start = broker.lastEventId();
        String known = "[\"task-submitted\",\"%s\",\"ping\",\"a.example\",\"PENDING\",\"0\",\"\",\"\",\"0\",\"\"]";
        String entry = "[" + known.formatted("t1") + ",[\"task-teleported\",\"t2\",\"somewhere\"],"
                + known.formatted("t3") + "]";
        r.link().call(c -> c.xadd(r.keys().events(), Map.of("at", "1000", "events", entry)));
        r.link().call(c -> c.xadd(r.keys().events(), Map.of("at", "1000", "events", "[[\"worker-teleported\"]]")));

        List<BrokerEvent> read = broker.events(start, 100, Duration.ZERO);
        assertThat(read).extracting(e -> ((TaskEvent) e).taskId()).containsExactly("t1", "t3");
        assertThat(read.get(0).at()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(broker.events(read.get(0).id(), 100, Duration.ZERO)).containsExactly(read.get(1));
        assertThat(broker.events(read.get(1).id(), 100, Duration.ZERO)).isEmpty();
        assertThat(broker.events(read.get(1).id(), 100, Duration.ofMillis(200))).as("waits, then nothing")
                .isEmpty();
    }

    @Test
    void anEntryOfTheEarlierOneEventFormatStillReads() throws Exception {
        RedisBroker r = redisBroker();
        String start = broker.lastEventId();
        r.link().call(c -> c.xadd(r.keys().events(), Map.of("event", "task-started", "task", "t1", "type", "ping",
                "target", "a.example", "state", "STARTED", "progress", "0", "worker", "w1", "at", "1000")));
        broker.enqueue(aTask().build());

        List<BrokerEvent> read = broker.events(start, 100, Duration.ZERO);
        assertThat(read).extracting(BrokerEvent::type).containsExactly(EventType.TASK_STARTED,
                EventType.TASK_SUBMITTED);
        assertThat(((TaskEvent) read.get(0)).worker()).isEqualTo("w1");
        assertThat(broker.events(read.get(0).id(), 100, Duration.ZERO)).containsExactly(read.get(1));
    }

    /** Every event after {@code after}, read {@code most} at a time. */
    private List<BrokerEvent> readAll(String after, int most) throws InterruptedException {
        List<BrokerEvent> all = new ArrayList<>();
        List<BrokerEvent> read;
        while (!(read = broker.events(after, most, Duration.ZERO)).isEmpty()) {
            assertThat(read.size()).isLessThanOrEqualTo(most);
            all.addAll(read);
            assertThat(all.size()).as("a read that moves on").isLessThan(100_000);
            after = read.getLast().id();
        }
        return all;
    }

    /** Queues {@code count} new tasks in one call of enqueue.lua; answers their ids in order. */
    private List<String> enqueueInOneCall(int count) {
        RedisBroker r = redisBroker();
        List<String> ids = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TaskRecord task = aTask().build();
            ids.add(task.id());
            args.addAll(List.of(task.id(), "{}", "default", "normal", "ping", task.target().value(),
                    Long.toString(task.createdAt().toEpochMilli()), "", ""));
        }
        r.link().eval(LuaScript.ENQUEUE, ScriptOutputType.MULTI, r.keys().prefix(), args.toArray(String[]::new));
        return ids;
    }

    /** The commands Redis ran since {@code before} (INFO's own calls left out), with their calls. */
    private Map<String, Long> commandsSince(Map<String, Long> before) {
        Map<String, Long> ran = new HashMap<>();
        commandCalls().forEach((command, calls) -> {
            long delta = calls - before.getOrDefault(command, 0L);
            if (delta > 0 && !command.equals("info")) {
                ran.put(command, delta);
            }
        });
        return ran;
    }

    /** Calls of each command Redis has run so far, from INFO commandstats. */
    private Map<String, Long> commandCalls() {
        String info = redisBroker().link().call(c -> c.info("commandstats"));
        Map<String, Long> calls = new HashMap<>();
        Matcher line = Pattern.compile("cmdstat_([^:]+):calls=(\\d+)").matcher(info);
        while (line.find()) {
            calls.put(line.group(1), Long.parseLong(line.group(2)));
        }
        return calls;
    }

    private static long indexSize(RedisBroker broker, String key) {
        return broker.link().call(c -> c.zcard(key));
    }
}
