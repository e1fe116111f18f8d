package dev.osint.queue.worker;

import dev.osint.core.CollectorRegistry;
import dev.osint.queue.Broker;
import dev.osint.queue.TaskStatistics;
import dev.osint.queue.WorkerInfo;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker: a {@link FetchLoop} that takes tasks from a broker up to {@link WorkerSettings#concurrency()} at once,
 * a {@link TaskRunner} that runs each on a virtual thread, and the timers that renew their leases and report the
 * worker's heartbeat. Shuts down warm: running tasks get a grace period, then go back to the queue.
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final Broker broker;
    private final WorkerSettings settings;
    private final Duration leaseRenewal;
    private final ScheduledExecutorService timers;
    private final TaskRunner runner;
    private final FetchLoop fetching;
    private final Instant startedAt = Instant.now();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private Thread fetcher;

    public Worker(Broker broker, CollectorRegistry registry, WorkerSettings settings, ScanEnvironment environment,
                  Duration lease) {
        this.broker = broker;
        this.settings = settings;
        // not Duration.dividedBy, which divides as BigDecimal: that class's initialisation took ~50 ms of a start
        this.leaseRenewal = Duration.ofNanos(lease.toNanos() / 3);
        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon()
                .name("worker-timers").factory());
        // two time limits per task are cancelled as soon as it ends; left in the queue they would pile up for
        // the whole hard limit (minutes), millions of them on a busy worker
        timerPool.setRemoveOnCancelPolicy(true);
        this.timers = timerPool;
        this.runner = new TaskRunner(broker, registry, settings, environment, timers);
        this.fetching = new FetchLoop(broker, settings, runner);
    }

    public String name() {
        return settings.name();
    }

    /** Starts taking tasks; returns at once. */
    public Worker start() {
        broker.onRevoke(runner::interruptRevoked);
        timers.scheduleWithFixedDelay(runner::renewLeases, leaseRenewal.toMillis(), leaseRenewal.toMillis(),
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::heartbeat, 0, settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        fetcher = Thread.ofVirtual().name("worker-fetch-" + settings.name()).start(fetching);
        log.info("worker {} started: queues {}, concurrency {}", settings.name(), settings.queues(),
                settings.concurrency());
        return this;
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
        return runner.statistics();
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
                settings.concurrency(), runner.runningCount(), runner.processed(), runner.failed(), startedAt,
                Instant.now());
    }

    /** True once the worker stopped taking tasks and every running one ended (max tasks reached, or shut down). */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        if (!fetching.awaitStopped(timeout)) {
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
        return runner.runningCount() == 0 && fetching.allSlotsFree();
    }

    /**
     * Warm shutdown: stops taking tasks, lets running ones finish within the grace period, then hands the rest
     * back to the queue at once so another worker runs them.
     */
    public void shutdown(Duration grace) {
        if (!shutDown.compareAndSet(false, true)) {
            return; // a signal handler and a close() may both ask
        }
        fetching.stopAccepting();
        if (fetcher != null) {
            fetcher.interrupt();
        }
        try {
            awaitDrained(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runner.handBackRunning();
        timers.shutdownNow();
        try {
            broker.unregister(settings.name());
        } catch (RuntimeException e) {
            log.debug("cannot unregister worker {}: {}", settings.name(), e.getMessage());
        }
        log.info("worker {} stopped after {} tasks", settings.name(), runner.processed());
    }

    @Override
    public void close() {
        shutdown(settings.shutdownGrace());
    }
}
