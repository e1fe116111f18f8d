package dev.osint.queue;

import dev.osint.core.Settings;
import java.time.Duration;

/**
 * How long a broker keeps things: the lease a worker holds on a running task, finished results, and
 * how old a heartbeat may be before its worker counts as gone.
 */
public record BrokerSettings(Duration lease, Duration resultExpiry, Duration workerTimeout) {
    public static final BrokerSettings DEFAULTS = new BrokerSettings(Duration.ofSeconds(30), Duration.ofHours(1),
            Duration.ofSeconds(15));

    public static BrokerSettings from(Settings settings) {
        return new BrokerSettings(
                settings.seconds("OSINT_LEASE_SECONDS", DEFAULTS.lease.toSeconds()),
                settings.seconds("OSINT_RESULT_EXPIRES", DEFAULTS.resultExpiry.toSeconds()),
                settings.seconds("OSINT_WORKER_TIMEOUT", DEFAULTS.workerTimeout.toSeconds()));
    }
}
