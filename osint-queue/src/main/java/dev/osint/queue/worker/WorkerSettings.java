package dev.osint.queue.worker;

import dev.osint.core.Settings;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How a worker runs tasks. Defaults follow the seed's Celery settings (3 retries, soft limit 240 s, hard 300 s).
 *
 * @param concurrency tasks at once; collectors wait on the network, so virtual threads make a high number cheap
 * @param maxTasks    after this many tasks the worker drains and stops (0: never), like max-tasks-per-child
 */
public record WorkerSettings(String name, List<String> queues, int concurrency, int maxRetries, Duration backoffBase,
                             Duration backoffMax, Duration softTimeLimit, Duration hardTimeLimit, int maxTasks,
                             Duration heartbeat, Duration shutdownGrace) {
    /**
     * 32 tasks at once by default: scans spend nearly all their time waiting on DNS and HTTP, so one process
     * serves many on virtual threads, while upstream rate limits, not CPU, bound the useful number.
     */
    public static final int DEFAULT_CONCURRENCY = 32;

    public static WorkerSettings from(Settings settings) {
        return new WorkerSettings(
                settings.get("OSINT_WORKER_NAME", defaultName()),
                Arrays.stream(settings.get("OSINT_WORKER_QUEUES", "default,slow").split(","))
                        .map(String::strip).filter(q -> !q.isEmpty()).toList(),
                settings.integer("OSINT_WORKER_CONCURRENCY", DEFAULT_CONCURRENCY),
                settings.integer("OSINT_TASK_MAX_RETRIES", 3),
                settings.seconds("OSINT_RETRY_BACKOFF", 1),
                settings.seconds("OSINT_RETRY_BACKOFF_MAX", 600),
                settings.seconds("OSINT_TASK_SOFT_TIME_LIMIT", 240),
                settings.seconds("OSINT_TASK_TIME_LIMIT", 300),
                settings.integer("OSINT_WORKER_MAX_TASKS", 0),
                settings.seconds("OSINT_WORKER_HEARTBEAT", 2),
                settings.seconds("OSINT_SHUTDOWN_GRACE", 30));
    }

    public WorkerSettings withName(String newName) {
        return new WorkerSettings(newName, queues, concurrency, maxRetries, backoffBase, backoffMax, softTimeLimit,
                hardTimeLimit, maxTasks, heartbeat, shutdownGrace);
    }

    public WorkerSettings withConcurrency(int newConcurrency) {
        return new WorkerSettings(name, queues, newConcurrency, maxRetries, backoffBase, backoffMax, softTimeLimit,
                hardTimeLimit, maxTasks, heartbeat, shutdownGrace);
    }

    public WorkerSettings withQueues(List<String> newQueues) {
        return new WorkerSettings(name, newQueues, concurrency, maxRetries, backoffBase, backoffMax, softTimeLimit,
                hardTimeLimit, maxTasks, heartbeat, shutdownGrace);
    }

    /** {@code worker@host:pid}, as Celery names its nodes. */
    public static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return "worker@" + host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    /** The delay before retry number {@code retries + 1}: base·2^retries, capped, with jitter in [½, 1]. */
    public Duration backoff(int retries, double random) {
        double base = backoffBase.toMillis() * Math.pow(2, Math.min(retries, 30));
        double capped = Math.min(base, backoffMax.toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + random / 2)));
    }
}
