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
    private final MemoryFinishedTasks finished;

    private record Due(Instant at, String taskId) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            return at.compareTo(other.at);
        }
    }

    private record Held(String token, Instant expiresAt) {}

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
        this.settings = settings;
        this.clock = clock;
        this.finished = finishedBacklog > 0 ? new MemoryFinishedTasks(finishedBacklog) : null;
    }

    @Override
    public Optional<FinishedTasks> finishedTasks() {
        return Optional.ofNullable(finished);
    }

    /** A task reached its final state: the history writer gets it. Called under the lock, once per task. */
    private void finalised(String taskId) {
        if (finished != null) {
            finished.add(tasks.get(taskId));
        }
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
            queue(task.queue()).get(task.priority()).addLast(task.id());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
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
            tasks.computeIfPresent(lease.taskId(), (id, t) -> t.finished(state, result, error, now));
            expiries.addLast(new Due(now.plus(settings.resultExpiry()), lease.taskId()));
            finalised(lease.taskId());
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
            Instant now = clock.instant();
            tasks.put(taskId, task.finished(TaskState.REVOKED, null, "task revoked", now));
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
                tasks.computeIfPresent(id, (k, t) -> t.finished(TaskState.REVOKED, null, "task purged", now));
                expiries.addLast(new Due(now.plus(settings.resultExpiry()), id));
                finalised(id);
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
