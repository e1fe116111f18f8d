package dev.osint.core;

import java.time.Duration;

/** How many upstream requests a collector may make per period, across all workers. */
public record RateLimit(int permits, Duration period) {
    public static final RateLimit UNLIMITED = new RateLimit(0, Duration.ZERO);

    public static RateLimit perSecond(int permits) {
        return new RateLimit(permits, Duration.ofSeconds(1));
    }

    public static RateLimit perMinute(int permits) {
        return new RateLimit(permits, Duration.ofMinutes(1));
    }

    public boolean isUnlimited() {
        return permits <= 0;
    }

    @Override
    public String toString() {
        return isUnlimited() ? "unlimited" : permits + " per " + period.toSeconds() + " s";
    }
}
