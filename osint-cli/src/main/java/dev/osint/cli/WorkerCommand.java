package dev.osint.cli;

import dev.osint.core.Settings;
import dev.osint.queue.worker.WorkerSettings;
import dev.osint.server.WorkerMetricsServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osint worker}: runs scans from the Redis queue until stopped or its task budget is spent. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run scans from the shared queue (needs REDIS_URL).",
                "SIGTERM is a warm shutdown: running scans get OSINT_SHUTDOWN_GRACE seconds, the rest go back."})
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--queues", split = ",", description = "Queues to serve (default: OSINT_WORKER_QUEUES, else default,slow).")
    String[] queues;

    @Option(names = "--concurrency", description = "Tasks at once (default: OSINT_WORKER_CONCURRENCY, else "
            + WorkerSettings.DEFAULT_CONCURRENCY + ").")
    Integer concurrency;

    @Option(names = "--name", description = "Worker name (default: worker@HOST:PID).")
    String name;

    @Option(names = "--metrics-port", paramLabel = "N", description = "Serve this worker's own Prometheus /metrics"
            + " on port N of OSINT_HOST (default: OSINT_WORKER_METRICS_PORT, else none).")
    Integer metricsPort;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = Main.settings();
        if (settings.get("REDIS_URL").isEmpty()) {
            throw new IllegalArgumentException("osint worker serves the shared Redis queue: set REDIS_URL"
                    + " (e.g. redis://localhost:6379/0). Without it, `osint server` runs its own worker.");
        }
        WorkerSettings workerSettings = WorkerSettings.from(settings);
        if (queues != null) workerSettings = workerSettings.withQueues(Arrays.asList(queues));
        if (concurrency != null) workerSettings = workerSettings.withConcurrency(concurrency);
        if (name != null) workerSettings = workerSettings.withName(name);
        if (workerSettings.concurrency() < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1");
        }
        int port = metricsPort != null ? metricsPort : settings.integer("OSINT_WORKER_METRICS_PORT", 0);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--metrics-port (OSINT_WORKER_METRICS_PORT) must be in 1..65535, got "
                    + port);
        }
        OsintRuntime runtime = new OsintRuntime(settings).withWorker(workerSettings);
        WorkerMetricsServer metrics = port == 0 ? null
                : WorkerMetricsServer.start(runtime.worker().orElseThrow(), runtime.metrics,
                        settings.get("OSINT_HOST", "127.0.0.1"), port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (metrics != null) {
                metrics.close();
            }
            runtime.close();
            stopped.countDown();
        }, "warm-shutdown"));
        if (workerSettings.maxTasks() > 0) {
            // like Celery's max-tasks-per-child: drain, exit, and let the supervisor start a fresh process
            while (!runtime.worker().orElseThrow().awaitDrained(Duration.ofSeconds(1))) {
                // awaitDrained blocks for up to a second each time round
            }
            System.exit(Main.OK);
        }
        stopped.await();
        return Main.OK;
    }
}
