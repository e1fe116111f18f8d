package dev.osint.queue.redis;

import dev.osint.core.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the Redis broker lives and how long it may take to answer.
 *
 * @param url            {@code redis://[:password@]host:port/db}, {@code rediss://} for TLS, or
 *                       {@code redis-sentinel://[:password@]host:port[,host:port…]/db#master} to follow Redis
 *                       Sentinel's master through failovers
 * @param prefix         the start of every key, so several deployments can share one Redis
 * @param commandTimeout how long one call may take before it fails as unavailable (a half-open connection)
 * @param finalTasksKept how many tasks in a final state a process answers status reads of from memory, each kept
 *                       until Redis says it changed (rounded up to a power of two; 0: every read asks Redis)
 */
public record RedisSettings(String url, String prefix, Duration commandTimeout, int finalTasksKept) {
    public static final String DEFAULT_PREFIX = "osint";
    public static final int DEFAULT_FINAL_TASKS_KEPT = 1024;
    static final int MAX_FINAL_TASKS_KEPT = 1 << 20;

    public RedisSettings {
        if (finalTasksKept < 0 || finalTasksKept > MAX_FINAL_TASKS_KEPT) {
            throw new IllegalArgumentException("OSINT_REDIS_FINAL_TASKS_KEPT must be 0 to " + MAX_FINAL_TASKS_KEPT
                    + ", not " + finalTasksKept);
        }
    }

    public RedisSettings(String url, String prefix, Duration commandTimeout) {
        this(url, prefix, commandTimeout, DEFAULT_FINAL_TASKS_KEPT);
    }

    /** Empty settings (no {@code REDIS_URL}) mean: no Redis. */
    public static Optional<RedisSettings> from(Settings settings) {
        return settings.get("REDIS_URL").map(url -> new RedisSettings(url,
                settings.get("OSINT_REDIS_PREFIX", DEFAULT_PREFIX),
                settings.seconds("OSINT_REDIS_TIMEOUT", 5),
                settings.integer("OSINT_REDIS_FINAL_TASKS_KEPT", DEFAULT_FINAL_TASKS_KEPT)));
    }
}
