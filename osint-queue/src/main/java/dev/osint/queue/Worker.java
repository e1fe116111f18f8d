package dev.osint.queue;

import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.ScanResult;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskFailure;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes tasks from a broker and runs their collectors, each on a virtual thread, up to
 * {@link WorkerSettings#concurrency()} at once: renews their leases, enforces the time limits, retries with
 * backoff, and interrupts a task within moments of its revoke.
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final Duration TAKE_WAIT = Duration.ofMillis(500);

    private final Broker broker;
    private final CollectorRegistry registry;
    private final WorkerSettings settings;
    private final ScanEnvironment environment;
    private final ScanService scans;
    private final ResultSizeLimit resultLimit;
    private final Duration leaseRenewal;
    private final Semaphore slots;
    private final Map<String, TaskRun> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final TaskStatistics statistics = new TaskStatistics();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Instant startedAt = Instant.now();
    private volatile boolean accepting = true;
    private final java.util.concurrent.atomic.AtomicBoolean shutDown = new java.util.concurrent.atomic.AtomicBoolean();
    private Thread fetcher;

    public Worker(Broker broker, CollectorRegistry registry, WorkerSettings settings, ScanEnvironment environment,
                  Duration lease) {
        this.broker = broker;
        this.registry = registry;
        this.settings = settings;
        this.environment = environment;
        this.scans = new ScanService(registry, broker, environment.settings());
        this.resultLimit = ResultSizeLimit.from(environment.settings());
        this.leaseRenewal = lease.dividedBy(3);
        // fair: a parent taking its slot back after its children ended queues ahead of the fetch loop, which
        // would otherwise barge in again after every empty take and can starve the parent for seconds
        this.slots = new Semaphore(settings.concurrency(), true);
        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon()
                .name("worker-timers").factory());
        // two time limits per task are cancelled as soon as it ends; left in the queue they would pile up for
        // the whole hard limit (minutes), millions of them on a busy worker
        timerPool.setRemoveOnCancelPolicy(true);
        this.timers = timerPool;
    }

    public String name() {
        return settings.name();
    }

    /** Starts taking tasks; returns at once. */
    public Worker start() {
        broker.onRevoke(this::interruptRevoked);
        timers.scheduleWithFixedDelay(this::renewLeases, leaseRenewal.toMillis(), leaseRenewal.toMillis(),
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::heartbeat, 0, settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        fetcher = Thread.ofVirtual().name("worker-fetch-" + settings.name()).start(this::fetchLoop);
        log.info("worker {} started: queues {}, concurrency {}", settings.name(), settings.queues(),
                settings.concurrency());
        return this;
    }

    private void fetchLoop() {
        try {
            while (accepting) {
                int free = acquireFreeSlots();
                List<Lease> leases;
                try {
                    leases = accepting ? broker.take(settings.name(), settings.queues(), free, TAKE_WAIT) : List.of();
                } catch (InterruptedException e) {
                    slots.release(free);
                    throw e;
                } catch (RuntimeException e) {
                    slots.release(free);
                    log.warn("worker {} cannot take tasks ({}); trying again in 1 s", settings.name(), e.getMessage());
                    Thread.sleep(1000);
                    continue;
                }
                slots.release(free - leases.size());
                for (Lease held : leases) {
                    if (settings.maxTasks() > 0 && taken.incrementAndGet() >= settings.maxTasks()) {
                        accepting = false;
                        log.info("worker {} took its {} tasks; draining", settings.name(), settings.maxTasks());
                    }
                    Thread.ofVirtual().name("task-" + held.taskId()).start(() -> {
                        SlotHolder slot = new SlotHolder();
                        try {
                            run(held, slot);
                        } finally {
                            slot.release();
                        }
                    });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /**
     * Waits for one free slot, then claims every other free one (up to the tasks still allowed), so that one
     * round trip to the broker fills them all.
     */
    private int acquireFreeSlots() throws InterruptedException {
        slots.acquire();
        int free = 1;
        long allowed = settings.maxTasks() > 0 ? settings.maxTasks() - taken.get() : Long.MAX_VALUE;
        while (free < allowed && slots.tryAcquire()) {
            free++;
        }
        return free;
    }

    /** One task's claim on a slot; released at most once however the task ends. */
    private final class SlotHolder implements TaskRun.Slot {
        private boolean held = true;

        @Override
        public synchronized void release() {
            if (held) {
                held = false;
                slots.release();
            }
        }

        @Override
        public void acquire() throws InterruptedException {
            slots.acquire();
            synchronized (this) {
                held = true;
            }
        }
    }

    private void run(Lease lease, TaskRun.Slot slot) {
        TaskRecord task = lease.task();
        Optional<Collector> collector = registry.get(task.type());
        if (collector.isEmpty()) {
            broker.finish(lease, TaskState.FAILURE, null, TaskFailure.NOT_REGISTERED.error("no collector '"
                    + task.type() + "' on worker " + settings.name()));
            return;
        }
        TaskRun run;
        try {
            run = new TaskRun(lease, Thread.currentThread(), broker, environment, collector.get().spec(), scans, slot);
        } catch (IllegalArgumentException e) {
            end(null, lease, TaskState.FAILURE, null, TaskFailure.INVALID_OPTIONS.error(e.getMessage()));
            return;
        }
        running.put(task.id(), run);
        log.debug("task {} STARTED on {}: {} {} (attempt {})", task.id(), settings.name(), task.type(),
                task.target(), task.retries() + 1);
        scheduleTimeLimits(run);
        long started = System.nanoTime();
        try {
            CollectorOutput output = collector.get().collect(run);
            if (run.softLimitReached()) {
                output = output.withMetadata("partial", true).withMetadata("soft_time_limit_exceeded", true);
            }
            end(run, lease, TaskState.SUCCESS, result(collector.get(), task, output, started), null);
        } catch (InterruptedException e) {
            interrupted(run, lease);
        } catch (RetryableCollectorException e) {
            if (run.softLimitReached() || run.isCancelled()) {
                interrupted(run, lease);
            } else {
                retryOrFail(run, lease, e);
            }
        } catch (CollectorException e) {
            end(run, lease, TaskState.FAILURE, null, TaskFailure.COLLECTOR_ERROR.error(e.getMessage()));
        } catch (Exception | LinkageError | StackOverflowError e) {
            if (run.isCancelled()) {
                interrupted(run, lease);
            } else {
                log.error("task {} crashed in collector {}", task.id(), task.type(), e);
                end(run, lease, TaskState.FAILURE, null, TaskFailure.crashed(e));
            }
        } finally {
            if (run.isCancelled()) {
                run.revokeChildren();
            }
            run.cancelTimeLimit();
            running.remove(task.id());
            Thread.interrupted();
        }
    }

    /** The collector stopped because it was interrupted: by a revoke (nothing to write) or the soft limit. */
    private void interrupted(TaskRun run, Lease lease) {
        if (run.softLimitReached()) {
            end(run, lease, TaskState.FAILURE, null, TaskFailure.SOFT_TIME_LIMIT_EXCEEDED.error("the scan ran longer"
                    + " than " + settings.softTimeLimit().toSeconds() + " s and returned no partial result"));
        } else if (run.claimFinish()) {
            forgetUpload(lease);
            log.info("task {} stopped on {} after its revoke", lease.taskId(), settings.name());
        }
    }

    /** An uploaded file lives no longer than its task; a retry still needs it, so only an end deletes it. */
    private void forgetUpload(Lease lease) {
        if (lease.task().target().kind() == TargetKind.FILE) {
            try {
                broker.blobs().delete(lease.taskId());
            } catch (RuntimeException e) {
                log.warn("cannot delete the upload of task {} (it expires by itself): {}", lease.taskId(),
                        e.getMessage());
            }
        }
    }

    private void retryOrFail(TaskRun run, Lease lease, RetryableCollectorException e) {
        int retries = lease.task().retries();
        if (retries >= settings.maxRetries()) {
            end(run, lease, TaskState.FAILURE, null, TaskFailure.MAX_RETRIES_EXCEEDED.error(e.getMessage()
                    + " (gave up after " + retries + " retries)"));
            return;
        }
        Duration delay = settings.backoff(retries, ThreadLocalRandom.current().nextDouble());
        if (e.retryAfter() != null && e.retryAfter().compareTo(delay) > 0) {
            delay = e.retryAfter().compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : e.retryAfter();
        }
        if (run.claimFinish() && broker.retry(lease, delay, e.getMessage())) {
            statistics.retried(lease.task().type());
            log.info("task {} RETRY {} of {} in {} ms: {}", lease.taskId(), retries + 1, settings.maxRetries(),
                    delay.toMillis(), e.getMessage());
        }
    }

    /** One timer per task at a time: the soft limit's, which then sets the hard limit's for the time left. */
    private void scheduleTimeLimits(TaskRun run) {
        long soft = settings.softTimeLimit().toMillis();
        long hard = settings.hardTimeLimit().toMillis();
        if (soft < hard) {
            run.timeLimit(timers.schedule(() -> {
                run.reachSoftLimit();
                run.timeLimit(timers.schedule(() -> hardLimit(run), hard - soft, TimeUnit.MILLISECONDS));
            }, soft, TimeUnit.MILLISECONDS));
        } else {
            run.timeLimit(timers.schedule(() -> hardLimit(run), hard, TimeUnit.MILLISECONDS));
        }
    }

    private void hardLimit(TaskRun run) {
        end(run, run.lease, TaskState.FAILURE, null, TaskFailure.TIME_LIMIT_EXCEEDED.error("the scan ran longer than "
                + settings.hardTimeLimit().toSeconds() + " s"));
        run.cancel();
    }

    private void end(TaskRun run, Lease lease, TaskState state, ScanResult result, String error) {
        if (run != null && !run.claimFinish()) {
            return;
        }
        if (broker.finish(lease, state, result, error)) {
            forgetUpload(lease);
            processed.incrementAndGet();
            statistics.finished(lease.task().type(), state,
                    run == null ? null : Duration.ofNanos(System.nanoTime() - run.startedNanos));
            if (state == TaskState.FAILURE) {
                failed.incrementAndGet();
                log.info("task {} FAILURE on {}: {}", lease.taskId(), settings.name(), error);
            } else {
                // a success is no news to an operator; the per-task trail is at DEBUG (OSINT_LOG_LEVEL=DEBUG)
                log.debug("task {} {} on {}", lease.taskId(), state, settings.name());
            }
        } else if (run != null && run.isCancelled()) {
            log.info("task {} was revoked while it ran on {}; its late result is dropped", lease.taskId(),
                    settings.name());
        } else {
            log.warn("task {} lost its lease on {} before it finished; another worker owns it now", lease.taskId(),
                    settings.name());
        }
    }

    private ScanResult result(Collector collector, TaskRecord task, CollectorOutput output, long startedNanos) {
        Map<String, Object> metadata = new LinkedHashMap<>(output.metadata());
        metadata.put("collector_type", task.type());
        metadata.put("target_kind", task.target().kind().wireName());
        metadata.put("worker", settings.name());
        metadata.put("attempts", task.retries() + 1);
        metadata.put("duration_ms", (System.nanoTime() - startedNanos) / 1_000_000.0);
        // one cap for both brokers: a result larger than OSINT_MAX_RESULT_BYTES is trimmed before it is stored
        return resultLimit.apply(new ScanResult(resultId(), collector.spec().name(), task.target().value(),
                output.success(), output.data(), output.entities(), Instant.now(), metadata));
    }

    /**
     * A version-4 UUID from a fast generator: a result id only has to be unique, and SecureRandom's lock and
     * system call were a measurable share of a short task's cost. Task ids, which act as capabilities, stay secure.
     */
    private static String resultId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private void interruptRevoked(String taskId) {
        TaskRun run = running.get(taskId);
        if (run != null) {
            run.cancel();
        }
    }

    private void renewLeases() {
        for (TaskRun run : running.values()) {
            try {
                if (!run.isFinished() && !broker.renew(run.lease)) {
                    log.warn("task {} lease lost on {}; stopping it", run.lease.taskId(), settings.name());
                    run.claimFinish();
                    run.cancel();
                }
            } catch (RuntimeException e) {
                log.warn("cannot renew the lease of task {}: {}", run.lease.taskId(), e.getMessage());
            }
        }
    }

    private void heartbeat() {
        try {
            broker.heartbeat(info());
        } catch (RuntimeException e) {
            log.warn("worker {} heartbeat failed: {}", settings.name(), e.getMessage());
        }
    }

    /** What this worker finished, retried and how long its tasks ran, since it started: its own {@code /metrics}. */
    public TaskStatistics.Snapshot statistics() {
        return statistics.snapshot();
    }

    /** This worker as health and inspect show it. */
    public WorkerInfo info() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return new WorkerInfo(settings.name(), host, ManagementFactory.getRuntimeMXBean().getPid(), settings.queues(),
                settings.concurrency(), running.size(), processed.get(), failed.get(), startedAt, Instant.now());
    }

    /** True once the worker stopped taking tasks and every running one ended (max tasks reached, or shut down). */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        // the map of running tasks lags behind a task just started, and a task waiting for its children gives
        // its slot back: only both together say that every task ended
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!idle() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return idle();
    }

    private boolean idle() {
        return running.isEmpty() && slots.availablePermits() >= settings.concurrency();
    }

    /**
     * Warm shutdown: stops taking tasks, lets running ones finish within the grace period, then hands the rest
     * back to the queue at once so another worker runs them.
     */
    public void shutdown(Duration grace) {
        if (!shutDown.compareAndSet(false, true)) {
            return; // a signal handler and a close() may both ask
        }
        accepting = false;
        if (fetcher != null) {
            fetcher.interrupt();
        }
        try {
            awaitDrained(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (TaskRun run : running.values()) {
            if (run.claimFinish()) {
                broker.release(run.lease);
                log.info("task {} handed back on shutdown of {}", run.lease.taskId(), settings.name());
            }
            run.cancel();
        }
        timers.shutdownNow();
        try {
            broker.unregister(settings.name());
        } catch (RuntimeException e) {
            log.debug("cannot unregister worker {}: {}", settings.name(), e.getMessage());
        }
        log.info("worker {} stopped after {} tasks", settings.name(), processed.get());
    }

    @Override
    public void close() {
        shutdown(settings.shutdownGrace());
    }
}
