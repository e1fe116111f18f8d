package dev.osint.collectors.username;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The limits on requests in flight: all sites together, and per host (and port), since many catalogue sites share
 * a host. Held only for a request, never while a check waits to retry, so a site that asked to wait holds nobody up.
 * A follow-up request (the random name a FOUND is held against, a retry) goes before the first requests still
 * waiting: a check half done finishes rather than queueing behind every site not yet asked.
 */
final class Permits {
    /** Waits for the scan's rate limit; called once the permits are held. */
    @FunctionalInterface
    interface Throttle {
        void await() throws InterruptedException;
    }

    private final int perHost;
    private final Throttle throttle;
    private final Map<String, Semaphore> byHost = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition followUps = lock.newCondition();
    private final Condition firsts = lock.newCondition();
    private int free;
    private int followUpsWaiting;

    Permits(int maxConcurrency, int perHost, Throttle throttle) {
        this.free = maxConcurrency;
        this.perHost = perHost;
        this.throttle = throttle;
    }

    /** Blocks until a request to {@code url} may go; close the result when the answer is in. */
    Held hold(URI url, boolean followUp) throws InterruptedException {
        String key = (url.getHost() == null ? url.toString() : url.getHost().toLowerCase(Locale.ROOT)) + ":"
                + url.getPort();
        Semaphore host = byHost.computeIfAbsent(key, k -> new Semaphore(perHost));
        host.acquire(); // the host's permit first, so a waiting site never holds a global one
        try {
            acquire(followUp);
        } catch (InterruptedException e) {
            host.release();
            throw e;
        }
        Held held = () -> {
            release();
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

    private void acquire(boolean followUp) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (followUp) {
                followUpsWaiting++;
                try {
                    while (free == 0) {
                        followUps.await();
                    }
                } finally {
                    followUpsWaiting--;
                }
            } else {
                while (free == 0 || followUpsWaiting > 0) {
                    firsts.await();
                }
            }
            free--;
            if (free > 0) {
                wakeNext(); // permits freed while this one was waking: pass them on
            }
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        lock.lock();
        try {
            free++;
            wakeNext();
        } finally {
            lock.unlock();
        }
    }

    private void wakeNext() {
        if (followUpsWaiting > 0) {
            followUps.signal();
        } else {
            firsts.signal();
        }
    }

    /** Permits held for one request. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
