package dev.osint.core;

import java.net.InetSocketAddress;
import java.util.List;

/** What a running collector may use: its target and options, progress, cancellation, network and settings. */
public interface ScanContext {
    String taskId();

    Target target();

    Options options();

    /** Reports progress; {@code fraction} in [0, 1], {@code stage} a short text a person reads. */
    void progress(double fraction, String stage);

    /** True when the task was revoked or its soft time limit passed; the thread is interrupted too. */
    boolean isCancelled();

    /** Throws {@link InterruptedException} when {@link #isCancelled()}; call it inside loops. */
    default void checkCancelled() throws InterruptedException {
        if (isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("task " + taskId() + " was cancelled");
        }
    }

    /**
     * Waits for a permit of this collector's rate limit ({@link CollectorSpec#rateLimit()}), shared by every
     * worker; call it before each upstream request.
     */
    void throttle() throws InterruptedException;

    /**
     * Waits for a permit of an upstream's rate limit ({@link UpstreamSpec#rateLimit()}), shared by every worker under
     * {@code key} (the upstream's name, or {@code name:host} for one of its servers); the collectors' net package
     * calls it before each call. A context that keeps no such limits waits for {@link #throttle()} instead.
     */
    default void throttle(String key, RateLimit limit) throws InterruptedException {
        throttle();
    }

    /** DNS servers to ask ({@code OSINT_DNS_RESOLVERS}); empty means the system's. */
    List<InetSocketAddress> dnsResolvers();

    Settings settings();

    /** 0 on the first run, then 1, 2, … on retries. */
    int attempt();

    /** Child scans of this one, queued on the same broker. */
    default SubScans subScans() {
        throw new UnsupportedOperationException("this context cannot queue child scans");
    }

    /** This process's circuit breakers and answer counts per upstream; used by the collectors' net package. */
    default UpstreamHealth upstreams() {
        return UpstreamHealth.UNTRACKED;
    }

    /**
     * The bytes of the file uploaded with this scan (target kind {@code file}), kept only while its task lives;
     * empty for any other target, or when the file expired before the scan ran.
     */
    default java.util.Optional<byte[]> uploadedFile() {
        return java.util.Optional.empty();
    }

    /** The worker running the task. */
    String workerName();
}
