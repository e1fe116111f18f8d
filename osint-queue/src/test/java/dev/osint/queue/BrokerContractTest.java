package dev.osint.queue;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.Priority;
import dev.osint.core.ScanResult;
import dev.osint.core.StateChange;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.BrokerEvent.TaskEvent;
import dev.osint.queue.BrokerEvent.WorkerEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every broker promises; each broker's test is a subclass that says how to make one. A new broker is done
 * when its subclass passes: life cycle, leases (renewed, expired, taken over, answered late), batch takes, revokes
 * in every state, retries, purges, expiry, priorities and named queues, listings, events, statistics and quotas.
 */
public abstract class BrokerContractTest {
    protected static final BrokerSettings SHORT = new BrokerSettings(Duration.ofMillis(600), Duration.ofSeconds(2),
            Duration.ofSeconds(1));
    private static final List<String> DEFAULT = List.of("default");
    private static final Duration NO_WAIT = Duration.ZERO;

    protected Broker broker;

    /** A new, empty broker with these settings. */
    protected abstract Broker newBroker(BrokerSettings settings);

    @BeforeEach
    void createBroker() {
        broker = newBroker(SHORT);
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private Lease take(String worker) throws InterruptedException {
        return broker.take(worker, DEFAULT, Duration.ofSeconds(2)).orElseThrow();
    }

    private static ScanResult resultFor(TaskRecord task) {
        return new ScanResult("r-" + task.id(), "PingTask", task.target().value(), true, Map.of("pong", true),
                List.of(), Instant.now(), Map.of());
    }

    @Test
    void anEnqueuedTaskIsPendingUntilTaken() {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        assertThat(broker.get(task.id())).get().extracting(TaskRecord::state).isEqualTo(TaskState.PENDING);
        assertThat(broker.get(task.id()).orElseThrow().target()).isEqualTo(task.target());
    }

    @Test
    void anUnknownTaskIsEmptyNotPending() {
        assertThat(broker.get("no-such-task")).isEmpty();
        assertThat(broker.revoke("no-such-task")).isEmpty();
    }

    @Test
    void anAsynchronousReadAnswersAsGetDoesWithItsResultAndHistory() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = take("w1");
        broker.finish(lease, TaskState.SUCCESS, resultFor(task), null);

        TaskRecord read = broker.getAsync(task.id()).toCompletableFuture().get(5, TimeUnit.SECONDS).orElseThrow();

        assertThat(read).isEqualTo(broker.get(task.id()).orElseThrow());
        assertThat(read.result().data()).containsEntry("pong", true);
        assertThat(read.history()).extracting(StateChange::state)
                .containsExactly(TaskState.PENDING, TaskState.STARTED, TaskState.SUCCESS);
        assertThat(broker.getAsync("no-such-task").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEmpty();
    }

    /** What a reader keying answers by the record object relies on: a changed task is never the record it was. */
    @Test
    void aBrokerThatSharesRecordsHandsOutANewOneWithEveryChangeAndTheSameOneBetween() throws Exception {
        Assumptions.assumeTrue(broker.sharesRecords(), "this broker builds a record per read");
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        List<TaskRecord> seen = new ArrayList<>();
        seen.add(sameOnEveryRead(task.id()));
        Lease lease = take("w1");
        seen.add(sameOnEveryRead(task.id()));
        broker.progress(lease, 40, "resolving MX");
        seen.add(sameOnEveryRead(task.id()));
        broker.finish(lease, TaskState.SUCCESS, resultFor(task), null);
        seen.add(sameOnEveryRead(task.id()));

        assertThat(seen).extracting(TaskRecord::state)
                .containsExactly(TaskState.PENDING, TaskState.STARTED, TaskState.PROCESSING, TaskState.SUCCESS);
        assertThat(seen).doesNotHaveDuplicates(); // a record changed in place would be in the list twice
    }

    /** What a reader keying a final task's answer by the record object relies on. */
    @Test
    void aBrokerThatSharesFinalRecordsHandsOutTheSameOneForAFinishedTask() throws Exception {
        Assumptions.assumeTrue(broker.sharesFinalRecords(), "this broker builds a final record per read");
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        broker.finish(take("w1"), TaskState.SUCCESS, resultFor(task), null);

        assertThat(sameOnEveryRead(task.id()).state()).isEqualTo(TaskState.SUCCESS);
    }

    private TaskRecord sameOnEveryRead(String taskId) throws Exception {
        TaskRecord read = broker.get(taskId).orElseThrow();
        assertThat(broker.get(taskId).orElseThrow()).isSameAs(read);
        assertThat(broker.getAsync(taskId).toCompletableFuture().get(5, TimeUnit.SECONDS).orElseThrow()).isSameAs(read);
        return read;
    }

    @Test
    void takingMakesTheTaskStartedUnderTheWorkersName() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = take("w1");
        assertThat(lease.taskId()).isEqualTo(task.id());
        TaskRecord stored = broker.get(task.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(TaskState.STARTED);
        assertThat(stored.worker()).isEqualTo("w1");
        assertThat(stored.startedAt()).isNotNull();
        assertThat(broker.active()).extracting(TaskRecord::id).containsExactly(task.id());
    }

    @Test
    void anEmptyQueueAnswersEmptyAfterTheWait() throws Exception {
        assertThat(broker.take("w1", DEFAULT, Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void aWaitingTakeWakesUpWhenATaskArrives() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<Lease>> waiting = pool.submit(() -> broker.take("w1", DEFAULT, Duration.ofSeconds(5)));
            Thread.sleep(100);
            TaskRecord task = aTask().build();
            broker.enqueue(task);
            assertThat(waiting.get()).get().extracting(Lease::taskId).isEqualTo(task.id());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noTwoWorkersEverHoldTheSameTask() throws Exception {
        int count = 300;
        for (int i = 0; i < count; i++) {
            broker.enqueue(aTask().build());
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> takers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            String worker = "w" + w;
            takers.add(pool.submit(() -> {
                Optional<Lease> lease;
                while ((lease = broker.take(worker, DEFAULT, Duration.ofMillis(50))).isPresent()) {
                    if (!seen.add(lease.get().taskId())) {
                        duplicates.add(lease.get().taskId());
                    }
                    broker.finish(lease.get(), TaskState.SUCCESS, resultFor(lease.get().task()), null);
                }
                return null;
            }));
        }
        for (Future<?> taker : takers) {
            taker.get();
        }
        pool.shutdown();
        assertThat(duplicates).isEmpty();
        assertThat(seen).hasSize(count);
    }

    @Test
    void higherPriorityFirstThenFirstInFirstOut() throws Exception {
        TaskRecord low = aTask().withPriority(Priority.LOW).build();
        TaskRecord normal1 = aTask().build();
        TaskRecord normal2 = aTask().build();
        TaskRecord high = aTask().withPriority(Priority.HIGH).build();
        for (TaskRecord task : List.of(low, normal1, normal2, high)) {
            broker.enqueue(task);
        }
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            order.add(take("w1").taskId());
        }
        assertThat(order).containsExactly(high.id(), normal1.id(), normal2.id(), low.id());
    }

    @Test
    void aWorkerTakesOnlyFromItsQueues() throws Exception {
        TaskRecord slow = aTask().onQueue("slow").build();
        broker.enqueue(slow);
        assertThat(broker.take("w1", DEFAULT, Duration.ofMillis(50))).isEmpty();
        assertThat(broker.take("w2", List.of("slow"), NO_WAIT)).get().extracting(Lease::taskId).isEqualTo(slow.id());
    }

    @Test
    void progressMakesTheTaskProcessing() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = take("w1");
        assertThat(broker.progress(lease, 40, "resolving MX")).isTrue();
        TaskRecord stored = broker.get(task.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(TaskState.PROCESSING);
        assertThat(stored.progress()).isEqualTo(40);
        assertThat(stored.stage()).isEqualTo("resolving MX");
    }

    @Test
    void theFinalStateIsWrittenOnce() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = take("w1");
        assertThat(broker.finish(lease, TaskState.SUCCESS, resultFor(task), null)).isTrue();
        assertThat(broker.finish(lease, TaskState.FAILURE, null, "late")).isFalse();
        assertThat(broker.progress(lease, 50, "late")).isFalse();
        assertThat(broker.renew(lease)).as("the lease ended with the run").isFalse();
        TaskRecord stored = broker.get(task.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(stored.progress()).isEqualTo(100);
        assertThat(stored.result().data()).containsEntry("pong", true);
        assertThat(stored.finishedAt()).isNotNull();
        assertThat(broker.active()).isEmpty();
    }

    @Test
    void aFailureKeepsItsError() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = take("w1");
        broker.finish(lease, TaskState.FAILURE, null, "CollectorError: key refused");
        assertThat(broker.get(task.id()).orElseThrow().error()).isEqualTo("CollectorError: key refused");
    }

    @Test
    void aRetriedTaskWaitsForItsDelayThenRunsAgain() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease first = take("w1");
        assertThat(broker.retry(first, Duration.ofSeconds(1), "upstream timed out")).isTrue();
        assertThat(broker.take("w1", DEFAULT, NO_WAIT)).as("not due yet").isEmpty();
        TaskRecord waiting = broker.get(task.id()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(TaskState.RETRY);
        assertThat(waiting.error()).isEqualTo("upstream timed out");
        assertThat(waiting.retries()).isEqualTo(1);
        assertThat(broker.scheduled()).extracting(TaskRecord::id).containsExactly(task.id());
        Lease second = take("w2");
        assertThat(second.taskId()).isEqualTo(task.id());
        assertThat(second.task().retries()).isEqualTo(1);
        assertThat(broker.finish(first, TaskState.SUCCESS, resultFor(task), null)).isFalse();
    }

    @Test
    void anExpiredLeaseGoesToTheNextWorkerAndTheOldHolderCannotFinish() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease dead = take("dead-worker");
        Lease alive = take("alive-worker");
        assertThat(alive.taskId()).isEqualTo(task.id());
        assertThat(broker.finish(dead, TaskState.SUCCESS, resultFor(task), null)).isFalse();
        assertThat(broker.renew(dead)).isFalse();
        assertThat(broker.finish(alive, TaskState.SUCCESS, resultFor(task), null)).isTrue();
        assertThat(broker.get(task.id()).orElseThrow().worker()).isEqualTo("alive-worker");
    }

    @Test
    void renewingKeepsTheLease() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = take("w1");
        for (int i = 0; i < 5; i++) {
            Thread.sleep(200);
            assertThat(broker.renew(lease)).isTrue();
        }
        assertThat(broker.take("w2", DEFAULT, NO_WAIT)).isEmpty();
        assertThat(broker.finish(lease, TaskState.SUCCESS, resultFor(task), null)).isTrue();
    }

    @Test
    void aRevokedPendingTaskNeverRuns() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        assertThat(broker.revoke(task.id())).contains(TaskState.REVOKED);
        assertThat(broker.take("w1", DEFAULT, Duration.ofMillis(50))).isEmpty();
        TaskRecord stored = broker.get(task.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(TaskState.REVOKED);
        assertThat(stored.error()).isEqualTo("task revoked");
    }

    @Test
    void aRevokedRunningTaskTellsItsWorkerAndCannotBeFinished() throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        broker.onRevoke(told::add);
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = take("w1");
        assertThat(broker.revoke(task.id())).contains(TaskState.REVOKED);
        await().atMost(Duration.ofSeconds(2)).until(() -> told.contains(task.id()));
        assertThat(broker.finish(lease, TaskState.SUCCESS, resultFor(task), null)).isFalse();
        assertThat(broker.get(task.id()).orElseThrow().state()).isEqualTo(TaskState.REVOKED);
    }

    @Test
    void aRevokedRetryingTaskNeverRunsAgain() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        broker.retry(take("w1"), Duration.ofMillis(100), "later");
        broker.revoke(task.id());
        assertThat(broker.take("w1", DEFAULT, Duration.ofMillis(300))).isEmpty();
        assertThat(broker.get(task.id()).orElseThrow().state()).isEqualTo(TaskState.REVOKED);
    }

    @Test
    void aFinishedTaskKeepsItsStateWhenRevoked() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        broker.finish(take("w1"), TaskState.SUCCESS, resultFor(task), null);
        assertThat(broker.revoke(task.id())).contains(TaskState.SUCCESS);
    }

    @Test
    void finishedResultsExpire() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        broker.finish(take("w1"), TaskState.SUCCESS, resultFor(task), null);
        assertThat(broker.get(task.id())).isPresent();
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.get(task.id()).isEmpty());
    }

    @Test
    void aReleasedTaskIsPendingAndFirstInLine() throws Exception {
        TaskRecord first = aTask().build();
        TaskRecord second = aTask().build();
        broker.enqueue(first);
        broker.enqueue(second);
        Lease lease = take("w1");
        assertThat(broker.release(lease)).isTrue();
        assertThat(broker.get(first.id()).orElseThrow().state()).isEqualTo(TaskState.PENDING);
        assertThat(take("w2").taskId()).isEqualTo(first.id());
    }

    @Test
    void purgeDropsWaitingTasksOfOneQueueOrAll() throws Exception {
        for (int i = 0; i < 3; i++) {
            broker.enqueue(aTask().build());
        }
        TaskRecord slow = aTask().onQueue("slow").build();
        broker.enqueue(slow);
        assertThat(broker.queueDepths()).containsEntry("default", 3L).containsEntry("slow", 1L);
        assertThat(broker.purge("default")).isEqualTo(3);
        assertThat(broker.queueDepths()).containsEntry("default", 0L).containsEntry("slow", 1L);
        assertThat(broker.purge(null)).isEqualTo(1);
        assertThat(broker.get(slow.id()).orElseThrow().state()).isEqualTo(TaskState.REVOKED);
        assertThat(broker.take("w1", List.of("default", "slow"), NO_WAIT)).isEmpty();
    }

    @Test
    void workersAreListedWhileTheirHeartbeatIsFresh() throws Exception {
        Instant now = Instant.now();
        broker.heartbeat(new WorkerInfo("w1", "host", 1, DEFAULT, 8, 2, 10, 1, now, now));
        assertThat(broker.workers()).extracting(WorkerInfo::name).containsExactly("w1");
        assertThat(broker.workers().get(0).processed()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.workers().isEmpty());
        broker.heartbeat(new WorkerInfo("w2", "host", 2, DEFAULT, 8, 0, 0, 0, now, Instant.now()));
        broker.unregister("w2");
        assertThat(broker.workers()).isEmpty();
    }

    // --- state history ---

    @Test
    void theHistoryHoldsEveryStateWithItsTimeAndProgressOnlyOnce() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease first = take("w1");
        broker.progress(first, 10, "a");
        broker.progress(first, 20, "b");
        broker.retry(first, Duration.ZERO, "upstream timed out");
        Lease second = take("w2");
        broker.progress(second, 50, "c");
        broker.finish(second, TaskState.SUCCESS, resultFor(task), null);

        List<StateChange> history = broker.get(task.id()).orElseThrow().history();

        assertThat(history).extracting(StateChange::state).containsExactly(TaskState.PENDING, TaskState.STARTED,
                TaskState.PROCESSING, TaskState.RETRY, TaskState.STARTED, TaskState.PROCESSING, TaskState.SUCCESS);
        assertThat(history.getFirst().at().truncatedTo(ChronoUnit.MILLIS))
                .isEqualTo(task.createdAt().truncatedTo(ChronoUnit.MILLIS));
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).at()).as("step %d", i).isAfterOrEqualTo(history.get(i - 1).at()
                    .truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @Test
    void aHandedBackTaskIsPendingAgainInItsHistoryAndARevokeEndsIt() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        broker.release(take("w1"));
        broker.revoke(task.id());

        assertThat(broker.get(task.id()).orElseThrow().history()).extracting(StateChange::state)
                .containsExactly(TaskState.PENDING, TaskState.STARTED, TaskState.PENDING, TaskState.REVOKED);
    }

    // --- listing ---

    @Test
    void tasksAreListedNewestFirstPageByPage() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            TaskRecord task = aTask().createdAt(start.plusMillis(i)).build();
            broker.enqueue(task);
            ids.addFirst(task.id());
        }

        List<String> listed = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        TaskPage page = broker.tasks(TaskQuery.newest(3));
        while (true) {
            sizes.add(page.tasks().size());
            page.tasks().forEach(t -> listed.add(t.id()));
            if (page.nextCursor() == null) {
                break;
            }
            page = broker.tasks(TaskQuery.newest(3).after(page.nextCursor()));
        }

        assertThat(listed).containsExactlyElementsOf(ids);
        assertThat(sizes).containsExactly(3, 3, 1);
    }

    @Test
    void tasksOfOneMillisecondArePagedWithoutLossOrRepeat() {
        Instant same = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TaskRecord task = aTask().createdAt(same).build();
            broker.enqueue(task);
            ids.add(task.id());
        }
        TaskRecord older = aTask().createdAt(same.minusSeconds(1)).build();
        broker.enqueue(older);

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            TaskPage page = broker.tasks(TaskQuery.newest(2).after(cursor));
            page.tasks().forEach(t -> listed.add(t.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(listed).hasSize(6).doesNotHaveDuplicates().containsAll(ids);
        assertThat(listed.getLast()).isEqualTo(older.id());
    }

    @Test
    void aListingFiltersByStateTypeTargetWorkerAndCreationTime() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        TaskRecord oldDns = aTask().ofType("dns").forTarget("old.example.com").createdAt(start).build();
        TaskRecord running = aTask().ofType("dns").forTarget("Shop.Example.com").createdAt(start.plusSeconds(10)).build();
        TaskRecord waiting = aTask().ofType("whois").forTarget("example.org").createdAt(start.plusSeconds(20)).build();
        for (TaskRecord task : List.of(oldDns, running, waiting)) {
            broker.enqueue(task);
        }
        broker.take("w7", DEFAULT, 1, Duration.ofSeconds(2)); // takes oldDns, queued first
        Lease held = take("w8");
        assertThat(held.taskId()).isEqualTo(running.id());

        assertThat(ids(new TaskQuery(Set.of(TaskState.STARTED), null, null, null, null, null, 50, null)))
                .containsExactly(running.id(), oldDns.id());
        assertThat(ids(new TaskQuery(Set.of(), "whois", null, null, null, null, 50, null))).containsExactly(waiting.id());
        assertThat(ids(new TaskQuery(Set.of(), null, "SHOP.example", null, null, null, 50, null)))
                .containsExactly(running.id());
        assertThat(ids(new TaskQuery(Set.of(), null, null, null, null, "w8", 50, null))).containsExactly(running.id());
        assertThat(ids(new TaskQuery(Set.of(), null, null, start.plusSeconds(10), start.plusSeconds(20), null, 50,
                null))).as("since inclusive, until exclusive").containsExactly(running.id());
        assertThat(ids(new TaskQuery(EnumSet.of(TaskState.PENDING, TaskState.STARTED), "dns", "example", start, null,
                null, 50, null))).containsExactly(running.id(), oldDns.id());
    }

    @Test
    void aListingCarriesNoResultAndForgetsExpiredTasks() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        broker.finish(take("w1"), TaskState.SUCCESS, resultFor(task), null);

        TaskRecord listed = broker.tasks(TaskQuery.newest(10)).tasks().getFirst();
        assertThat(listed.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(listed.result()).isNull();
        assertThat(listed.history()).hasSize(3);

        await().atMost(Duration.ofSeconds(5)).until(() -> broker.tasks(TaskQuery.newest(10)).tasks().isEmpty());
    }

    @Test
    void aFilterThatMatchesLittleStopsAtTheScanBudgetWithACursor() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        TaskRecord wanted = aTask().ofType("whois").createdAt(start).build();
        broker.enqueue(wanted);
        List<TaskRecord> others = new ArrayList<>();
        for (int i = 1; i <= TaskQuery.SCAN_BUDGET; i++) {
            others.add(aTask().createdAt(start.plusMillis(i)).build());
        }
        others.parallelStream().forEach(broker::enqueue);
        TaskQuery whois = new TaskQuery(Set.of(), "whois", null, null, null, null, 10, null);

        TaskPage first = broker.tasks(whois);
        assertThat(first.tasks()).isEmpty();
        assertThat(first.nextCursor()).isNotNull();
        TaskPage second = broker.tasks(whois.after(first.nextCursor()));

        assertThat(second.tasks()).extracting(TaskRecord::id).containsExactly(wanted.id());
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void aCursorNoListingGaveIsRefused() {
        assertThat(TaskQuery.isCursor("not a cursor")).isFalse();
        assertThatThrownBy(() -> TaskQuery.newest(10).after("bm90IGEgY3Vyc29y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("next_cursor");
    }

    private List<String> ids(TaskQuery query) {
        return broker.tasks(query).tasks().stream().map(TaskRecord::id).toList();
    }

    // --- events ---

    @Test
    void everyChangeOfATaskIsAnEventInOrder() throws Exception {
        String start = broker.lastEventId();
        TaskRecord task = aTask().forTarget("events.example").build();
        broker.enqueue(task);
        Lease first = take("w1");
        broker.progress(first, 40, "resolving");
        broker.retry(first, Duration.ZERO, "upstream answered 503");
        Lease second = take("w2");
        broker.finish(second, TaskState.SUCCESS, resultFor(task), null);

        List<TaskEvent> events = taskEvents(start);

        assertThat(events).extracting(BrokerEvent::type).containsExactly(EventType.TASK_SUBMITTED,
                EventType.TASK_STARTED, EventType.TASK_PROGRESS, EventType.TASK_RETRIED, EventType.TASK_STARTED,
                EventType.TASK_SUCCEEDED);
        assertThat(events).extracting(TaskEvent::taskId).containsOnly(task.id());
        assertThat(events).extracting(TaskEvent::collectorType).containsOnly("ping");
        assertThat(events).extracting(TaskEvent::target).containsOnly("events.example");
        assertThat(events.get(2).progress()).isEqualTo(40);
        assertThat(events.get(2).stage()).isEqualTo("resolving");
        assertThat(events.get(2).state()).isEqualTo(TaskState.PROCESSING);
        assertThat(events.get(3).error()).isEqualTo("upstream answered 503");
        assertThat(events.get(3).retries()).isEqualTo(1);
        assertThat(events.get(4).worker()).isEqualTo("w2");
        assertThat(events.get(5).state()).isEqualTo(TaskState.SUCCESS);
        for (int i = 1; i < events.size(); i++) {
            assertThat(EventIds.compare(events.get(i).id(), events.get(i - 1).id())).as("ids increase").isPositive();
        }
    }

    @Test
    void revokesPurgesAndHandBacksAreEventsToo() throws Exception {
        String start = broker.lastEventId();
        TaskRecord revoked = aTask().build();
        TaskRecord handedBack = aTask().build();
        TaskRecord purged = aTask().build();
        broker.enqueue(revoked);
        broker.enqueue(handedBack);
        broker.revoke(revoked.id());
        broker.release(take("w1"));
        broker.enqueue(purged);
        broker.purge(null);

        assertThat(taskEvents(start)).extracting(e -> e.type() + " " + e.taskId()).containsExactly(
                "TASK_SUBMITTED " + revoked.id(), "TASK_SUBMITTED " + handedBack.id(), "TASK_REVOKED " + revoked.id(),
                "TASK_STARTED " + handedBack.id(), "TASK_REQUEUED " + handedBack.id(),
                "TASK_SUBMITTED " + purged.id(), "TASK_REVOKED " + handedBack.id(), "TASK_REVOKED " + purged.id());
    }

    @Test
    void readingAfterAnIdResumesThere() throws Exception {
        String start = broker.lastEventId();
        for (int i = 0; i < 5; i++) {
            broker.enqueue(aTask().build());
        }
        List<BrokerEvent> all = broker.events(start, 100, NO_WAIT);
        assertThat(all).hasSize(5);

        assertThat(broker.events(all.get(1).id(), 100, NO_WAIT)).containsExactlyElementsOf(all.subList(2, 5));
        assertThat(broker.events(all.get(1).id(), 2, NO_WAIT)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(broker.events(all.get(4).id(), 100, NO_WAIT)).isEmpty();
        assertThat(broker.lastEventId()).isEqualTo(all.get(4).id());
    }

    /** A take of many tasks is one step for the broker (one stream entry in Redis): its events resume anywhere. */
    @Test
    void readingAfterAnyEventOfABatchResumesRightAfterIt() throws Exception {
        String start = broker.lastEventId();
        for (int i = 0; i < 30; i++) {
            broker.enqueue(aTask().build());
        }
        assertThat(broker.take("w1", DEFAULT, 30, Duration.ofSeconds(2))).hasSize(30);
        broker.enqueue(aTask().build());

        List<BrokerEvent> all = broker.events(start, 1_000, NO_WAIT);
        assertThat(all).extracting(BrokerEvent::type).containsExactlyElementsOf(Stream.of(
                Collections.nCopies(30, EventType.TASK_SUBMITTED), Collections.nCopies(30, EventType.TASK_STARTED),
                List.of(EventType.TASK_SUBMITTED)).flatMap(List::stream).toList());
        for (int i = 1; i < all.size(); i++) {
            assertThat(EventIds.isValid(all.get(i).id())).as(all.get(i).id()).isTrue();
            assertThat(EventIds.compare(all.get(i).id(), all.get(i - 1).id())).as("ids increase").isPositive();
        }
        for (int i = 0; i < all.size(); i++) {
            String after = all.get(i).id();
            assertThat(broker.events(after, 1_000, NO_WAIT)).as("after event %d", i)
                    .containsExactlyElementsOf(all.subList(i + 1, all.size()));
            assertThat(broker.events(after, 7, NO_WAIT)).as("7 after event %d", i)
                    .containsExactlyElementsOf(all.subList(i + 1, Math.min(all.size(), i + 8)));
        }
        assertThat(broker.lastEventId()).isEqualTo(all.getLast().id());
    }

    /** More events in one step than Redis puts in one stream entry (1024): they still read in order, in pieces. */
    @Test
    void aPurgeOfManyTasksReadsBackInOrderPieceByPiece() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            TaskRecord task = aTask().build();
            broker.enqueue(task);
            ids.add(task.id());
        }
        String beforePurge = broker.lastEventId();
        assertThat(broker.purge(null)).isEqualTo(1_100);

        List<TaskEvent> read = new ArrayList<>();
        String after = beforePurge;
        List<BrokerEvent> got;
        while (!(got = broker.events(after, 300, NO_WAIT)).isEmpty()) {
            assertThat(got.size()).isLessThanOrEqualTo(300);
            got.forEach(e -> read.add((TaskEvent) e));
            assertThat(read.size()).as("no event read twice").isLessThanOrEqualTo(ids.size());
            after = got.getLast().id();
        }

        assertThat(read).extracting(TaskEvent::type).containsOnly(EventType.TASK_REVOKED);
        assertThat(read).extracting(TaskEvent::taskId).containsExactlyElementsOf(ids);
        for (int i = 1; i < read.size(); i++) {
            assertThat(EventIds.compare(read.get(i).id(), read.get(i - 1).id())).as("ids increase").isPositive();
        }
        assertThat(broker.lastEventId()).isEqualTo(read.getLast().id());
    }

    @Test
    void aWaitingReadWakesUpWhenAnEventArrives() throws Exception {
        String start = broker.lastEventId();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<BrokerEvent>> waiting = pool.submit(() -> broker.events(start, 10, Duration.ofSeconds(5)));
            Thread.sleep(100);
            long before = System.nanoTime();
            TaskRecord task = aTask().build();
            broker.enqueue(task);

            assertThat(waiting.get()).singleElement().isInstanceOfSatisfying(TaskEvent.class,
                    e -> assertThat(e.taskId()).isEqualTo(task.id()));
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void workersComeOnlineReportInAndGoOfflineWhenStoppedOrSilent() throws Exception {
        String start = broker.lastEventId();
        Instant now = Instant.now();
        broker.heartbeat(new WorkerInfo("w1", "host", 1, DEFAULT, 8, 0, 0, 0, now, now));
        broker.heartbeat(new WorkerInfo("w1", "host", 1, DEFAULT, 8, 1, 5, 0, now, Instant.now()));
        broker.unregister("w1");
        broker.heartbeat(new WorkerInfo("silent", "host", 2, DEFAULT, 8, 0, 0, 0, now, Instant.now()));

        List<WorkerEvent> events = new ArrayList<>();
        String after = start;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events.size() < 5 && System.nanoTime() < deadline) {
            for (BrokerEvent event : broker.events(after, 100, Duration.ofMillis(500))) {
                events.add((WorkerEvent) event);
                after = event.id();
            }
        }

        assertThat(events).extracting(e -> e.type() + " " + e.worker()).containsExactly("WORKER_ONLINE w1",
                "WORKER_HEARTBEAT w1", "WORKER_OFFLINE w1", "WORKER_ONLINE silent", "WORKER_OFFLINE silent");
        assertThat(events.get(1).info().processed()).isEqualTo(5);
        assertThat(events.get(4).info().pid()).as("the last report of a silent worker").isEqualTo(2);
        assertThat(broker.workers()).isEmpty();
    }

    @Test
    void onlyTheLastEventsAreKept() throws Exception {
        Instant now = Instant.now();
        String start = broker.lastEventId();
        String first = null;
        for (int i = 0; i < Broker.EVENTS_KEPT + 500; i++) {
            broker.heartbeat(new WorkerInfo("w1", "host", 1, DEFAULT, 8, 0, i, 0, now, Instant.now()));
            if (first == null) {
                first = broker.lastEventId();
            }
        }

        List<BrokerEvent> kept = new ArrayList<>();
        String after = start;
        List<BrokerEvent> read;
        while (!(read = broker.events(after, 1_000, NO_WAIT)).isEmpty()) {
            kept.addAll(read);
            after = read.getLast().id();
        }

        assertThat(kept.getFirst().id()).as("the oldest were dropped").isNotEqualTo(first);
        // Redis trims whole nodes of the stream ("MAXLEN ~"), so it may keep a little more
        assertThat(kept.size()).isBetween(Broker.EVENTS_KEPT, Broker.EVENTS_KEPT + 300);
        assertThat(((WorkerEvent) kept.getLast()).info().processed()).isEqualTo(Broker.EVENTS_KEPT + 499);
    }

    private List<TaskEvent> taskEvents(String after) throws InterruptedException {
        return broker.events(after, 1_000, NO_WAIT).stream().filter(TaskEvent.class::isInstance)
                .map(TaskEvent.class::cast).toList();
    }

    // --- statistics ---

    @Test
    void statisticsCountFinalStatesRetriesAndRunTimesPerType() throws Exception {
        TaskRecord fast = aTask().ofType("alpha").build();
        TaskRecord failing = aTask().ofType("alpha").build();
        TaskRecord retried = aTask().ofType("beta").build();
        TaskRecord revoked = aTask().ofType("beta").build();
        for (TaskRecord task : List.of(fast, failing, retried)) {
            broker.enqueue(task);
        }
        broker.finish(take("w1"), TaskState.SUCCESS, resultFor(fast), null);
        Lease slow = take("w1");
        Thread.sleep(120);
        broker.finish(slow, TaskState.FAILURE, null, "CollectorError: no");
        broker.retry(take("w1"), Duration.ZERO, "later");
        broker.finish(take("w1"), TaskState.SUCCESS, resultFor(retried), null);
        broker.enqueue(revoked);
        broker.revoke(revoked.id());

        TaskStatistics.Snapshot stats = broker.statistics();

        assertThat(stats.finished().get("alpha")).containsOnly(Map.entry(TaskState.SUCCESS, 1L),
                Map.entry(TaskState.FAILURE, 1L));
        assertThat(stats.finished().get("beta")).containsOnly(Map.entry(TaskState.SUCCESS, 1L),
                Map.entry(TaskState.REVOKED, 1L));
        assertThat(stats.retries()).containsOnly(Map.entry("beta", 1L));
        TaskStatistics.RunTimes alpha = stats.runTimes().get("alpha");
        assertThat(alpha.count()).isEqualTo(2);
        assertThat(alpha.sumMillis()).isGreaterThanOrEqualTo(100);
        assertThat(alpha.buckets().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        assertThat(alpha.buckets().subList(2, alpha.buckets().size()).stream().mapToLong(Long::longValue).sum())
                .as("the slow run, over 100 ms").isGreaterThanOrEqualTo(1);
        assertThat(stats.runTimes().get("beta").count()).as("a revoked task has no run time").isEqualTo(1);
    }

    @Test
    void finishesArrivingTogetherEachCountOnceAndEachEndItsLease() throws Exception {
        int tasks = 60;
        for (int i = 0; i < tasks; i++) {
            broker.enqueue(aTask().ofType("batch").build());
        }
        List<Lease> leases = broker.take("w1", DEFAULT, tasks, Duration.ofSeconds(2));
        assertThat(leases).hasSize(tasks);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (Lease lease : leases) {
                answers.add(callers.submit(() -> broker.finish(lease, TaskState.SUCCESS, resultFor(lease.task()),
                        null)));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
        }
        assertThat(broker.active()).isEmpty();
        TaskStatistics.Snapshot stats = broker.statistics();
        assertThat(stats.finished().get("batch")).containsOnly(Map.entry(TaskState.SUCCESS, (long) tasks));
        assertThat(stats.runTimes().get("batch").count()).isEqualTo(tasks);
        for (Lease lease : leases) {
            TaskRecord stored = broker.get(lease.taskId()).orElseThrow();
            assertThat(stored.state()).isEqualTo(TaskState.SUCCESS);
            assertThat(stored.history()).extracting(StateChange::state)
                    .containsExactly(TaskState.PENDING, TaskState.STARTED, TaskState.SUCCESS);
        }
    }

    @Test
    void aParentHearsWhenEachOfItsChildrenEndsWhileItListens() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        TaskRecord finished = aTask().childOf("parent-1").build();
        TaskRecord revoked = aTask().childOf("parent-1").build();
        TaskRecord stranger = aTask().childOf("parent-2").build();
        try (Broker.Watch watch = broker.onChildEnded("parent-1", () -> heard.add("first"))) {
            broker.enqueue(finished);
            broker.finish(take("w1"), TaskState.SUCCESS, resultFor(finished), null);
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
            broker.enqueue(stranger);
            broker.finish(take("w1"), TaskState.SUCCESS, resultFor(stranger), null);
            broker.enqueue(revoked);
            broker.revoke(revoked.id());
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() >= 2);
            assertThat(heard).as("the other parent's child ended in between, unheard").hasSize(2);
        }
        try (Broker.Watch later = broker.onChildEnded("parent-1", () -> heard.add("second"))) {
            TaskRecord last = aTask().childOf("parent-1").build();
            broker.enqueue(last);
            broker.revoke(last.id());
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("second"));
        }
        assertThat(heard).as("a closed watch hears nothing").containsExactly("first", "first", "second");
    }

    @Test
    void theBrokerAnswersPing() {
        assertThat(broker.ping()).isTrue();
    }

    // Owners and quotas: who submitted a task, and how many of theirs may be unfinished at once.

    private static final SubmissionQuotas TWO_UNFINISHED = new SubmissionQuotas(0, 2, 0);

    private TaskRecord admittedAndQueued(String owner, SubmissionQuotas quotas) {
        TaskRecord task = aTask().ownedBy(owner).build();
        assertThat(broker.admit(owner, task.id(), quotas).admitted()).as("admit " + owner).isTrue();
        broker.enqueue(task);
        return task;
    }

    @Test
    void theOwnerIsStoredAndTravelsWithTheTask() throws Exception {
        TaskRecord task = aTask().ownedBy("alice").build();
        broker.enqueue(task);
        assertThat(broker.get(task.id()).orElseThrow().owner()).isEqualTo("alice");
        Lease lease = take("w1");
        assertThat(lease.task().owner()).isEqualTo("alice");
        broker.finish(lease, TaskState.SUCCESS, resultFor(task), null);
        assertThat(broker.get(task.id()).orElseThrow().owner()).isEqualTo("alice");
        TaskRecord anonymous = aTask().ownedBy("anonymous@2001:db8::1").build();
        broker.enqueue(anonymous);
        assertThat(broker.get(anonymous.id()).orElseThrow().owner()).isEqualTo("anonymous@2001:db8::1");
    }

    @Test
    void anOwnerPastItsUnfinishedQuotaIsRefusedAndOthersAreNot() {
        admittedAndQueued("alice", TWO_UNFINISHED);
        admittedAndQueued("alice", TWO_UNFINISHED);
        Admission refused = broker.admit("alice", "next", TWO_UNFINISHED);
        assertThat(refused.refusedBy()).isEqualTo(SubmissionQuotas.Quota.MAX_QUEUED);
        assertThat(refused.retryAfter()).isPositive();
        assertThat(broker.admit("bob", "bobs", TWO_UNFINISHED).admitted()).isTrue();
    }

    @Test
    void everyPathToAFinalStateFreesAPlace() throws Exception {
        TaskRecord first = admittedAndQueued("alice", TWO_UNFINISHED);
        admittedAndQueued("alice", TWO_UNFINISHED);
        assertThat(broker.admit("alice", "x", TWO_UNFINISHED).admitted()).isFalse();

        Lease lease = take("w1"); // first in line
        assertThat(lease.taskId()).isEqualTo(first.id());
        broker.retry(lease, Duration.ofMinutes(5), "upstream said 503");
        assertThat(broker.admit("alice", "x", TWO_UNFINISHED).admitted()).as("retrying is unfinished").isFalse();
        broker.revoke(first.id());
        TaskRecord third = admittedAndQueued("alice", TWO_UNFINISHED); // revoked while waiting for a retry

        broker.purge("default");
        TaskRecord fourth = admittedAndQueued("alice", TWO_UNFINISHED); // both purged
        admittedAndQueued("alice", TWO_UNFINISHED);
        assertThat(broker.get(third.id()).orElseThrow().state()).isEqualTo(TaskState.REVOKED);

        Lease running = take("w1");
        assertThat(running.taskId()).isEqualTo(fourth.id());
        assertThat(broker.admit("alice", "x", TWO_UNFINISHED).admitted()).as("running is unfinished").isFalse();
        broker.finish(running, TaskState.FAILURE, null, "CollectorError: upstream down");
        TaskRecord sixth = admittedAndQueued("alice", TWO_UNFINISHED); // failed

        Lease last = take("w1");
        broker.finish(last, TaskState.SUCCESS, resultFor(sixth), null);
        Lease sixthLease = take("w1");
        broker.revoke(sixthLease.taskId()); // revoked while running
        admittedAndQueued("alice", TWO_UNFINISHED);
        admittedAndQueued("alice", TWO_UNFINISHED);
        assertThat(broker.admit("alice", "x", TWO_UNFINISHED).admitted()).isFalse();
    }

    @Test
    void anOwnersSubmissionsAMinuteAreATokenBucket() {
        SubmissionQuotas threeAMinute = new SubmissionQuotas(3, 0, 0);
        for (int i = 0; i < 3; i++) {
            assertThat(broker.admit("alice", "t" + i, threeAMinute).admitted()).isTrue();
        }
        Admission refused = broker.admit("alice", "t3", threeAMinute);
        assertThat(refused.refusedBy()).isEqualTo(SubmissionQuotas.Quota.SUBMITS_PER_MINUTE);
        // one token comes back every 20 s
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(broker.admit("bob", "b0", threeAMinute).admitted()).isTrue();
    }

    @Test
    void aRefusalSpendsNoToken() {
        SubmissionQuotas quotas = new SubmissionQuotas(2, 1, 0);
        TaskRecord first = admittedAndQueued("alice", quotas);
        assertThat(broker.admit("alice", "x", quotas).refusedBy()).isEqualTo(SubmissionQuotas.Quota.MAX_QUEUED);
        assertThat(broker.admit("alice", "y", quotas).refusedBy()).isEqualTo(SubmissionQuotas.Quota.MAX_QUEUED);
        broker.revoke(first.id());
        TaskRecord second = admittedAndQueued("alice", quotas); // the second token: the refusals spent none
        broker.revoke(second.id());
        assertThat(broker.admit("alice", "z", quotas).refusedBy())
                .isEqualTo(SubmissionQuotas.Quota.SUBMITS_PER_MINUTE);
    }

    @Test
    void theQueueIsFullPastItsLengthForEveryOwner() throws Exception {
        SubmissionQuotas twoInAll = new SubmissionQuotas(0, 0, 2);
        admittedAndQueued("alice", twoInAll);
        TaskRecord bobs = admittedAndQueued("bob", twoInAll);
        Admission refused = broker.admit("carol", "c", twoInAll);
        assertThat(refused.refusedBy()).isEqualTo(SubmissionQuotas.Quota.QUEUE_LENGTH);
        assertThat(refused.retryAfter()).isPositive();
        take("w1"); // running still counts
        assertThat(broker.admit("carol", "c", twoInAll).admitted()).isFalse();
        broker.revoke(bobs.id());
        assertThat(broker.admit("carol", "c", twoInAll).admitted()).isTrue();
    }

    @Test
    void submittersAdmittedAtOnceNeverGoPastTheQueueLength() throws Exception {
        // admitted but not yet enqueued: each admission must hold its place, or all 40 would see an empty queue
        SubmissionQuotas fiveInAll = new SubmissionQuotas(0, 0, 5);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String owner = "owner-" + i;
                answers.add(pool.submit(() -> broker.admit(owner, "task-" + owner, fiveInAll).admitted()));
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

    @Test
    void anAdmittedTaskOnceQueuedHoldsOnePlaceNotTwo() {
        SubmissionQuotas threeInAll = new SubmissionQuotas(0, 0, 3);
        admittedAndQueued("alice", threeInAll);
        admittedAndQueued("bob", threeInAll);
        assertThat(broker.admit("carol", "c", threeInAll).admitted()).isTrue();
        assertThat(broker.admit("dave", "d", threeInAll).refusedBy()).isEqualTo(SubmissionQuotas.Quota.QUEUE_LENGTH);
    }

    @Test
    void ownersAdmittedAtOnceNeverGoPastTheirQuota() throws Exception {
        SubmissionQuotas five = new SubmissionQuotas(0, 5, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "task-" + i;
                answers.add(pool.submit(() -> broker.admit("alice", id, five).admitted()));
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

    // admitAndEnqueue: both steps at once, as the API submits; the Redis broker folds the submissions that wait
    // together into one script call, so these run many at once to put several in one call.

    /** Each owner submits {@code perOwner} tasks, all owners at once; answers every task with its admission. */
    private Map<TaskRecord, Admission> submitAtOnce(int owners, int perOwner, SubmissionQuotas quotas)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            Map<TaskRecord, Future<Admission>> answers = new java.util.LinkedHashMap<>();
            for (int i = 0; i < owners * perOwner; i++) {
                TaskRecord task = aTask().ownedBy("owner-" + i % owners).build();
                answers.put(task, pool.submit(() -> broker.admitAndEnqueue(task, quotas)));
            }
            Map<TaskRecord, Admission> admissions = new java.util.LinkedHashMap<>();
            for (Map.Entry<TaskRecord, Future<Admission>> answer : answers.entrySet()) {
                admissions.put(answer.getKey(), answer.getValue().get());
            }
            return admissions;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The admitted tasks are queued, the refused ones are not stored at all. */
    private void assertOnlyAdmittedAreQueued(Map<TaskRecord, Admission> admissions) {
        admissions.forEach((task, admission) -> assertThat(broker.get(task.id()).isPresent())
                .as("task %s stored (admitted: %s)", task.id(), admission.admitted())
                .isEqualTo(admission.admitted()));
        long admitted = admissions.values().stream().filter(Admission::admitted).count();
        assertThat(broker.queueDepths().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(admitted);
    }

    @Test
    void submissionsAtOnceOfManyOwnersStopAtEachOwnersQuotaAndAtTheQueueLength() throws Exception {
        // 12 owners may hold 3 each (36), but the queue holds 20 in all
        Map<TaskRecord, Admission> admissions = submitAtOnce(12, 8, new SubmissionQuotas(0, 3, 20));
        assertThat(admissions.values().stream().filter(Admission::admitted).count()).isEqualTo(20);
        Map<String, Long> perOwner = new java.util.HashMap<>();
        admissions.forEach((task, admission) -> {
            if (admission.admitted()) {
                perOwner.merge(task.owner(), 1L, Long::sum);
            } else {
                assertThat(admission.refusedBy()).isIn(SubmissionQuotas.Quota.MAX_QUEUED,
                        SubmissionQuotas.Quota.QUEUE_LENGTH);
                assertThat(admission.retryAfter()).isPositive();
            }
        });
        assertThat(perOwner.values()).allMatch(count -> count <= 3);
        assertOnlyAdmittedAreQueued(admissions);
        assertThat(broker.admitAndEnqueue(aTask().ownedBy("late").build(), new SubmissionQuotas(0, 3, 20))
                .refusedBy()).isEqualTo(SubmissionQuotas.Quota.QUEUE_LENGTH);
    }

    @Test
    void submissionsAtOnceStopAtEachOwnersQuotaWhenTheQueueHasRoom() throws Exception {
        Map<TaskRecord, Admission> admissions = submitAtOnce(10, 6, new SubmissionQuotas(0, 4, 1000));
        Map<String, Long> perOwner = new java.util.HashMap<>();
        admissions.forEach((task, admission) -> {
            if (admission.admitted()) {
                perOwner.merge(task.owner(), 1L, Long::sum);
            } else {
                assertThat(admission.refusedBy()).isEqualTo(SubmissionQuotas.Quota.MAX_QUEUED);
            }
        });
        assertThat(perOwner).hasSize(10).allSatisfy((owner, count) -> assertThat(count).isEqualTo(4));
        assertOnlyAdmittedAreQueued(admissions);
    }

    @Test
    void submissionsAtOnceSpendTheirOwnersTokensAndNoMore() throws Exception {
        Map<TaskRecord, Admission> admissions = submitAtOnce(6, 7, new SubmissionQuotas(5, 0, 0));
        Map<String, Long> perOwner = new java.util.HashMap<>();
        admissions.forEach((task, admission) -> {
            if (admission.admitted()) {
                perOwner.merge(task.owner(), 1L, Long::sum);
            } else {
                assertThat(admission.refusedBy()).isEqualTo(SubmissionQuotas.Quota.SUBMITS_PER_MINUTE);
                assertThat(admission.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(12));
            }
        });
        assertThat(perOwner).hasSize(6).allSatisfy((owner, count) -> assertThat(count).isEqualTo(5));
        assertOnlyAdmittedAreQueued(admissions);
    }

    @Test
    void aSubmittedTaskHoldsOnePlaceAndCountsAsTheOwnersUntilItEnds() throws Exception {
        SubmissionQuotas quotas = new SubmissionQuotas(0, 1, 2);
        TaskRecord alices = aTask().ownedBy("alice").build();
        assertThat(broker.admitAndEnqueue(alices, quotas).admitted()).isTrue();
        assertThat(broker.get(alices.id()).orElseThrow().state()).isEqualTo(TaskState.PENDING);
        assertThat(broker.admitAndEnqueue(aTask().ownedBy("alice").build(), quotas).refusedBy())
                .isEqualTo(SubmissionQuotas.Quota.MAX_QUEUED);
        assertThat(broker.admit("bob", "b", quotas).admitted()).as("one place held, not two").isTrue();
        assertThat(broker.admitAndEnqueue(aTask().ownedBy("carol").build(), quotas).refusedBy())
                .isEqualTo(SubmissionQuotas.Quota.QUEUE_LENGTH);
        Lease lease = take("w1");
        broker.finish(lease, TaskState.SUCCESS, resultFor(alices), null);
        assertThat(broker.admitAndEnqueue(aTask().ownedBy("alice").build(), quotas).admitted()).isTrue();
    }

    // Leases past their expiry, batches, revokes in every state, retries, purges and queues: the edge cases a new
    // broker must get right.

    /**
     * Makes the broker anew with leases that outlast any test, for tests where a slow machine must not see a lease
     * expire between two steps.
     */
    private void withLongLeases() {
        broker.close();
        broker = newBroker(new BrokerSettings(Duration.ofMinutes(5), SHORT.resultExpiry(), SHORT.workerTimeout()));
    }

    /** Sleeps until a lease taken now has expired (SHORT's lease is 600 ms). */
    private static void outliveTheLease() throws InterruptedException {
        Thread.sleep(SHORT.lease().toMillis() + 300);
    }

    @Test
    void aLateFinishOfAnExpiredLeaseNobodyTookOverIsAccepted() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease slow = take("slow-worker");
        outliveTheLease();
        assertThat(broker.finish(slow, TaskState.SUCCESS, resultFor(task), null))
                .as("nobody took the task over: the only holder's result counts").isTrue();
        assertThat(broker.get(task.id()).orElseThrow().state()).isEqualTo(TaskState.SUCCESS);
        assertThat(broker.take("w2", DEFAULT, Duration.ofMillis(100))).as("never runs twice").isEmpty();
    }

    @Test
    void aLateRenewOfAnExpiredLeaseNobodyTookOverKeepsIt() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease slow = take("slow-worker");
        outliveTheLease();
        assertThat(broker.renew(slow)).isTrue();
        assertThat(broker.progress(slow, 10, "late but alive")).isTrue();
        assertThat(broker.take("w2", DEFAULT, NO_WAIT)).as("renewed: not reclaimed").isEmpty();
        assertThat(broker.finish(slow, TaskState.SUCCESS, resultFor(task), null)).isTrue();
    }

    @Test
    void onceTakenOverTheOldLeaseCanDoNothing() throws Exception {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease dead = take("dead-worker");
        outliveTheLease();
        Lease alive = take("alive-worker");
        assertThat(alive.token()).isNotEqualTo(dead.token());
        assertThat(broker.progress(dead, 50, "late")).isFalse();
        assertThat(broker.retry(dead, Duration.ZERO, "late")).isFalse();
        assertThat(broker.release(dead)).isFalse();
        assertThat(broker.renew(dead)).isFalse();
        TaskRecord stored = broker.get(task.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(TaskState.STARTED);
        assertThat(stored.worker()).isEqualTo("alive-worker");
        assertThat(stored.history()).extracting(StateChange::state)
                .containsExactly(TaskState.PENDING, TaskState.STARTED, TaskState.PENDING, TaskState.STARTED);
    }

    @Test
    void aBatchTakeHandsOutTasksInTheOrderSingleTakesWouldEachUnderItsOwnLease() throws Exception {
        withLongLeases();
        TaskRecord low = aTask().withPriority(Priority.LOW).build();
        TaskRecord normal = aTask().build();
        TaskRecord high = aTask().withPriority(Priority.HIGH).build();
        TaskRecord other = aTask().onQueue("other").build();
        for (TaskRecord task : List.of(low, normal, other, high)) {
            broker.enqueue(task);
        }
        List<Lease> first = broker.take("w1", List.of("default", "other"), 2, NO_WAIT);
        assertThat(first).extracting(Lease::taskId).containsExactly(high.id(), normal.id());
        List<Lease> rest = broker.take("w1", List.of("default", "other"), 10, NO_WAIT);
        assertThat(rest).extracting(Lease::taskId).containsExactly(low.id(), other.id());
        List<Lease> all = new ArrayList<>(first);
        all.addAll(rest);
        assertThat(all).extracting(Lease::token).doesNotHaveDuplicates();
        for (Lease lease : all) {
            assertThat(lease.task().state()).isEqualTo(TaskState.STARTED);
            assertThat(broker.get(lease.taskId()).orElseThrow().worker()).isEqualTo("w1");
        }
        assertThat(broker.take("w1", List.of("default", "other"), 10, NO_WAIT)).isEmpty();
        assertThat(broker.finish(rest.get(1), TaskState.SUCCESS, resultFor(other), null)).isTrue();
    }

    @Test
    void aWaitingBatchTakeWakesUpForTheFirstTask() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<Lease>> waiting = pool.submit(() -> broker.take("w1", DEFAULT, 5, Duration.ofSeconds(5)));
            Thread.sleep(100);
            TaskRecord task = aTask().build();
            broker.enqueue(task);
            assertThat(waiting.get()).extracting(Lease::taskId).containsExactly(task.id());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leasesAreRenewedTogetherEachAnsweredInOrder() throws Exception {
        broker.enqueue(aTask().build());
        broker.enqueue(aTask().build());
        List<Lease> held = broker.take("w1", DEFAULT, 2, NO_WAIT);
        broker.revoke(held.get(1).taskId());
        assertThat(broker.renew(held)).containsExactly(true, false);
        assertThat(broker.renew(List.of())).isEmpty();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(300);
            assertThat(broker.renew(List.of(held.get(0)))).containsExactly(true);
        }
        assertThat(broker.take("w2", DEFAULT, NO_WAIT)).as("kept by the batch renewals").isEmpty();
    }

    @Test
    void aRevokedProcessingTaskStopsAndItsLeaseCanDoNothing() throws Exception {
        withLongLeases();
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = take("w1");
        broker.progress(lease, 30, "halfway");
        assertThat(broker.revoke(task.id())).contains(TaskState.REVOKED);
        assertThat(broker.progress(lease, 60, "late")).isFalse();
        assertThat(broker.retry(lease, Duration.ZERO, "late")).isFalse();
        assertThat(broker.renew(lease)).isFalse();
        assertThat(broker.active()).isEmpty();
        assertThat(broker.get(task.id()).orElseThrow().history()).extracting(StateChange::state)
                .containsExactly(TaskState.PENDING, TaskState.STARTED, TaskState.PROCESSING, TaskState.REVOKED);
    }

    @Test
    void aFinalTaskKeepsEveryFinalStateWhenRevoked() throws Exception {
        withLongLeases();
        TaskRecord failed = aTask().build();
        broker.enqueue(failed);
        broker.finish(take("w1"), TaskState.FAILURE, null, "CollectorError: refused");
        assertThat(broker.revoke(failed.id())).contains(TaskState.FAILURE);
        assertThat(broker.get(failed.id()).orElseThrow().error()).isEqualTo("CollectorError: refused");

        TaskRecord revoked = aTask().build();
        broker.enqueue(revoked);
        broker.revoke(revoked.id());
        assertThat(broker.revoke(revoked.id())).contains(TaskState.REVOKED);
        assertThat(broker.get(revoked.id()).orElseThrow().history()).extracting(StateChange::state)
                .containsExactly(TaskState.PENDING, TaskState.REVOKED);
    }

    @Test
    void finishTakesOnlyAFinalState() throws Exception {
        withLongLeases();
        broker.enqueue(aTask().build());
        Lease lease = take("w1");
        for (TaskState notFinal : List.of(TaskState.PENDING, TaskState.STARTED, TaskState.PROCESSING,
                TaskState.RETRY)) {
            assertThatThrownBy(() -> broker.finish(lease, notFinal, null, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(broker.get(lease.taskId()).orElseThrow().state()).isEqualTo(TaskState.STARTED);
    }

    @Test
    void everyRetryCountsAndTheTaskRunsAgainEachTime() throws Exception {
        withLongLeases();
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        for (int attempt = 0; attempt < 3; attempt++) {
            Lease lease = take("w" + attempt);
            assertThat(lease.task().retries()).isEqualTo(attempt);
            assertThat(broker.retry(lease, Duration.ZERO, "try " + attempt)).isTrue();
        }
        Lease last = take("w3");
        assertThat(last.task().retries()).isEqualTo(3);
        broker.finish(last, TaskState.FAILURE, null, "gave up");
        TaskRecord stored = broker.get(task.id()).orElseThrow();
        assertThat(stored.retries()).isEqualTo(3);
        assertThat(stored.history().stream().filter(c -> c.state() == TaskState.RETRY).count()).isEqualTo(3);
        assertThat(broker.statistics().retries()).containsEntry("ping", 3L);
    }

    @Test
    void revokedAndPurgedTasksExpireLikeFinishedOnes() throws Exception {
        TaskRecord revoked = aTask().build();
        TaskRecord purged = aTask().build();
        broker.enqueue(revoked);
        broker.enqueue(purged);
        broker.revoke(revoked.id());
        broker.purge(null);
        assertThat(broker.get(purged.id()).orElseThrow().state()).isEqualTo(TaskState.REVOKED);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> broker.get(revoked.id()).isEmpty() && broker.get(purged.id()).isEmpty());
    }

    @Test
    void purgeDropsScheduledRetriesButLeavesRunningTasksAlone() throws Exception {
        withLongLeases();
        TaskRecord running = aTask().build();
        TaskRecord retrying = aTask().build();
        TaskRecord elsewhere = aTask().onQueue("slow").build();
        broker.enqueue(running);
        broker.enqueue(retrying);
        broker.enqueue(elsewhere);
        Lease held = take("w1");
        broker.retry(take("w1"), Duration.ofMinutes(5), "later");
        assertThat(broker.purge("default")).isEqualTo(1);
        assertThat(broker.get(retrying.id()).orElseThrow().state()).isEqualTo(TaskState.REVOKED);
        assertThat(broker.scheduled()).isEmpty();
        assertThat(broker.get(elsewhere.id()).orElseThrow().state()).isEqualTo(TaskState.PENDING);
        assertThat(broker.finish(held, TaskState.SUCCESS, resultFor(running), null)).isTrue();
        assertThat(broker.purge("default")).isZero();
    }

    @Test
    void queuesAreServedInTheOrderTheWorkerNamesThem() throws Exception {
        withLongLeases();
        TaskRecord urgent = aTask().onQueue("urgent").withPriority(Priority.LOW).build();
        TaskRecord normal = aTask().withPriority(Priority.HIGH).build();
        broker.enqueue(normal);
        broker.enqueue(urgent);
        assertThat(broker.take("w1", List.of("urgent", "default"), NO_WAIT)).get().extracting(Lease::taskId)
                .isEqualTo(urgent.id());
        assertThat(broker.take("w1", List.of("urgent", "default"), NO_WAIT)).get().extracting(Lease::taskId)
                .isEqualTo(normal.id());
        assertThat(broker.queueDepths()).containsEntry("urgent", 0L).containsEntry("default", 0L);
    }

    @Test
    void aRetryGoesToTheTailOfItsLineAndAReleaseToTheHead() throws Exception {
        withLongLeases();
        TaskRecord first = aTask().build();
        TaskRecord second = aTask().build();
        broker.enqueue(first);
        broker.enqueue(second);
        broker.retry(take("w1"), Duration.ZERO, "again");
        assertThat(take("w1").taskId()).as("a retry waits behind the line").isEqualTo(second.id());
        Lease retried = take("w1");
        assertThat(retried.taskId()).isEqualTo(first.id());
        TaskRecord third = aTask().build();
        broker.enqueue(third);
        broker.release(retried);
        assertThat(take("w2").taskId()).as("a hand-back goes first").isEqualTo(first.id());
    }
}
