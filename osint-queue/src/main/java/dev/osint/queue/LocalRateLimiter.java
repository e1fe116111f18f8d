package dev.osint.queue;

import dev.osint.core.RateLimit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Token buckets in this process, one per key: enough when every worker lives in one JVM. */
public final class LocalRateLimiter implements RateLimiter {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public void acquire(String key, RateLimit limit) throws InterruptedException {
        if (limit.isUnlimited()) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit));
        long waitNanos;
        while ((waitNanos = bucket.tryTake()) > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    /** Starts full (a burst of {@code permits}), refills continuously at permits / period. */
    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last = System.nanoTime();

        Bucket(RateLimit limit) {
            this.capacity = limit.permits();
            this.perNano = limit.permits() / (double) limit.period().toNanos();
            this.tokens = capacity;
        }

        /** Takes a token and answers 0, or answers how long to wait for one. */
        synchronized long tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
