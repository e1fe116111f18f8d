package dev.osint.queue.worker;

import dev.osint.core.CollectorSpec;
import dev.osint.core.Options;
import dev.osint.core.RateLimit;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import dev.osint.core.Target;
import dev.osint.queue.Broker;
import dev.osint.queue.Lease;
import dev.osint.queue.ScanService;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One task running on a worker: its lease, its thread, and the {@link ScanContext} its collector sees.
 * {@link #claimFinish()} makes sure only one of the collector, the hard time limit and a revoke writes the end.
 */
final class TaskRun implements ScanContext {
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    final Lease lease;
    final Thread thread;
    /** When this attempt began on this worker, for its run time. */
    final long startedNanos = System.nanoTime();
    private final Broker broker;
    private final ScanEnvironment environment;
    private final CollectorSpec spec;
    private final Options options;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean cancelled;
    private boolean detached;
    private volatile java.util.concurrent.ScheduledFuture<?> timeLimit;
    private volatile boolean softLimitReached;
    private volatile long lastProgressWrite;
    private volatile int lastPercent = -1;

    private final ChildScans children;

    /** The worker slot this task holds; given up while it waits for child scans. */
    interface Slot {
        void release();

        void acquire() throws InterruptedException;
    }

    TaskRun(Lease lease, Thread thread, Broker broker, ScanEnvironment environment, CollectorSpec spec,
            ScanService scans, Slot slot) {
        this.children = new ChildScans(lease.taskId(), lease.task().owner(), scans, slot);
        this.lease = lease;
        this.thread = thread;
        this.broker = broker;
        this.environment = environment;
        this.spec = spec;
        // checked again where it runs, with this worker's settings: the API checked it as the caller's when queued
        this.options = Options.validate(spec.options(), lease.task().options(), environment.settings(),
                Options.Requester.OPERATOR);
    }

    /** True for the one caller that may write the task's end. */
    boolean claimFinish() {
        return finished.compareAndSet(false, true);
    }

    boolean isFinished() {
        return finished.get();
    }

    void cancel() {
        cancelled = true;
        synchronized (this) {
            if (!detached) {
                thread.interrupt();
            }
        }
    }

    /**
     * The task is over on its thread, which may go on to run the next one: a late revoke, time limit or lost lease
     * of this task must not interrupt that one.
     */
    synchronized void detach() {
        detached = true;
    }

    void revokeChildren() {
        children.revokeUnfinished();
    }

    /** The timer of the next time limit; replaces the previous one. */
    void timeLimit(java.util.concurrent.ScheduledFuture<?> next) {
        timeLimit = next;
        if (isFinished()) {
            next.cancel(false); // the task ended while its soft limit was being handled
        }
    }

    void cancelTimeLimit() {
        java.util.concurrent.ScheduledFuture<?> current = timeLimit;
        if (current != null) {
            current.cancel(false);
        }
    }

    void reachSoftLimit() {
        softLimitReached = true;
        cancel();
    }

    boolean softLimitReached() {
        return softLimitReached;
    }

    @Override public String taskId() { return lease.taskId(); }
    @Override public Target target() { return lease.task().target(); }
    @Override public Options options() { return options; }
    @Override public boolean isCancelled() { return cancelled; }
    @Override public List<InetSocketAddress> dnsResolvers() { return environment.dnsResolvers(); }
    @Override public Settings settings() { return environment.settings(); }
    @Override public int attempt() { return lease.task().retries(); }
    @Override public dev.osint.core.SubScans subScans() { return children; }
    @Override public dev.osint.core.UpstreamHealth upstreams() { return environment.upstreams(); }
    @Override public String workerName() { return lease.task().worker(); }

    @Override
    public java.util.Optional<byte[]> uploadedFile() {
        return target().kind() == dev.osint.core.TargetKind.FILE ? broker.blobs().get(taskId())
                : java.util.Optional.empty();
    }

    @Override
    public void throttle() throws InterruptedException {
        environment.rateLimiter().acquire(spec.type(), spec.rateLimit());
    }

    /** An upstream's bucket, apart from the collectors' (a collector and an upstream may share a name). */
    @Override
    public void throttle(String key, RateLimit limit) throws InterruptedException {
        environment.rateLimiter().acquire("upstream:" + key, limit);
    }

    /** Writes progress at most every 100 ms unless the percentage changed, so a fast loop cannot flood the broker. */
    @Override
    public void progress(double fraction, String stage) {
        int percent = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 100);
        long now = System.nanoTime();
        if (percent == lastPercent && now - lastProgressWrite < PROGRESS_INTERVAL_NANOS) {
            return;
        }
        lastPercent = percent;
        lastProgressWrite = now;
        if (!finished.get()) {
            broker.progress(lease, percent, stage);
        }
    }
}
