package dev.osint.queue.worker;

import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.CompactMap;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.ScanResult;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskFailure;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.Broker;
import dev.osint.queue.Lease;
import dev.osint.queue.ScanService;
import dev.osint.queue.TaskStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one taken task to its end on the calling thread: the collector under its time limits, then the final state,
 * a retry with backoff, or nothing after a revoke. Keeps the leases of the tasks it runs alive, and interrupts a
 * task within moments of its revoke.
 */
final class TaskRunner {
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final Broker broker;
    private final CollectorRegistry registry;
    private final WorkerSettings settings;
    private final ScanEnvironment environment;
    private final ScanService scans;
    private final ResultSizeLimit resultLimit;
    private final ScheduledExecutorService timers;
    private final Map<String, TaskRun> running = new ConcurrentHashMap<>();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final TaskStatistics statistics = new TaskStatistics();
    private static final CompletionStage<Void> WRITTEN = CompletableFuture.completedFuture(null);

    TaskRunner(Broker broker, CollectorRegistry registry, WorkerSettings settings, ScanEnvironment environment,
               ScheduledExecutorService timers) {
        this.broker = broker;
        this.registry = registry;
        this.settings = settings;
        this.environment = environment;
        this.scans = new ScanService(registry, broker, environment.settings());
        this.resultLimit = ResultSizeLimit.from(environment.settings());
        this.timers = timers;
    }

    /**
     * Runs the task and writes its end. Answers a stage that completes once that end is written (or failed to be):
     * a success of a task without an upload is written without holding this thread, and its slot should go back
     * only then; every other end is written before this returns (the stage is complete).
     */
    CompletionStage<Void> run(Lease lease, TaskRun.Slot slot) {
        TaskRecord task = lease.task();
        Optional<Collector> collector = registry.get(task.type());
        if (collector.isEmpty()) {
            broker.finish(lease, TaskState.FAILURE, null, TaskFailure.NOT_REGISTERED.error("no collector '"
                    + task.type() + "' on worker " + settings.name()));
            return WRITTEN;
        }
        TaskRun run;
        try {
            run = new TaskRun(lease, Thread.currentThread(), broker, environment, collector.get().spec(), scans, slot);
        } catch (IllegalArgumentException e) {
            end(null, lease, TaskState.FAILURE, null, TaskFailure.INVALID_OPTIONS.error(e.getMessage()));
            return WRITTEN;
        }
        CompletionStage<Void> written = WRITTEN;
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
            ResultSizeLimit.Fitted fitted = result(collector.get(), task, output, started);
            if (task.target().kind() == TargetKind.FILE) {
                end(run, lease, TaskState.SUCCESS, fitted.result(), fitted.json(), null); // deletes the upload
            } else {
                written = succeed(run, lease, fitted);
            }
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
            run.detach();
            Thread.interrupted(); // an interrupt of this task that came before the detach ends here
        }
        return written;
    }

    /**
     * Writes a success without waiting for Redis's answer: the task's thread ends at once instead of parking until
     * the batch of finishes comes back and being woken again. What follows the answer (the counts, a lost lease's
     * warning) runs where it arrives, on the broker's I/O thread: nothing there blocks. A failed write leaves the
     * lease to expire, and the task runs again, as when a worker dies.
     */
    private CompletionStage<Void> succeed(TaskRun run, Lease lease, ResultSizeLimit.Fitted fitted) {
        if (!run.claimFinish()) {
            return WRITTEN;
        }
        return broker.finishAsync(lease, TaskState.SUCCESS, fitted.result(), fitted.json(), null)
                .handle((accepted, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                                ? wrapped.getCause() : failure;
                        log.warn("task {} ended on {} but its SUCCESS could not be written ({}); its lease expires"
                                + " and it runs again", lease.taskId(), settings.name(), cause.getMessage());
                    } else {
                        written(run, lease, TaskState.SUCCESS, accepted, null);
                    }
                    return null;
                });
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
        end(run, lease, state, result, null, error);
    }

    /** @param resultJson the result as JSON when it was written already (ResultSizeLimit.fit), else null */
    private void end(TaskRun run, Lease lease, TaskState state, ScanResult result, String resultJson, String error) {
        if (run != null && !run.claimFinish()) {
            return;
        }
        boolean accepted = broker.finish(lease, state, result, resultJson, error);
        if (accepted) {
            forgetUpload(lease);
        }
        written(run, lease, state, accepted, error);
    }

    /** Counts a written end, or says why it was refused. */
    private void written(TaskRun run, Lease lease, TaskState state, boolean accepted, String error) {
        if (accepted) {
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

    private ResultSizeLimit.Fitted result(Collector collector, TaskRecord task, CollectorOutput output,
                                          long startedNanos) {
        Map<String, Object> metadata = new LinkedHashMap<>(output.metadata());
        metadata.put("collector_type", task.type());
        metadata.put("target_kind", task.target().kind().wireName());
        metadata.put("worker", settings.name());
        metadata.put("attempts", task.retries() + 1);
        metadata.put("duration_ms", (System.nanoTime() - startedNanos) / 1_000_000.0);
        // one cap for both brokers: a result larger than OSINT_MAX_RESULT_BYTES is trimmed before it is stored
        // compact: the in-process broker keeps the result as long as it keeps the task
        return resultLimit.fit(new ScanResult(resultId(), collector.spec().name(), task.target().value(),
                output.success(), output.data(), output.entities(), Instant.now(), CompactMap.copyOf(metadata)));
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

    /** Stops a task of this worker that was revoked (a revoke of any other task is none of its business). */
    void interruptRevoked(String taskId) {
        TaskRun run = running.get(taskId);
        if (run != null) {
            run.cancel();
        }
    }

    /** Renews the leases of every running task in one call to the broker (one round trip for Redis). */
    void renewLeases() {
        List<TaskRun> runs = running.values().stream().filter(run -> !run.isFinished()).toList();
        if (runs.isEmpty()) {
            return;
        }
        List<Boolean> kept;
        try {
            kept = broker.renew(runs.stream().map(run -> run.lease).toList());
        } catch (RuntimeException e) {
            log.warn("cannot renew the leases of {} tasks on {}: {}", runs.size(), settings.name(), e.getMessage());
            return;
        }
        for (int i = 0; i < runs.size(); i++) {
            TaskRun run = runs.get(i);
            if (!kept.get(i)) {
                log.warn("task {} lease lost on {}; stopping it", run.lease.taskId(), settings.name());
                run.claimFinish();
                run.cancel();
            }
        }
    }

    /** Hands every task still running back to the queue at once (warm shutdown) and stops it. */
    void handBackRunning() {
        for (TaskRun run : running.values()) {
            if (run.claimFinish()) {
                broker.release(run.lease);
                log.info("task {} handed back on shutdown of {}", run.lease.taskId(), settings.name());
            }
            run.cancel();
        }
    }

    int runningCount() {
        return running.size();
    }

    long processed() {
        return processed.get();
    }

    long failed() {
        return failed.get();
    }

    TaskStatistics.Snapshot statistics() {
        return statistics.snapshot();
    }
}
