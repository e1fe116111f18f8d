package dev.osint.queue;

import dev.osint.core.Priority;
import dev.osint.core.ScanResult;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The zero-setup broker: everything in this process, guarded by one lock. Keeps the same promises as the
 * Redis broker (leases, retries through a delayed set, expiry, revoke), so the worker cannot tell them apart.
 */
public final class MemoryBroker implements Broker {
    private final BrokerSettings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, TaskRecord> tasks = new HashMap<>();
    private final Map<String, Map<Priority, Deque<String>>> queues = new TreeMap<>();
    private final PriorityQueue<Due> scheduled = new PriorityQueue<>();
    private final Map<String, Held> leases = new HashMap<>();
    private final Deque<Due> expiries = new ArrayDeque<>();
    private final Map<String, WorkerInfo> workers = new TreeMap<>();
    private final List<Consumer<String>> revokeListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong tokens = new AtomicLong();
    /** Tasks not yet final, of everybody: the queue's length as {@link SubmissionQuotas} counts it. */
    private long unfinished;
    /** Per owner, its unfinished tasks (and admitted ids about to be enqueued), with when each joined. */
    private final Map<String, Map<String, Instant>> unfinishedByOwner = new HashMap<>();
    private final Map<String, SubmitBucket> submitBuckets = new HashMap<>();

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

    public MemoryBroker(BrokerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public MemoryBroker(BrokerSettings settings) {
        this(settings, Clock.systemUTC());
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public void enqueue(TaskRecord task) {
        lock.lock();
        try {
            if (tasks.containsKey(task.id())) {
                return;
            }
            tasks.put(task.id(), task);
            unfinished++;
            if (task.owner() != null) {
                unfinishedByOwner.computeIfAbsent(task.owner(), o -> new LinkedHashMap<>())
                        .putIfAbsent(task.id(), clock.instant());
            }
            queue(task.queue()).get(task.priority()).addLast(task.id());
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
            if (quotas.maxQueueLength() > 0 && unfinished >= quotas.maxQueueLength()) {
                return Admission.refused(SubmissionQuotas.Quota.QUEUE_LENGTH, SubmissionQuotas.QUEUE_FULL_RETRY_AFTER);
            }
            Map<String, Instant> mine = unfinishedByOwner.computeIfAbsent(owner, o -> new LinkedHashMap<>());
            if (quotas.maxQueued() > 0 && mine.size() >= quotas.maxQueued()) {
                // an id admitted long ago that never became a task (its submitter failed in between) holds no place
                Instant abandoned = now.minus(RESERVATION);
                mine.entrySet().removeIf(e -> !tasks.containsKey(e.getKey()) && e.getValue().isBefore(abandoned));
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
        lock.lock();
        try {
            dropExpired(clock.instant());
            return Optional.ofNullable(tasks.get(taskId));
        } finally {
            lock.unlock();
        }
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
                        String taskId = ready.pollFirst();
                        if (taskId != null) {
                            return Optional.of(hold(workerName, taskId, now));
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
        TaskRecord task = tasks.get(taskId).started(workerName, now);
        tasks.put(taskId, task);
        leases.put(taskId, new Held(token, now.plus(settings.lease())));
        return new Lease(taskId, token, task);
    }

    @Override
    public boolean renew(Lease lease) {
        return whileHeld(lease, now -> leases.put(lease.taskId(), new Held(lease.token(), now.plus(settings.lease()))));
    }

    @Override
    public boolean progress(Lease lease, int percent, String stage) {
        return whileHeld(lease, now -> tasks.computeIfPresent(lease.taskId(), (id, t) -> t.withProgress(percent, stage)));
    }

    @Override
    public boolean finish(Lease lease, TaskState state, ScanResult result, String error) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("finish takes a final state, not " + state);
        }
        return whileHeld(lease, now -> {
            leases.remove(lease.taskId());
            finalise(lease.taskId(), state, result, error, now);
        });
    }

    @Override
    public boolean retry(Lease lease, Duration delay, String reason) {
        return whileHeld(lease, now -> {
            leases.remove(lease.taskId());
            tasks.computeIfPresent(lease.taskId(), (id, t) -> t.retrying(reason));
            scheduled.add(new Due(now.plus(delay), lease.taskId()));
        });
    }

    @Override
    public boolean release(Lease lease) {
        return whileHeld(lease, now -> {
            leases.remove(lease.taskId());
            requeueFirst(lease.taskId());
        });
    }

    /** Runs {@code change} only while {@code lease} is the task's current lease; the lock makes it atomic. */
    private boolean whileHeld(Lease lease, Consumer<Instant> change) {
        lock.lock();
        try {
            Instant now = clock.instant();
            Held held = leases.get(lease.taskId());
            if (held == null || !held.token().equals(lease.token()) || held.expiresAt().isBefore(now)) {
                return false;
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
            finalise(taskId, TaskState.REVOKED, null, "task revoked", clock.instant());
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
            workers.put(worker.name(), worker);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unregister(String workerName) {
        lock.lock();
        try {
            workers.remove(workerName);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<WorkerInfo> workers() {
        lock.lock();
        try {
            Instant oldest = clock.instant().minus(settings.workerTimeout());
            return workers.values().stream().filter(w -> w.heartbeatAt().isAfter(oldest)).toList();
        } finally {
            lock.unlock();
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
                finalise(id, TaskState.REVOKED, null, "task purged", now);
            }
            return dropped.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean ping() {
        return true;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            changed.signalAll();
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
                requeueFirst(entry.getKey());
            }
        }
    }

    private void requeueFirst(String taskId) {
        TaskRecord task = tasks.get(taskId).withState(TaskState.PENDING);
        tasks.put(taskId, task);
        queue(task.queue()).get(task.priority()).addFirst(taskId);
    }

    private void removeFromQueues(String taskId) {
        queues.values().forEach(byPriority -> byPriority.values().forEach(ready -> ready.remove(taskId)));
        scheduled.removeIf(due -> due.taskId().equals(taskId));
    }

    /**
     * Writes a task's final state once: its result expires later, and it no longer counts in the queue's length or
     * among its owner's unfinished tasks. Every path to a final state comes through here.
     */
    private void finalise(String taskId, TaskState state, ScanResult result, String error, Instant now) {
        TaskRecord task = tasks.get(taskId);
        if (task == null || task.state().isFinal()) {
            return;
        }
        tasks.put(taskId, task.finished(state, result, error, now));
        expiries.addLast(new Due(now.plus(settings.resultExpiry()), taskId));
        unfinished--;
        if (task.owner() != null) {
            unfinishedByOwner.computeIfPresent(task.owner(), (o, mine) -> {
                mine.remove(taskId);
                return mine.isEmpty() ? null : mine;
            });
        }
    }

    private void dropExpired(Instant now) {
        while (!expiries.isEmpty() && !expiries.peekFirst().at().isAfter(now)) {
            String id = expiries.pollFirst().taskId();
            TaskRecord task = tasks.get(id);
            if (task != null && task.state().isFinal()) {
                tasks.remove(id);
            }
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
