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
 */
public record RedisSettings(String url, String prefix, Duration commandTimeout) {
    public static final String DEFAULT_PREFIX = "osint";

    /** Empty settings (no {@code REDIS_URL}) mean: no Redis. */
    public static Optional<RedisSettings> from(Settings settings) {
        return settings.get("REDIS_URL").map(url -> new RedisSettings(url,
                settings.get("OSINT_REDIS_PREFIX", DEFAULT_PREFIX),
                settings.seconds("OSINT_REDIS_TIMEOUT", 5)));
    }
}
