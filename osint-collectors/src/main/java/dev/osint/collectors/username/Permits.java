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
 * waiting: a check half done finishes rather than queueing behind every site not yet asked. A spare request (the
 * random name asked early, beside a slow site's answer, in case it is a FOUND) goes only when no other waits, so
 * that it never delays a site's first request nor loads a server that is slow because it is busy.
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
    private final Condition spares = lock.newCondition();
    private int free;
    private int followUpsWaiting;
    private int firstsWaiting;

    /** Which requests go first when permits are short. */
    enum Priority { FOLLOW_UP, FIRST, SPARE }

    Permits(int maxConcurrency, int perHost, Throttle throttle) {
        this.free = maxConcurrency;
        this.perHost = perHost;
        this.throttle = throttle;
    }

    /** Blocks until a request to {@code url} may go; close the result when the answer is in. */
    Held hold(URI url, Priority priority) throws InterruptedException {
        String key = (url.getHost() == null ? url.toString() : url.getHost().toLowerCase(Locale.ROOT)) + ":"
                + url.getPort();
        Semaphore host = byHost.computeIfAbsent(key, k -> new Semaphore(perHost));
        host.acquire(); // the host's permit first, so a waiting site never holds a global one
        try {
            acquire(priority);
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

    private void acquire(Priority priority) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            switch (priority) {
                case FOLLOW_UP -> {
                    followUpsWaiting++;
                    try {
                        while (free == 0) {
                            followUps.await();
                        }
                    } finally {
                        followUpsWaiting--;
                    }
                }
                case FIRST -> {
                    firstsWaiting++;
                    try {
                        while (free == 0 || followUpsWaiting > 0) {
                            firsts.await();
                        }
                    } finally {
                        firstsWaiting--;
                    }
                }
                case SPARE -> {
                    while (free == 0 || followUpsWaiting > 0 || firstsWaiting > 0) {
                        spares.await();
                    }
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
        } else if (firstsWaiting > 0) {
            firsts.signal();
        } else {
            spares.signal();
        }
    }

    /** Permits held for one request. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
