package dev.osint.collectors.identity;

import static org.awaitility.Awaitility.await;

import dev.osint.core.Collector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Priority;
import dev.osint.core.Settings;
import dev.osint.core.TaskRecord;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.LocalRateLimiter;
import dev.osint.queue.memory.MemoryBroker;
import dev.osint.queue.worker.ScanEnvironment;
import dev.osint.queue.ScanRequest;
import dev.osint.queue.ScanService;
import dev.osint.queue.worker.Worker;
import dev.osint.queue.worker.WorkerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real queue an identity scan runs on in tests: an in-memory broker, one worker, and the collectors given. */
final class IdentityQueue implements AutoCloseable {
    private static final Duration LEASE = Duration.ofSeconds(5);

    final MemoryBroker broker = new MemoryBroker(new BrokerSettings(LEASE, Duration.ofMinutes(5),
            Duration.ofSeconds(10)));
    final ScanService scans;
    private final Worker worker;

    IdentityQueue(List<Collector> collectors) {
        this(collectors, Map.of());
    }

    /** With settings for the collectors, such as an upstream's base URL. */
    IdentityQueue(List<Collector> collectors, Map<String, String> collectorSettings) {
        List<Collector> all = new ArrayList<>(collectors);
        all.add(new IdentityCollector());
        CollectorRegistry registry = new CollectorRegistry(all);
        Settings settings = new Settings(Map.of("OSINT_WORKER_CONCURRENCY", "4", "OSINT_TASK_MAX_RETRIES", "0",
                "OSINT_WORKER_HEARTBEAT", "1")).with(collectorSettings);
        scans = new ScanService(registry, broker);
        worker = new Worker(broker, registry, WorkerSettings.from(settings).withName("identity-test"),
                ScanEnvironment.from(settings, new LocalRateLimiter()), LEASE).start();
    }

    TaskRecord submit(String target, Map<String, Object> options) {
        return scans.submit(new ScanRequest(target, "identity", options, Priority.NORMAL, null));
    }

    TaskRecord status(String taskId) {
        return broker.get(taskId).orElseThrow();
    }

    /** Waits until the task ended, and answers its record. */
    TaskRecord awaitEnd(TaskRecord task) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status(task.id()).state().isFinal());
        return status(task.id());
    }

    @Override
    public void close() {
        worker.shutdown(Duration.ofSeconds(1));
        broker.close();
    }
}
