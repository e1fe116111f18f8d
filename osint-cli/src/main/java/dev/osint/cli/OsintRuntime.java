package dev.osint.cli;

import dev.osint.collectors.net.UpstreamBreakers;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Settings;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.Brokers;
import dev.osint.queue.worker.ScanEnvironment;
import dev.osint.queue.ScanService;
import dev.osint.queue.worker.Worker;
import dev.osint.queue.worker.WorkerSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/**
 * One process's parts, wired from settings: the broker, the collectors, the scan service, an optional worker, the
 * metrics registry and the circuit breakers of the upstreams this process calls.
 */
final class OsintRuntime implements AutoCloseable {
    final Settings settings;
    final Broker broker;
    final CollectorRegistry registry;
    final ScanService scans;
    /** Every metric of this process: the API's, and its workers' upstream calls and circuit breakers. */
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final UpstreamBreakers upstreams;
    private Worker worker;

    OsintRuntime(Settings settings) {
        this.settings = settings;
        this.upstreams = UpstreamBreakers.fromSettings(settings, metrics);
        this.broker = Brokers.open(settings);
        this.registry = CollectorRegistry.load();
        this.scans = new ScanService(registry, broker, settings);
    }

    /** Starts a worker in this process; {@code concurrency} 0 starts none. */
    OsintRuntime withWorker(WorkerSettings workerSettings) {
        if (workerSettings.concurrency() > 0) {
            worker = new Worker(broker, registry, workerSettings,
                    ScanEnvironment.from(settings, Brokers.rateLimiterFor(broker), upstreams),
                    BrokerSettings.from(settings).lease()).start();
        }
        return this;
    }

    Optional<Worker> worker() {
        return Optional.ofNullable(worker);
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close(); // warm shutdown within OSINT_SHUTDOWN_GRACE
        }
        broker.close();
        metrics.close();
    }
}
