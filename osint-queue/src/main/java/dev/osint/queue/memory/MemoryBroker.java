package dev.osint.queue.memory;

import dev.osint.core.Priority;
import dev.osint.core.ScanResult;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.Admission;
import dev.osint.queue.BlobStore;
import dev.osint.queue.Broker;
import dev.osint.queue.ChildEndSignals;
import dev.osint.queue.BrokerEvent;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.EventType;
import dev.osint.queue.FinishedTasks;
import dev.osint.queue.Lease;
import dev.osint.queue.SubmissionQuotas;
import dev.osint.queue.TaskCursor;
import dev.osint.queue.TaskPage;
import dev.osint.queue.TaskQuery;
import dev.osint.queue.TaskStatistics;
import dev.osint.queue.WorkerInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The zero-setup broker: everything in this process, guarded by one lock. Keeps the same promises as the
 * Redis broker (leases, retries through a delayed set, expiry, revoke, the task index, events kept in a bounded
 * ring), so the worker and the API cannot tell them apart.
 */
public final class MemoryBroker implements Broker {
    private final BrokerSettings settings;
    private final int finishedKept;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Changed under the lock only; read without it by {@link #get}, the status poll's read. */
    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    private final Map<String, Map<Priority, Deque<String>>> queues = new TreeMap<>();
    private final PriorityQueue<Due> scheduled = new PriorityQueue<>();
    private final Map<String, Held> leases = new HashMap<>();
    private final Deque<Due> expiries = new ArrayDeque<>();
    private final Map<String, WorkerInfo> workers = new TreeMap<>();
    private final List<Consumer<String>> revokeListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong tokens = new AtomicLong();
    /** Newest first, as listings want them; an entry leaves when its task expires. */
    private final NavigableSet<IndexEntry> index = new TreeSet<>(IndexEntry.NEWEST_FIRST);
    private final EventRing events;
    private final Condition eventAdded = lock.newCondition();
    private final TaskStatistics statistics = new TaskStatistics();
    /** Tasks not yet final, of everybody: the queue's length as {@link SubmissionQuotas} counts it. */
    private long unfinished;
    /** Admitted ids not yet enqueued, oldest first: each holds a place in the queue's length until it is queued. */
    private final Map<String, Instant> admittedNotQueued = new LinkedHashMap<>();
    /** Per owner, its unfinished tasks (and admitted ids about to be enqueued), with when each joined. */
    private final Map<String, Map<String, Instant>> unfinishedByOwner = new HashMap<>();
    private final Map<String, SubmitBucket> submitBuckets = new HashMap<>();
    private final MemoryBlobStore blobs;
    private final MemoryFinishedTasks finished;
    private final ChildEndSignals childEnds = new ChildEndSignals();

    private record Due(Instant at, String taskId) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            return at.compareTo(other.at);
        }
    }

    private record Held(String token, Instant expiresAt) {}

    /** An admitted id that has not become a task after this long was abandoned by its submitter. */
    private static final Duration RESERVATION = Duration.ofMinutes(1);
    /** Past this many submitters' buckets, full ones are dropped. */
    private static final int MAX_IDLE_BUCKETS = 10_000;

    /** A submitter's token bucket: starts full, refills continuously at {@code permits} a minute. */
    private static final class SubmitBucket {
        private static final double MINUTE_MILLIS = 60_000.0;
        private double tokens = -1;
        private long at;

        /** Takes a token and answers 0, or answers how many ms until one is free, taking nothing. */
        long take(int permits, long nowMillis) {
            tokens = tokensAt(permits, nowMillis);
            at = nowMillis;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * MINUTE_MILLIS / permits);
        }

        private double tokensAt(int permits, long nowMillis) {
            return tokens < 0 ? permits : Math.min(permits, tokens + Math.max(0, nowMillis - at) * permits / MINUTE_MILLIS);
        }

        /** True after a minute of rest: by then it has refilled, and answers as a new bucket would. */
        boolean isFull(long nowMillis) {
            return nowMillis - at >= MINUTE_MILLIS;
        }
    }

    private record IndexEntry(long createdAtMillis, String taskId) {
        static final Comparator<IndexEntry> NEWEST_FIRST = Comparator.comparingLong(IndexEntry::createdAtMillis)
                .thenComparing(IndexEntry::taskId).reversed();

        static IndexEntry of(TaskRecord task) {
            return new IndexEntry(task.createdAt().toEpochMilli(), task.id());
        }
    }

    public MemoryBroker(BrokerSettings settings, Clock clock) {
        this(settings, clock, 0);
    }

    public MemoryBroker(BrokerSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /**
     * @param finishedBacklog how many finished tasks to keep for the history writer ({@link #finishedTasks}); 0
     *                        keeps none
     */
    public MemoryBroker(BrokerSettings settings, Clock clock, int finishedBacklog) {
        this(settings, clock, finishedBacklog, Integer.MAX_VALUE);
    }

    /**
     * @param finishedKept how many finished tasks to keep at most before their expiry, oldest forgotten first: the
     *                     heap is bounded and a flood of short scans would otherwise fill it with results that
     *                     the history holds anyway
     */
    public MemoryBroker(BrokerSettings settings, Clock clock, int finishedBacklog, int finishedKept) {
        this(settings, clock, finishedBacklog, Long.MAX_VALUE, finishedKept);
    }

    /**
     * @param finishedBacklogBytes how many bytes of heap (estimated) the finished tasks waiting for the history writer
     *                             may hold at most, besides their count: past either, a task is not kept (counted)
     */
    public MemoryBroker(BrokerSettings settings, Clock clock, int finishedBacklog, long finishedBacklogBytes,
                        int finishedKept) {
        if (finishedKept < 1) {
            throw new IllegalArgumentException("finishedKept must be at least 1, not " + finishedKept);
        }
        this.finishedKept = finishedKept;
        this.settings = settings;
        this.clock = clock;
        this.events = new EventRing(EVENTS_KEPT);
        this.blobs = new MemoryBlobStore(settings.resultExpiry());
        this.finished = finishedBacklog > 0 ? new MemoryFinishedTasks(finishedBacklog, finishedBacklogBytes) : null;
    }

    @Override
    public Optional<FinishedTasks> finishedTasks() {
        return Optional.ofNullable(finished);
    }

    /**
     * A task reached its final state: the history writer gets it, and a parent waiting for it hears. Called under the
     * lock, once per task.
     */
    private void finalised(String taskId) {
        TaskRecord task = tasks.get(taskId);
        while (expiries.size() > finishedKept) {
            forget(expiries.pollFirst().taskId());
        }
        if (finished != null) {
            finished.add(task);
        }
        if (task.parentId() != null) {
            childEnds.ended(task.parentId());
        }
    }

    @Override
    public Watch onChildEnded(String parentId, Runnable signal) {
        return childEnds.add(parentId, signal);
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public boolean sharesRecords() {
        return true; // a task's record is replaced, never mutated, and get() returns the stored one
    }

    @Override
    public boolean takesInProcess() {
        return true;
    }

    @Override
    public void enqueue(TaskRecord task) {
        lock.lock();
        try {
            if (tasks.containsKey(task.id())) {
                return;
            }
            admittedNotQueued.remove(task.id());
            tasks.put(task.id(), task);
            index.add(IndexEntry.of(task));
            unfinished++;
            if (task.owner() != null) {
                unfinishedByOwner.computeIfAbsent(task.owner(), o -> new LinkedHashMap<>())
                        .putIfAbsent(task.id(), clock.instant());
            }
            queue(task.queue()).get(task.priority()).addLast(task.id());
            emit(EventType.TASK_SUBMITTED, task, clock.instant());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Admission admit(String owner, String taskId, SubmissionQuotas quotas) {
        lock.lock();
        try {
            Instant now = clock.instant();
            Instant abandonedBefore = now.minus(RESERVATION);
            admittedNotQueued.values().removeIf(admittedAt -> admittedAt.isBefore(abandonedBefore));
            if (quotas.maxQueueLength() > 0 && unfinished + admittedNotQueued.size() >= quotas.maxQueueLength()) {
                return Admission.refused(SubmissionQuotas.Quota.QUEUE_LENGTH, SubmissionQuotas.QUEUE_FULL_RETRY_AFTER);
            }
            Map<String, Instant> mine = unfinishedByOwner.computeIfAbsent(owner, o -> new LinkedHashMap<>());
            if (quotas.maxQueued() > 0 && mine.size() >= quotas.maxQueued()) {
                // an id admitted long ago that never became a task (its submitter failed in between) holds no place
                mine.entrySet().removeIf(e -> !tasks.containsKey(e.getKey()) && e.getValue().isBefore(abandonedBefore));
                if (mine.size() >= quotas.maxQueued()) {
                    return Admission.refused(SubmissionQuotas.Quota.MAX_QUEUED,
                            SubmissionQuotas.MAX_QUEUED_RETRY_AFTER);
                }
            }
            if (quotas.submitsPerMinute() > 0) {
                long waitMillis = submitBucket(owner, now).take(quotas.submitsPerMinute(), now.toEpochMilli());
                if (waitMillis > 0) {
                    return Admission.refused(SubmissionQuotas.Quota.SUBMITS_PER_MINUTE, Duration.ofMillis(waitMillis));
                }
            }
            mine.putIfAbsent(taskId, now);
            if (quotas.maxQueueLength() > 0) {
                admittedNotQueued.putIfAbsent(taskId, now);
            }
            return Admission.ADMITTED;
        } finally {
            unfinishedByOwner.computeIfPresent(owner, (o, mine) -> mine.isEmpty() ? null : mine);
            lock.unlock();
        }
    }

    private SubmitBucket submitBucket(String owner, Instant now) {
        if (submitBuckets.size() >= MAX_IDLE_BUCKETS) {
            // a full bucket is the same as none: dropping those keeps one bucket per recent submitter only
            submitBuckets.values().removeIf(bucket -> bucket.isFull(now.toEpochMilli()));
        }
        return submitBuckets.computeIfAbsent(owner, o -> new SubmitBucket());
    }

    @Override
    public Optional<TaskRecord> get(String taskId) {
        // without the lock: every poll of every watcher comes here, and waiting on the worker's writes cost more
        // than the read. A task past its expiry is not shown; the next call under the lock drops it.
        TaskRecord task = tasks.get(taskId);
        if (task == null || expired(task, clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(task);
    }

    /** Final and kept as long as results are: every final state is reached at its finishedAt. */
    private boolean expired(TaskRecord task, Instant now) {
        return task.state().isFinal() && task.finishedAt() != null
                && !task.finishedAt().plus(settings.resultExpiry()).isAfter(now);
    }

    @Override
    public Optional<Lease> take(String workerName, List<String> queueNames, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                Instant now = clock.instant();
                promoteDue(now);
                reclaimExpiredLeases(now);
                dropExpired(now);
                for (String name : queueNames) {
                    for (Deque<String> ready : queue(name).values()) {
                        String taskId;
                        while ((taskId = ready.pollFirst()) != null) {
                            TaskRecord waiting = tasks.get(taskId);
                            // a task that may not start was left in line by nobody: skip it, as take.lua does
                            if (waiting != null && waiting.state().canMoveTo(TaskState.STARTED)) {
                                return Optional.of(hold(workerName, taskId, now));
                            }
                        }
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                changed.awaitNanos(Math.min(left, nanosUntilNextEvent(now)));
            }
        } finally {
            lock.unlock();
        }
    }

    private Lease hold(String workerName, String taskId, Instant now) {
        String token = workerName + ":" + tokens.incrementAndGet();
        TaskRecord before = tasks.get(taskId);
        before.state().checkMoveTo(TaskState.STARTED);
        TaskRecord task = before.started(workerName, now);
        tasks.put(taskId, task);
        leases.put(taskId, new Held(token, now.plus(settings.lease())));
        emit(EventType.TASK_STARTED, task, now);
        return new Lease(taskId, token, task);
    }

    @Override
    public boolean renew(Lease lease) {
        return whileHeld(lease, null, now -> leases.put(lease.taskId(), new Held(lease.token(), now.plus(settings.lease()))));
    }

    @Override
    public boolean progress(Lease lease, int percent, String stage) {
        return whileHeld(lease, TaskState.PROCESSING, now -> change(lease.taskId(), EventType.TASK_PROGRESS, now,
                t -> t.withProgress(percent, stage, now)));
    }

    @Override
    public boolean finish(Lease lease, TaskState state, ScanResult result, String error) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("finish takes a final state, not " + state);
        }
        return whileHeld(lease, state, now -> {
            leases.remove(lease.taskId());
            TaskRecord done = change(lease.taskId(), EventType.entering(state, false), now,
                    t -> t.finished(state, result, error, now));
            statistics.finished(done.type(), state, Duration.between(done.startedAt(), now));
            expiries.addLast(new Due(now.plus(settings.resultExpiry()), lease.taskId()));
            finalised(lease.taskId());
        });
    }

    @Override
    public boolean retry(Lease lease, Duration delay, String reason) {
        return whileHeld(lease, TaskState.RETRY, now -> {
            leases.remove(lease.taskId());
            TaskRecord waiting = change(lease.taskId(), EventType.TASK_RETRIED, now, t -> t.retrying(reason, now));
            statistics.retried(waiting.type());
            scheduled.add(new Due(now.plus(delay), lease.taskId()));
        });
    }

    @Override
    public boolean release(Lease lease) {
        return whileHeld(lease, TaskState.PENDING, now -> {
            leases.remove(lease.taskId());
            requeueFirst(lease.taskId(), now);
        });
    }

    /**
     * Replaces a task's record with {@code next} applied to it and tells event readers; call with the lock held.
     * A move the state table ({@link TaskState#canMoveTo}) forbids throws and changes nothing.
     * Every path to a final state comes through here, so this is where a task stops counting in the queue's length
     * and among its owner's unfinished tasks.
     */
    private TaskRecord change(String taskId, EventType event, Instant now, UnaryOperator<TaskRecord> next) {
        TaskRecord before = tasks.get(taskId);
        TaskRecord changed = next.apply(before);
        before.state().checkMoveTo(changed.state());
        tasks.put(taskId, changed);
        if (!before.state().isFinal() && changed.state().isFinal()) {
            ended(before);
        }
        emit(event, changed, now);
        return changed;
    }

    private void ended(TaskRecord task) {
        unfinished--;
        if (task.owner() != null) {
            unfinishedByOwner.computeIfPresent(task.owner(), (o, mine) -> {
                mine.remove(task.id());
                return mine.isEmpty() ? null : mine;
            });
        }
    }

    /**
     * Runs {@code change} only while {@code lease} is the task's current lease; the lock makes it atomic. A lease
     * past its expiry still counts until a take reclaims it, as in the Redis broker (see {@link Broker#renew}).
     * {@code to} is the state the change moves the task to (null for none); a move the table forbids throws.
     */
    private boolean whileHeld(Lease lease, TaskState to, Consumer<Instant> change) {
        lock.lock();
        try {
            Instant now = clock.instant();
            Held held = leases.get(lease.taskId());
            if (held == null || !held.token().equals(lease.token())) {
                return false;
            }
            if (to != null) {
                tasks.get(lease.taskId()).state().checkMoveTo(to); // before anything changes
            }
            change.accept(now);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<TaskState> revoke(String taskId) {
        boolean wasRunning;
        lock.lock();
        try {
            TaskRecord task = tasks.get(taskId);
            if (task == null) {
                return Optional.empty();
            }
            if (task.state().isFinal()) {
                return Optional.of(task.state());
            }
            wasRunning = leases.remove(taskId) != null;
            removeFromQueues(taskId);
            Instant now = clock.instant();
            change(taskId, EventType.TASK_REVOKED, now, t -> t.finished(TaskState.REVOKED, null, "task revoked", now));
            statistics.finished(task.type(), TaskState.REVOKED, null);
            expiries.addLast(new Due(now.plus(settings.resultExpiry()), taskId));
            finalised(taskId);
        } finally {
            lock.unlock();
        }
        if (wasRunning) {
            revokeListeners.forEach(listener -> listener.accept(taskId));
        }
        return Optional.of(TaskState.REVOKED);
    }

    @Override
    public void onRevoke(Consumer<String> listener) {
        revokeListeners.add(listener);
    }

    @Override
    public void heartbeat(WorkerInfo worker) {
        lock.lock();
        try {
            Instant now = clock.instant();
            dropSilentWorkers(now);
            boolean fresh = workers.put(worker.name(), worker) == null;
            emitWorker(fresh ? EventType.WORKER_ONLINE : EventType.WORKER_HEARTBEAT, worker.name(), worker, now);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unregister(String workerName) {
        lock.lock();
        try {
            WorkerInfo last = workers.remove(workerName);
            if (last != null) {
                emitWorker(EventType.WORKER_OFFLINE, workerName, last, clock.instant());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<WorkerInfo> workers() {
        lock.lock();
        try {
            dropSilentWorkers(clock.instant());
            return List.copyOf(workers.values());
        } finally {
            lock.unlock();
        }
    }

    /** Workers whose heartbeat is older than the timeout are gone: announced offline once, then forgotten. */
    private void dropSilentWorkers(Instant now) {
        Instant oldest = now.minus(settings.workerTimeout());
        for (Iterator<WorkerInfo> it = workers.values().iterator(); it.hasNext(); ) {
            WorkerInfo worker = it.next();
            if (!worker.heartbeatAt().isAfter(oldest)) {
                it.remove();
                emitWorker(EventType.WORKER_OFFLINE, worker.name(), worker, now);
            }
        }
    }

    @Override
    public Map<String, Long> queueDepths() {
        lock.lock();
        try {
            promoteDue(clock.instant());
            Map<String, Long> depths = new TreeMap<>();
            queues.forEach((name, byPriority) ->
                    depths.put(name, byPriority.values().stream().mapToLong(Deque::size).sum()));
            return depths;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TaskRecord> active() {
        lock.lock();
        try {
            return leases.keySet().stream().map(tasks::get).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TaskRecord> scheduled() {
        lock.lock();
        try {
            return scheduled.stream().sorted().map(d -> tasks.get(d.taskId())).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long purge(String queueName) {
        lock.lock();
        try {
            Instant now = clock.instant();
            List<String> dropped = new ArrayList<>();
            queues.forEach((name, byPriority) -> {
                if (queueName == null || queueName.equals(name)) {
                    byPriority.values().forEach(ready -> {
                        dropped.addAll(ready);
                        ready.clear();
                    });
                }
            });
            for (Iterator<Due> it = scheduled.iterator(); it.hasNext(); ) {
                Due due = it.next();
                if (queueName == null || queueName.equals(tasks.get(due.taskId()).queue())) {
                    dropped.add(due.taskId());
                    it.remove();
                }
            }
            for (String id : dropped) {
                TaskRecord revoked = change(id, EventType.TASK_REVOKED, now,
                        t -> t.finished(TaskState.REVOKED, null, "task purged", now));
                statistics.finished(revoked.type(), TaskState.REVOKED, null);
                expiries.addLast(new Due(now.plus(settings.resultExpiry()), id));
                finalised(id);
            }
            return dropped.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TaskPage tasks(TaskQuery query) {
        lock.lock();
        try {
            dropExpired(clock.instant());
            // the page starts after the cursor, or after the until bound, whichever comes later
            IndexEntry from = query.until() == null ? null : new IndexEntry(query.until().toEpochMilli(), "");
            if (query.cursor() != null) {
                TaskCursor cursor = TaskCursor.decode(query.cursor());
                IndexEntry after = new IndexEntry(cursor.createdAtMillis(), cursor.taskId());
                from = from == null || IndexEntry.NEWEST_FIRST.compare(after, from) > 0 ? after : from;
            }
            NavigableSet<IndexEntry> range = from == null ? index : index.tailSet(from, false);
            long since = query.since() == null ? Long.MIN_VALUE : query.since().toEpochMilli();
            List<TaskRecord> found = new ArrayList<>();
            IndexEntry last = null;
            int examined = 0;
            for (IndexEntry entry : range) {
                if (entry.createdAtMillis() < since) {
                    return new TaskPage(found, null);
                }
                if (found.size() == query.limit() || examined == TaskQuery.SCAN_BUDGET) {
                    return new TaskPage(found, new TaskCursor(last.createdAtMillis(), last.taskId()).encode());
                }
                TaskRecord task = tasks.get(entry.taskId());
                if (query.matches(task)) {
                    found.add(task.withoutResult());
                }
                last = entry;
                examined++;
            }
            return new TaskPage(found, null);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String lastEventId() {
        lock.lock();
        try {
            return events.lastId();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<BrokerEvent> events(String afterId, int most, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                dropSilentWorkers(clock.instant());
                List<BrokerEvent> after = events.after(afterId, most);
                long left = deadline - System.nanoTime();
                if (!after.isEmpty() || left <= 0) {
                    return after;
                }
                // wakes up at least every second so that silent workers are announced offline in time
                eventAdded.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TaskStatistics.Snapshot statistics() {
        return statistics.snapshot();
    }

    @Override
    public boolean ping() {
        return true;
    }

    @Override
    public void close() {
        blobs.clear();
        lock.lock();
        try {
            changed.signalAll();
            eventAdded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Map<Priority, Deque<String>> queue(String name) {
        return queues.computeIfAbsent(name, n -> {
            Map<Priority, Deque<String>> byPriority = new EnumMap<>(Priority.class);
            for (Priority priority : Priority.values()) {
                byPriority.put(priority, new ArrayDeque<>());
            }
            return byPriority;
        });
    }

    private void promoteDue(Instant now) {
        while (!scheduled.isEmpty() && !scheduled.peek().at().isAfter(now)) {
            TaskRecord task = tasks.get(scheduled.poll().taskId());
            if (task != null && task.state() == TaskState.RETRY) {
                queue(task.queue()).get(task.priority()).addLast(task.id());
            }
        }
    }

    /** A worker that stopped renewing (hung or gone) loses its task to the next worker that asks. */
    private void reclaimExpiredLeases(Instant now) {
        for (Iterator<Map.Entry<String, Held>> it = leases.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Held> entry = it.next();
            if (entry.getValue().expiresAt().isBefore(now)) {
                it.remove();
                requeueFirst(entry.getKey(), now);
            }
        }
    }

    private void requeueFirst(String taskId, Instant now) {
        TaskRecord task = change(taskId, EventType.TASK_REQUEUED, now, t -> t.withState(TaskState.PENDING, now));
        queue(task.queue()).get(task.priority()).addFirst(taskId);
    }

    private void emit(EventType type, TaskRecord task, Instant now) {
        events.add(id -> BrokerEvent.TaskEvent.of(id, type, now, task), now);
        eventAdded.signalAll();
    }

    private void emitWorker(EventType type, String name, WorkerInfo info, Instant now) {
        events.add(id -> new BrokerEvent.WorkerEvent(id, type, now, name, info), now);
        eventAdded.signalAll();
    }

    private void removeFromQueues(String taskId) {
        queues.values().forEach(byPriority -> byPriority.values().forEach(ready -> ready.remove(taskId)));
        scheduled.removeIf(due -> due.taskId().equals(taskId));
    }

    private void dropExpired(Instant now) {
        while (!expiries.isEmpty() && !expiries.peekFirst().at().isAfter(now)) {
            forget(expiries.pollFirst().taskId());
        }
    }

    private void forget(String id) {
        TaskRecord task = tasks.get(id);
        if (task != null && task.state().isFinal()) {
            tasks.remove(id);
            index.remove(IndexEntry.of(task));
        }
    }

    private long nanosUntilNextEvent(Instant now) {
        Instant next = scheduled.isEmpty() ? null : scheduled.peek().at();
        for (Held held : leases.values()) {
            if (next == null || held.expiresAt().isBefore(next)) {
                next = held.expiresAt();
            }
        }
        if (next == null) {
            return TimeUnit.SECONDS.toNanos(1);
        }
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), Duration.between(now, next).toNanos() + 1_000_000);
    }
}
