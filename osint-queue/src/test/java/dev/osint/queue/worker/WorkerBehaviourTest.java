package dev.osint.queue.worker;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.RateLimit;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.Settings;
import dev.osint.core.TaskFailure;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.core.testing.AwaitTask;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.LocalRateLimiter;
import dev.osint.queue.RateLimiter;
import dev.osint.queue.ScanService;
import dev.osint.queue.ScriptedCollector;
import dev.osint.queue.TaskStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a worker runs tasks from any broker: life cycle, retries, time limits, revoke, draining. */
public abstract class WorkerBehaviourTest {
    private static final Duration LEASE = Duration.ofSeconds(3);

    protected Broker broker;
    private final List<Worker> workers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean interrupted = new AtomicBoolean();

    protected abstract Broker newBroker(BrokerSettings settings);

    private final ScriptedCollector ok = new ScriptedCollector("ok", (ctx, run) -> {
        ctx.progress(0.5, "half way");
        Thread.sleep(ctx.options().integer("sleep_ms"));
        return CollectorOutput.found(Map.of("target", ctx.target().value(), "run", run), List.of());
    });
    private final ScriptedCollector flaky = new ScriptedCollector("flaky", (ctx, run) -> {
        if (run < 3) {
            throw new RetryableCollectorException("upstream answered 503");
        }
        return CollectorOutput.found(Map.of("run", run), List.of());
    });
    private final ScriptedCollector down = new ScriptedCollector("down", (ctx, run) -> {
        throw new RetryableCollectorException("upstream timed out");
    });
    private final ScriptedCollector refused = new ScriptedCollector("refused", (ctx, run) -> {
        throw new CollectorException("the key was refused: check OSINT_X_API_KEY");
    });
    private final ScriptedCollector blocking = new ScriptedCollector("blocking", (ctx, run) -> {
        try {
            release.await();
        } catch (InterruptedException e) {
            interrupted.set(true);
            throw e;
        }
        return CollectorOutput.found(Map.of(), List.of());
    });
    private final ScriptedCollector partial = new ScriptedCollector("partial", (ctx, run) -> {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            return CollectorOutput.found(Map.of("names_done", 7), List.of());
        }
        return CollectorOutput.found(Map.of(), List.of());
    });
    private final ScriptedCollector stubborn = new ScriptedCollector("stubborn", (ctx, run) -> {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < end) {
            Thread.onSpinWait(); // ignores interrupts, as a badly written collector would
        }
        return CollectorOutput.found(Map.of(), List.of());
    });
    /** Every permit asked of the rate limiter, as "key limit". */
    private final List<String> permits = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScriptedCollector throttled = new ScriptedCollector("throttled", (ctx, run) -> {
        ctx.throttle();
        ctx.throttle("crtsh", RateLimit.perMinute(30));
        return CollectorOutput.found(Map.of(), List.of());
    });
    /** About 2.3 MB of JSON: 20,000 rows of 100 characters and 2,000 entities. */
    private final ScriptedCollector huge = new ScriptedCollector("huge", (ctx, run) -> CollectorOutput.found(
            Map.of("rows", java.util.stream.IntStream.range(0, 20_000).mapToObj(i -> "row " + i + " " + "x".repeat(90))
                    .toList(), "count", 20_000),
            java.util.stream.IntStream.range(0, 2_000).mapToObj(i -> dev.osint.core.Entity.of(
                    dev.osint.core.EntityKind.SUBDOMAIN, "host" + i + ".example.test", "huge")).toList()));
    private final ScriptedCollector crashing = new ScriptedCollector("crashing", (ctx, run) -> {
        throw new NullPointerException("bug in parser");
    });

    /** Reads the uploaded file; a target named retry-… fails retryably on its first run. */
    private final ScriptedCollector reader = new ScriptedCollector("reader", (ctx, run) -> {
        byte[] file = ctx.uploadedFile().orElseThrow(() -> new CollectorException("no file"));
        if (ctx.target().value().startsWith("retry") && run == 1) {
            throw new RetryableCollectorException("upstream answered 503");
        }
        return CollectorOutput.found(Map.of("size", file.length, "run", run), List.of());
    });

    private final java.util.List<String> childIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScriptedCollector fanout = new ScriptedCollector("fanout", (ctx, run) -> {
        String childType = ctx.target().value().startsWith("block") ? "blocking" : "ok";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(ctx.subScans().submit(childType, "child" + i + ".example.test", Map.of()));
        }
        childIds.addAll(ids);
        List<String> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<TaskRecord> children = ctx.subScans().awaitAll(ids, Duration.ofSeconds(30),
                child -> done.add(child.id()));
        return CollectorOutput.found(Map.of("children", children.stream().map(c -> c.state().name()).toList(),
                "heard", done.size()), List.of());
    });

    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    /** Counts how many of its runs are in flight at once, and holds each at the gate until the test opens it. */
    private final ScriptedCollector gated = new ScriptedCollector("gated", (ctx, run) -> {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            gate.await();
        } finally {
            inFlight.decrementAndGet();
        }
        return CollectorOutput.found(Map.of(), List.of());
    });

    /** The threads tasks ran on, in the order they ran. */
    private final List<Thread> ranOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScriptedCollector whereItRuns = new ScriptedCollector("where", (ctx, run) -> {
        ranOn.add(Thread.currentThread());
        return CollectorOutput.found(Map.of(), List.of());
    });

    @BeforeEach
    void createBroker() {
        broker = newBroker(new BrokerSettings(LEASE, Duration.ofMinutes(5), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stopWorkers() {
        release.countDown();
        gate.countDown();
        workers.forEach(w -> w.shutdown(Duration.ofSeconds(1)));
        broker.close();
    }

    private Worker startWorker(Map<String, String> settings) {
        Settings all = new Settings(Map.of("OSINT_RETRY_BACKOFF", "0.05", "OSINT_TASK_SOFT_TIME_LIMIT", "1",
                "OSINT_TASK_TIME_LIMIT", "2", "OSINT_WORKER_HEARTBEAT", "0.2")).with(settings);
        CollectorRegistry registry = new CollectorRegistry(List.of(ok, flaky, down, refused, blocking, partial,
                stubborn, crashing, fanout, huge, reader, throttled, gated, whereItRuns));
        Worker worker = new Worker(broker, registry, WorkerSettings.from(all).withName("w" + workers.size()),
                ScanEnvironment.from(all, recording(new LocalRateLimiter())), LEASE).start();
        workers.add(worker);
        return worker;
    }

    private RateLimiter recording(RateLimiter real) {
        return (key, limit) -> {
            permits.add(key + " " + limit);
            real.acquire(key, limit);
        };
    }

    private TaskRecord upload(String type, String name, byte[] content) {
        CollectorRegistry registry = new CollectorRegistry(List.of(reader, refused));
        return new ScanService(registry, broker).submitUpload(type, name, content, Map.of(), null);
    }

    @Test
    void anUploadedFileIsReadByTheWorkerAndDeletedWhenItsTaskEnds() {
        startWorker(Map.of());
        TaskRecord task = upload("reader", "photo.jpg", new byte[12345]);
        assertThat(task.target().kind()).isEqualTo(dev.osint.core.TargetKind.FILE);
        TaskRecord done = awaitState(task, TaskState.SUCCESS);
        assertThat(done.result().data()).containsEntry("size", 12345);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.blobs().get(task.id()).isEmpty());
    }

    @Test
    void aRetriedUploadKeepsItsFileForTheNextTryAndLosesItAtTheEnd() {
        startWorker(Map.of());
        TaskRecord retried = upload("reader", "retry.jpg", new byte[7]);
        TaskRecord done = awaitState(retried, TaskState.SUCCESS);
        assertThat(done.result().data()).containsEntry("run", 2).containsEntry("size", 7);
        // the file goes once the end is written (a write that fails leaves it for the run again): just after
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.blobs().get(retried.id()).isEmpty());
        TaskRecord failed = upload("refused", "x.jpg", new byte[3]);
        awaitState(failed, TaskState.FAILURE);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.blobs().get(failed.id()).isEmpty());
    }

    private TaskRecord submit(String type) {
        TaskRecord task = aTask().ofType(type).build();
        broker.enqueue(task);
        return task;
    }

    private TaskRecord awaitState(TaskRecord task, TaskState state) {
        return AwaitTask.inState(state, () -> broker.get(task.id()));
    }

    @Test
    void aScanRunsToSuccessWithItsResult() {
        startWorker(Map.of());
        TaskRecord done = awaitState(submit("ok"), TaskState.SUCCESS);
        assertThat(done.result().collectorName()).isEqualTo("Scriptedok");
        assertThat(done.result().data()).containsEntry("target", "example.test");
        assertThat(done.result().metadata()).containsEntry("worker", "w0").containsKey("duration_ms");
        assertThat(done.progress()).isEqualTo(100);
    }

    @Test
    void aResultOverTheSizeCapIsStoredTruncatedWithAWarning() throws Exception {
        // the trimming runs within the task's time: limits longer than this suite's 1 s / 2 s
        startWorker(Map.of("OSINT_MAX_RESULT_BYTES", Integer.toString(256 * 1024), "OSINT_TASK_SOFT_TIME_LIMIT", "20",
                "OSINT_TASK_TIME_LIMIT", "30"));
        TaskRecord task = submit("huge");
        TaskRecord done = AwaitTask.ended(() -> broker.get(task.id()));

        assertThat(done.state()).as(done.error()).isEqualTo(TaskState.SUCCESS);
        assertThat(ResultSizeLimit.bytesOf(done.result())).isLessThanOrEqualTo(256 * 1024);
        assertThat(done.result().metadata()).containsEntry("truncated", true).containsEntry("worker", "w0");
        assertThat(done.result().metadata().get("warnings").toString()).contains("OSINT_MAX_RESULT_BYTES (262144)")
                .contains("/data/rows kept");
        assertThat((List<?>) done.result().data().get("rows")).isNotEmpty().hasSizeLessThan(20_000);
        assertThat(done.result().data()).containsEntry("count", 20_000);
        assertThat(done.result().entities()).isNotEmpty().allMatch(e -> e.value().endsWith(".example.test"));
    }

    @Test
    void progressIsVisibleWhileTheScanRuns() {
        startWorker(Map.of());
        TaskRecord task = aTask().ofType("ok").withOptions(Map.of("sleep_ms", 700)).build();
        broker.enqueue(task);
        TaskRecord running = awaitState(task, TaskState.PROCESSING);
        assertThat(running.progress()).isEqualTo(50);
        assertThat(running.stage()).isEqualTo("half way");
        awaitState(task, TaskState.SUCCESS);
    }

    @Test
    void aRetryableErrorIsRetriedWithBackoffUntilItSucceeds() {
        startWorker(Map.of());
        TaskRecord done = awaitState(submit("flaky"), TaskState.SUCCESS);
        assertThat(done.retries()).isEqualTo(2);
        assertThat(done.result().data()).containsEntry("run", 3);
        assertThat(done.result().metadata()).containsEntry("attempts", 3);
        assertThat(done.history()).extracting(dev.osint.core.StateChange::state).containsExactly(TaskState.PENDING,
                TaskState.STARTED, TaskState.RETRY, TaskState.STARTED, TaskState.RETRY, TaskState.STARTED,
                TaskState.SUCCESS);
    }

    @Test
    void aWorkerCountsWhatItFinishedAndRetried() {
        Worker worker = startWorker(Map.of());
        awaitState(submit("flaky"), TaskState.SUCCESS);
        awaitState(submit("refused"), TaskState.FAILURE);

        TaskStatistics.Snapshot own = worker.statistics();

        assertThat(own.finished().get("flaky")).containsOnly(Map.entry(TaskState.SUCCESS, 1L));
        assertThat(own.finished().get("refused")).containsOnly(Map.entry(TaskState.FAILURE, 1L));
        assertThat(own.retries()).containsOnly(Map.entry("flaky", 2L));
        assertThat(own.runTimes().get("flaky").count()).isEqualTo(1);
    }

    @Test
    void retriesEndInAFailureThatSaysWhy() {
        startWorker(Map.of());
        TaskRecord failed = awaitState(submit("down"), TaskState.FAILURE);
        assertThat(down.runs).hasValue(4);
        assertThat(failed.error()).startsWith("MaxRetriesExceeded: upstream timed out").contains("3 retries");
        assertThat(TaskFailure.of(failed)).hasValue(TaskFailure.MAX_RETRIES_EXCEEDED);
    }

    @Test
    void aFinalErrorFailsAtOnceWithoutRetries() {
        startWorker(Map.of());
        TaskRecord failed = awaitState(submit("refused"), TaskState.FAILURE);
        assertThat(refused.runs).hasValue(1);
        assertThat(failed.error()).isEqualTo("CollectorError: the key was refused: check OSINT_X_API_KEY");
        assertThat(TaskFailure.of(failed)).hasValue(TaskFailure.COLLECTOR_ERROR);
    }

    @Test
    void anUpstreamsPermitsComeFromABucketApartFromItsCollectors() {
        startWorker(Map.of());
        awaitState(submit("throttled"), TaskState.SUCCESS);
        // a collector and an upstream may share a name (crtsh); their limits must not share a bucket
        assertThat(permits).containsExactly("throttled unlimited", "upstream:crtsh 30 per 60 s");
    }

    @Test
    void aTypeTheWorkerDoesNotHaveFailsAsNotRegistered() {
        startWorker(Map.of());
        TaskRecord failed = awaitState(submit("phone"), TaskState.FAILURE);
        assertThat(failed.error()).isEqualTo("NotRegistered: no collector 'phone' on worker w0");
        assertThat(TaskFailure.of(failed)).hasValue(TaskFailure.NOT_REGISTERED);
    }

    @Test
    void aCrashingCollectorIsAFailureNotALostTask() {
        startWorker(Map.of());
        TaskRecord failed = awaitState(submit("crashing"), TaskState.FAILURE);
        assertThat(failed.error()).isEqualTo("NullPointerException: bug in parser");
        assertThat(TaskFailure.of(failed)).hasValue(TaskFailure.CRASHED);
    }

    @Test
    void theSoftTimeLimitInterruptsAndKeepsAPartialResult() {
        startWorker(Map.of());
        TaskRecord done = awaitState(submit("partial"), TaskState.SUCCESS);
        assertThat(done.result().data()).containsEntry("names_done", 7);
        assertThat(done.result().metadata()).containsEntry("partial", true);
    }

    @Test
    void theSoftTimeLimitWithoutAPartialResultIsAFailure() {
        startWorker(Map.of());
        TaskRecord failed = awaitState(submit("blocking"), TaskState.FAILURE);
        assertThat(failed.error()).startsWith("SoftTimeLimitExceeded: the scan ran longer than");
        assertThat(TaskFailure.of(failed)).hasValue(TaskFailure.SOFT_TIME_LIMIT_EXCEEDED);
    }

    @Test
    void theHardTimeLimitFailsATaskThatIgnoresInterrupts() {
        startWorker(Map.of());
        TaskRecord failed = awaitState(submit("stubborn"), TaskState.FAILURE);
        assertThat(failed.error()).isEqualTo("TimeLimitExceeded: the scan ran longer than 2 s");
        assertThat(TaskFailure.of(failed)).hasValue(TaskFailure.TIME_LIMIT_EXCEEDED);
    }

    @Test
    void aRevokedRunningTaskIsInterruptedWithinASecond() {
        startWorker(Map.of("OSINT_TASK_SOFT_TIME_LIMIT", "60", "OSINT_TASK_TIME_LIMIT", "60"));
        TaskRecord task = submit("blocking");
        awaitState(task, TaskState.STARTED);
        broker.revoke(task.id());
        await().atMost(Duration.ofSeconds(1)).untilTrue(interrupted);
        assertThat(broker.get(task.id()).orElseThrow().state()).isEqualTo(TaskState.REVOKED);
    }

    @Test
    void aRevokedPendingTaskNeverRuns() {
        TaskRecord task = submit("ok");
        broker.revoke(task.id());
        startWorker(Map.of());
        TaskRecord after = submit("ok");
        awaitState(after, TaskState.SUCCESS);
        assertThat(ok.runs).hasValue(1);
        assertThat(broker.get(task.id()).orElseThrow().state()).isEqualTo(TaskState.REVOKED);
    }

    @Test
    void aWorkerWithMaxTasksDrainsAndStops() throws Exception {
        Worker worker = startWorker(Map.of("OSINT_WORKER_MAX_TASKS", "3", "OSINT_WORKER_CONCURRENCY", "1"));
        List<TaskRecord> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(submit("ok"));
        }
        assertThat(worker.awaitDrained(Duration.ofSeconds(10))).isTrue();
        assertThat(ok.runs).hasValue(3);
        assertThat(tasks).filteredOn(t -> broker.get(t.id()).orElseThrow().state() == TaskState.PENDING).hasSize(2);
    }

    @Test
    void aWarmShutdownHandsRunningTasksBackToTheQueue() {
        Worker worker = startWorker(Map.of("OSINT_TASK_SOFT_TIME_LIMIT", "60", "OSINT_TASK_TIME_LIMIT", "60"));
        TaskRecord task = submit("blocking");
        awaitState(task, TaskState.STARTED);
        worker.shutdown(Duration.ofMillis(200));
        assertThat(broker.get(task.id()).orElseThrow().state()).isEqualTo(TaskState.PENDING);
        release.countDown();
        startWorker(Map.of());
        awaitState(task, TaskState.SUCCESS);
    }

    @Test
    void aParentWaitsForItsChildrenWithoutStarvingThem() {
        startWorker(Map.of("OSINT_WORKER_CONCURRENCY", "1", "OSINT_TASK_SOFT_TIME_LIMIT", "60",
                "OSINT_TASK_TIME_LIMIT", "60"));
        TaskRecord done = awaitState(submit("fanout"), TaskState.SUCCESS);
        assertThat(done.result().data()).containsEntry("children", List.of("SUCCESS", "SUCCESS", "SUCCESS"))
                .containsEntry("heard", 3);
        assertThat(childIds).allSatisfy(id -> assertThat(broker.get(id).orElseThrow().parentId()).isEqualTo(done.id()));
    }

    @Test
    void revokingAParentRevokesItsChildren() {
        startWorker(Map.of("OSINT_TASK_SOFT_TIME_LIMIT", "60", "OSINT_TASK_TIME_LIMIT", "60"));
        TaskRecord parent = aTask().ofType("fanout").forTarget("block.example.test").build();
        broker.enqueue(parent);
        await().atMost(Duration.ofSeconds(5)).until(() -> childIds.size() == 3);
        broker.revoke(parent.id());
        await().atMost(Duration.ofSeconds(5)).until(() -> childIds.stream()
                .allMatch(id -> broker.get(id).orElseThrow().state() == TaskState.REVOKED));
    }

    @Test
    void aWorkerHeartbeatsWhileItRuns() {
        startWorker(Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> !broker.workers().isEmpty());
        assertThat(broker.workers().get(0).queues()).contains("default");
    }

    @Test
    void queuedTasksRunBackToBackOnOneThreadWhereTakesAreInProcess() {
        List<TaskRecord> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(submit("where"));
        }
        startWorker(Map.of("OSINT_WORKER_CONCURRENCY", "1"));
        tasks.forEach(t -> awaitState(t, TaskState.SUCCESS));
        // in process, the slot's thread takes the next task itself; over the network each gets a thread of its own
        assertThat(ranOn.stream().distinct().count()).isEqualTo(broker.takesInProcess() ? 1 : 4);
    }

    @Test
    void aCancelThatComesAfterItsTaskEndedDoesNotInterruptTheThreadsNextTask() throws Exception {
        broker.enqueue(aTask().ofType("where").build());
        dev.osint.queue.Lease lease = broker.take("w", List.of("default"), Duration.ofSeconds(5)).orElseThrow();
        Settings all = new Settings(Map.of());
        TaskRun run = new TaskRun(lease, Thread.currentThread(), broker,
                ScanEnvironment.from(all, new LocalRateLimiter()), whereItRuns.spec(),
                new ScanService(new CollectorRegistry(List.of(whereItRuns)), broker), new TaskRun.Slot() {
                    @Override public void release() {}
                    @Override public void acquire() {}
                });
        run.detach();
        run.cancel(); // a revoke, a time limit or a lost lease, late
        assertThat(run.isCancelled()).isTrue();
        assertThat(Thread.interrupted()).as("the thread, now running another task, was interrupted").isFalse();
    }

    @Test
    void tasksRunConcurrentlyUpToTheConfiguredLimit() throws Exception {
        startWorker(Map.of("OSINT_WORKER_CONCURRENCY", "4"));
        List<TaskRecord> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(submit("gated"));
        }
        // the first four wait at the gate together: fewer means they do not run side by side
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 4);
        Thread.sleep(300); // time for a fifth to start, were the limit broken
        assertThat(mostInFlight.get()).as("tasks running at once").isEqualTo(4);
        gate.countDown();
        tasks.forEach(t -> awaitState(t, TaskState.SUCCESS));
        assertThat(mostInFlight.get()).as("tasks running at once").isEqualTo(4);
    }
}
