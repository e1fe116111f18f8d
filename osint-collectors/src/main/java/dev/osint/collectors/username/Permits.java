package dev.osint.collectors.username;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The limits on requests in flight: all sites together, and per host (and port), since many catalogue sites share
 * a host. Held only for a request, never while a check waits to retry, so a site that asked to wait holds nobody up.
 */
final class Permits {
    /** Waits for the scan's rate limit; called once the permits are held. */
    @FunctionalInterface
    interface Throttle {
        void await() throws InterruptedException;
    }

    private final Semaphore inFlight;
    private final int perHost;
    private final Throttle throttle;
    private final Map<String, Semaphore> byHost = new ConcurrentHashMap<>();

    Permits(int maxConcurrency, int perHost, Throttle throttle) {
        this.inFlight = new Semaphore(maxConcurrency);
        this.perHost = perHost;
        this.throttle = throttle;
    }

    /** Blocks until a request to {@code url} may go; close the result when the answer is in. */
    Held hold(URI url) throws InterruptedException {
        String key = (url.getHost() == null ? url.toString() : url.getHost().toLowerCase(Locale.ROOT)) + ":"
                + url.getPort();
        Semaphore host = byHost.computeIfAbsent(key, k -> new Semaphore(perHost));
        host.acquire(); // the host's permit first, so a waiting site never holds a global one
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            host.release();
            throw e;
        }
        Held held = () -> {
            inFlight.release();
            host.release();
        };
        try {
            throttle.await();
        } catch (InterruptedException e) {
            held.close();
            throw e;
        }
        return held;
    }

    /** Permits held for one request. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
