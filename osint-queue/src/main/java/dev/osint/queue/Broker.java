package dev.osint.queue;

import dev.osint.core.ScanResult;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where tasks wait and where their state lives. Every method is atomic: two workers never hold the same task,
 * and a task's final state is written once. {@code BrokerContractTest} states the behaviour every broker keeps.
 *
 * <p>Every state change follows {@link TaskState#canMoveTo}; a change the table forbids throws
 * {@link IllegalStateException} and changes nothing. A lease past its expiry still counts until a take hands the
 * task to another worker: until then its holder may renew, report progress and finish (its token is still the only
 * one), so a worker slowed by a pause keeps its work unless somebody actually took the task over; after that take
 * the old lease is refused everywhere.
 */
public interface Broker extends AutoCloseable {
    /** About this many events are kept for clients that resume a stream; older ones are dropped. */
    int EVENTS_KEPT = 10_000;

    /** {@code memory} or {@code redis}. */
    String kind();

    /**
     * Stores a new PENDING task and queues it; enqueueing an id that exists already changes nothing. A task with an
     * owner counts among that owner's unfinished tasks until it reaches a final state, by whatever path.
     */
    void enqueue(TaskRecord task);

    /**
     * Asks whether {@code owner} may queue one more task under {@code quotas}, in this order: the queue's length,
     * the owner's unfinished tasks, the owner's submissions a minute (only an admitted submission spends one).
     * When admitted, {@code taskId} holds its place among the owner's unfinished tasks until it is enqueued (and
     * for a while after, should it never be). Atomic across every process that shares the broker.
     */
    Admission admit(String owner, String taskId, SubmissionQuotas quotas);

    /**
     * {@link #admit} the task for its owner under {@code quotas} and, when admitted, {@link #enqueue} it; a refused
     * task is not stored. A broker may do both in one step (the Redis broker does: one round trip, not two).
     */
    default Admission admitAndEnqueue(TaskRecord task, SubmissionQuotas quotas) {
        Admission admission = admit(task.owner(), task.id(), quotas);
        if (admission.admitted()) {
            enqueue(task);
        }
        return admission;
    }

    /** The task, or empty when unknown or expired. */
    Optional<TaskRecord> get(String taskId);

    /**
     * {@link #get} without holding the caller's thread while the answer travels: a broker over the network completes
     * the stage on its own I/O thread, so what is chained to it must not block there. A failure {@link #get} would
     * throw (a {@link BrokerUnavailableException} above all) completes the stage exceptionally instead. A broker in
     * this process answers at once: the stage is complete when returned.
     */
    default CompletionStage<Optional<TaskRecord>> getAsync(String taskId) {
        try {
            return CompletableFuture.completedFuture(get(taskId));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * True when {@link #get} hands out the very same record object for a task until the task changes, and a changed
     * task is a new record: a reader may then key what it derives from a record (a serialised answer) by the object
     * itself. A broker that builds a record per read (over the network) says false.
     */
    default boolean sharesRecords() {
        return false;
    }

    /**
     * {@link #sharesRecords} for tasks in a final state only: a reader may key what it derives from a final task's
     * record by the object. The Redis broker keeps final tasks' records until Redis reports a change.
     */
    default boolean sharesFinalRecords() {
        return sharesRecords();
    }

    /**
     * Takes the next due task from the first of {@code queues} that has one, highest priority first, waiting up
     * to {@code wait}; the task becomes STARTED under a lease held by {@code workerName}.
     */
    Optional<Lease> take(String workerName, List<String> queues, Duration wait) throws InterruptedException;

    /**
     * Takes up to {@code most} tasks at once, in the order single takes would hand them out, waiting up to
     * {@code wait} for the first; a broker over the network does it in one round trip.
     */
    default List<Lease> take(String workerName, List<String> queues, int most, Duration wait)
            throws InterruptedException {
        List<Lease> leases = new ArrayList<>();
        Optional<Lease> next = take(workerName, queues, wait);
        while (next.isPresent()) {
            leases.add(next.get());
            next = leases.size() < most ? take(workerName, queues, Duration.ZERO) : Optional.empty();
        }
        return leases;
    }

    /**
     * True when a take is a call inside this process, not a round trip: a worker's task thread then takes its next
     * task itself as it ends one, where handing its slot back to the fetch loop would cost two thread wake-ups.
     */
    default boolean takesInProcess() {
        return false;
    }

    /** Extends the lease; false when it was lost (expired and taken over, revoked, or finished). */
    boolean renew(Lease lease);

    /**
     * Extends several leases at once and answers, in the same order, whether each is still held; a broker over
     * the network does it in one round trip.
     */
    default List<Boolean> renew(List<Lease> held) {
        List<Boolean> kept = new ArrayList<>(held.size());
        for (Lease lease : held) {
            kept.add(renew(lease));
        }
        return kept;
    }

    /** Records progress (state PROCESSING); false when the lease was lost. */
    boolean progress(Lease lease, int percent, String stage);

    /** Writes the final state (SUCCESS, FAILURE) and releases the task; false when the lease was lost. */
    boolean finish(Lease lease, TaskState state, ScanResult result, String error);

    /**
     * {@link #finish(Lease, TaskState, ScanResult, String)} with the result already written as JSON by
     * {@code dev.osint.core.Json} ({@code resultJson}, or null when it was not): a worker that wrote the result to
     * measure its size hands that text on instead of having it written again. A broker that keeps objects ignores it.
     */
    default boolean finish(Lease lease, TaskState state, ScanResult result, String resultJson, String error) {
        return finish(lease, state, result, error);
    }

    /**
     * {@link #finish(Lease, TaskState, ScanResult, String, String)} without holding the caller's thread while the
     * answer travels: true when written, false when the lease was lost; a failure {@code finish} would throw
     * completes the stage exceptionally instead. A broker over the network completes the stage on its own I/O
     * thread, so what is chained to it must not block there; a broker in this process answers at once.
     */
    default CompletionStage<Boolean> finishAsync(Lease lease, TaskState state, ScanResult result, String resultJson,
                                                 String error) {
        try {
            return CompletableFuture.completedFuture(finish(lease, state, result, resultJson, error));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Puts the task in RETRY; it is queued again after {@code delay}. False when the lease was lost. */
    boolean retry(Lease lease, Duration delay, String reason);

    /** Hands the task back at once (PENDING, first in line), as on a warm shutdown. */
    boolean release(Lease lease);

    /**
     * Revokes a task: a waiting one never runs, a running one's worker is told (see {@link #onRevoke}).
     * Returns the state afterwards, or empty for an unknown task; a finished task keeps its state.
     */
    Optional<TaskState> revoke(String taskId);

    /** Calls {@code listener} with the id of every task revoked from now on, from any process. */
    void onRevoke(Consumer<String> listener);

    /** Records a worker's heartbeat. */
    void heartbeat(WorkerInfo worker);

    /** Removes a worker that stopped cleanly. */
    void unregister(String workerName);

    /** Workers whose heartbeat is recent. */
    List<WorkerInfo> workers();

    /** Tasks waiting per queue (due now); queues known to the broker appear even when empty. */
    Map<String, Long> queueDepths();

    /** Tasks held by workers now. */
    List<TaskRecord> active();

    /** Tasks waiting for a retry or a later time. */
    List<TaskRecord> scheduled();

    /** Drops waiting tasks (of one queue, or all when {@code queue} is null); they become REVOKED. */
    long purge(String queue);

    /**
     * A page of the tasks the broker still knows (waiting, running, or finished and not yet expired), newest first,
     * filtered by {@code query}. The records carry no result.
     *
     * @throws IllegalArgumentException the query's cursor is not one a listing gave
     */
    TaskPage tasks(TaskQuery query);

    /**
     * The id of the newest event kept, or {@link EventIds#START} when there is none: reading after it gives only
     * events to come.
     */
    String lastEventId();

    /**
     * Up to {@code most} events after {@code afterId}, oldest first, waiting up to {@code wait} when there is none
     * yet. Events come from every process (workers' heartbeats and every task's changes); an id older than the oldest
     * kept event reads from the oldest kept one. Meant for one reader per process, which hands events on.
     *
     * @param afterId an id from an earlier event, {@link #lastEventId()} or {@link EventIds#START}
     */
    List<BrokerEvent> events(String afterId, int most, Duration wait) throws InterruptedException;

    /**
     * Finished tasks by collector type and state, retries, run times: for Redis, of every process since the key
     * prefix was first used; in memory, of this process.
     */
    TaskStatistics.Snapshot statistics();

    /** Files uploaded with tasks, kept where every worker of this broker can read them. */
    BlobStore blobs();

    /**
     * Tasks that reached a final state, for the history writer; empty when this broker keeps none (history off,
     * or a broker made without a backlog).
     */
    default Optional<FinishedTasks> finishedTasks() {
        return Optional.empty();
    }

    /**
     * A rate limiter that fits this broker: one every process sharing a networked broker draws from, or one of this
     * process alone.
     */
    default RateLimiter rateLimiter() {
        return new LocalRateLimiter();
    }

    /**
     * Runs {@code signal} whenever a child of {@code parentId} (a task submitted with that parent) may just have
     * reached its final state, until the answer is closed: a parent waiting for its children looks at once instead
     * of polling. A signal can be lost (a Redis connection that dropped), so a waiter still looks now and then.
     */
    default Watch onChildEnded(String parentId, Runnable signal) {
        return () -> {};
    }

    /** What {@link #onChildEnded} answers: closing it stops the signals. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** True when the broker answers. */
    boolean ping();

    @Override
    void close();
}
