package dev.osint.queue;

import dev.osint.core.Settings;
import dev.osint.queue.memory.MemoryBroker;
import dev.osint.queue.redis.RedisBroker;
import dev.osint.queue.redis.RedisSettings;
import java.util.Optional;

/** Opens the broker the settings ask for: in memory by default, Redis when {@code REDIS_URL} is set. */
public final class Brokers {
    /**
     * Finished tasks the in-memory broker keeps at most (as Flower keeps 10,000): about 2 KB each for a small
     * result, so that a flood of short scans stays within the heap; older ones are read from the history.
     */
    public static final int MEMORY_MAX_FINISHED = 10_000;
    /**
     * {@code OSINT_HISTORY_BACKLOG_MB}: the most heap, in MB (estimated), that the in-memory broker's finished tasks
     * waiting for the history writer hold, whatever their count: ~34,000 ping scans, a share of the heap's default
     * cap that leaves the rest to serving (see {@code bin/jvm-options.sh}).
     */
    public static final int MEMORY_HISTORY_BACKLOG_MB = 64;

    private Brokers() {}

    /** Keeps finished tasks for the history writer unless {@code OSINT_HISTORY=off}. */
    public static Broker open(Settings settings) {
        BrokerSettings brokerSettings = BrokerSettings.from(settings);
        int finishedBacklog = FinishedTasks.backlogFrom(settings);
        Optional<RedisSettings> redis = RedisSettings.from(settings);
        if (redis.isPresent()) {
            return new RedisBroker(redis.get(), brokerSettings, finishedBacklog,
                    FinishedTasks.claimAfterFrom(settings));
        }
        int finishedKept = settings.integer("OSINT_MEMORY_MAX_FINISHED", MEMORY_MAX_FINISHED);
        if (finishedKept < 1) {
            throw new IllegalArgumentException("OSINT_MEMORY_MAX_FINISHED must be at least 1, got " + finishedKept);
        }
        int backlogMegabytes = settings.integer("OSINT_HISTORY_BACKLOG_MB", MEMORY_HISTORY_BACKLOG_MB);
        if (backlogMegabytes < 1) {
            throw new IllegalArgumentException("OSINT_HISTORY_BACKLOG_MB must be at least 1, got " + backlogMegabytes
                    + " (to turn history off set OSINT_HISTORY=off)");
        }
        return new MemoryBroker(brokerSettings, java.time.Clock.systemUTC(), finishedBacklog,
                backlogMegabytes * 1024L * 1024L, finishedKept);
    }

    /** The rate limiter that matches {@code broker}: shared through Redis, or local to this process. */
    public static RateLimiter rateLimiterFor(Broker broker) {
        return broker.rateLimiter();
    }
}
