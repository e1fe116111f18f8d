package dev.osint.queue;

import dev.osint.core.RateLimit;

/** Hands out permits of a collector's rate limit; the Redis one is shared by every worker process. */
public interface RateLimiter {
    /** Blocks until a permit for {@code key} under {@code limit} is free. */
    void acquire(String key, RateLimit limit) throws InterruptedException;
}
