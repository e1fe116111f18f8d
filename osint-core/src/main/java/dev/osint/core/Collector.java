package dev.osint.core;

/**
 * A source of findings about a target, found through {@link java.util.ServiceLoader}.
 * Implementations are stateless; one instance serves every task at once.
 */
public interface Collector {
    CollectorSpec spec();

    /**
     * Runs the scan. Throws {@link RetryableCollectorException} for what is worth another try (timeouts,
     * 5xx, 429) and {@link CollectorException} for what is not (missing or refused key, malformed answer);
     * honours interruption, which is how cancellation and the soft time limit arrive.
     */
    CollectorOutput collect(ScanContext context) throws Exception;
}
