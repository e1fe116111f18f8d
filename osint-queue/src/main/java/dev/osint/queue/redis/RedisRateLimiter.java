package dev.osint.queue.redis;

import dev.osint.core.RateLimit;
import dev.osint.queue.RateLimiter;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets in Redis, one per key, shared by every worker process: twenty workers together stay within a
 * collector's limit instead of each spending it. The bucket itself is {@code lua/rate_limit.lua}.
 */
public final class RedisRateLimiter implements RateLimiter {
    private final RedisLink link;
    private final RedisKeys keys;

    public RedisRateLimiter(RedisBroker broker) {
        this.link = broker.link();
        this.keys = broker.keys();
    }

    @Override
    public void acquire(String key, RateLimit limit) throws InterruptedException {
        if (limit.isUnlimited()) {
            return;
        }
        Duration wait;
        while (!(wait = tryAcquire(key, limit)).isZero()) {
            TimeUnit.MILLISECONDS.sleep(wait.toMillis());
        }
    }

    /** Takes a permit and answers zero, or answers how long to wait before asking again. */
    public Duration tryAcquire(String key, RateLimit limit) {
        if (limit.isUnlimited()) {
            return Duration.ZERO;
        }
        Number waitMs = link.eval(LuaScript.RATE_LIMIT, ScriptOutputType.INTEGER, keys.rateBucket(key),
                Integer.toString(limit.permits()), Long.toString(Math.max(1, limit.period().toMillis())));
        return Duration.ofMillis(waitMs.longValue());
    }
}
