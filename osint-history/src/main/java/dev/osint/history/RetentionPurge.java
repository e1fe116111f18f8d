package dev.osint.history;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes scans older than {@code OSINT_HISTORY_RETENTION_DAYS}: a minute after start, then once a day. */
final class RetentionPurge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final HistoryStore store;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("history-retention").factory());

    RetentionPurge(HistoryStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    RetentionPurge start() {
        timer.scheduleWithFixedDelay(this::purgeNow, 60, TimeUnit.DAYS.toSeconds(1), TimeUnit.SECONDS);
        return this;
    }

    /** One purge; failures are logged and the next day tries again. */
    long purgeNow() {
        try {
            long purged = store.purgeBefore(clock.instant().minus(retention));
            if (purged > 0) {
                log.info("history: purged {} scan(s) older than {} days", purged, retention.toDays());
            }
            return purged;
        } catch (RuntimeException e) {
            log.warn("history: retention purge failed, will retry tomorrow: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
