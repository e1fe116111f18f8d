package dev.osint.queue.testing;

import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Settings;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.Brokers;
import dev.osint.queue.PingCollector;
import dev.osint.queue.redis.RedisBroker;
import dev.osint.queue.redis.RedisSettings;
import dev.osint.queue.worker.ScanEnvironment;
import dev.osint.queue.ScriptedCollector;
import dev.osint.queue.worker.Worker;
import dev.osint.queue.worker.WorkerSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A worker process on Redis, for tests and benchmarks that need real processes (to kill one, or to measure):
 * {@code WorkerProcess <redis-url> <prefix> <worker-name> <lease-ms> <concurrency> [<history-backlog>]}. Runs the
 * built-in {@code ping} task and {@code nap}, which counts its runs per task in Redis and sleeps {@code sleep_ms}.
 */
public final class WorkerProcess {
    private WorkerProcess() {}

    /** The hash where {@code nap} counts runs: task id → how many times a worker started it. */
    public static String runsKey(String prefix) {
        return "{" + prefix + "}:test-runs";
    }

    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        String prefix = args[1];
        Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
        Settings settings = new Settings(Map.of("REDIS_URL", url, "OSINT_REDIS_PREFIX", prefix,
                "OSINT_WORKER_NAME", args[2], "OSINT_WORKER_CONCURRENCY", args[4], "OSINT_WORKER_QUEUES", "default",
                "OSINT_LEASE_SECONDS", Double.toString(lease.toMillis() / 1000.0)));
        int finishedBacklog = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        RedisBroker broker = new RedisBroker(RedisSettings.from(settings).orElseThrow(), BrokerSettings.from(settings),
                finishedBacklog);
        RedisCommands<String, String> counter = RedisClient.create(url).connect().sync();
        ScriptedCollector nap = new ScriptedCollector("nap", (context, run) -> {
            counter.hincrby(runsKey(prefix), context.taskId(), 1);
            Thread.sleep(context.options().integer("sleep_ms"));
            return CollectorOutput.found(Map.of("napped_ms", context.options().integer("sleep_ms")), List.of());
        });
        Worker worker = new Worker(broker, new CollectorRegistry(List.of(new PingCollector(), nap)),
                WorkerSettings.from(settings), ScanEnvironment.from(settings, Brokers.rateLimiterFor(broker)), lease);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> worker.shutdown(Duration.ofSeconds(5))));
        worker.start();
        Thread.currentThread().join();
    }

    /** Starts this main in a JVM of its own, on the test's class path, logging to {@code log}. */
    public static Process start(Path log, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
