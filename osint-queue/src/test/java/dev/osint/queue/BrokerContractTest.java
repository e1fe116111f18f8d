package dev.osint.queue;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.Priority;
import dev.osint.core.ScanResult;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every broker promises; each broker's test is a subclass that says how to make one. */
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
}
