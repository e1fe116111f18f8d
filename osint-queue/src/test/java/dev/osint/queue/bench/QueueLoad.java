package dev.osint.queue.bench;

import dev.osint.core.Priority;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.redis.RedisBroker;
import dev.osint.queue.redis.RedisSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The load side of {@code bench/queue/run.sh}: enqueues N {@code ping} tasks from several threads into Redis,
 * waits until the workers wrote N final states, and prints tasks per second from the first enqueue to the
 * last SUCCESS, with enqueue latency percentiles under that load and for a single caller. Not a test: figures
 * depend on the machine.
 *
 * <p>{@code QueueLoad <redis-url> <prefix> <tasks> <enqueue-threads> <label>}
 */
public final class QueueLoad {
    private static final int PROBE = 2000;
    private QueueLoad() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String prefix = args[1];
        int tasks = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        String label = args[4];
        try (RedisBroker broker = new RedisBroker(new RedisSettings(url, prefix, Duration.ofSeconds(10)),
                BrokerSettings.DEFAULTS)) {
            awaitWorkers(broker);
            run(broker, Math.max(1000, tasks / 10), threads); // warm-up: JIT in every process, not measured
            long[] latencies = new long[tasks];
            long start = System.nanoTime();
            run(broker, tasks, threads, latencies);
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            long failed = done(broker) - count(broker, TaskState.SUCCESS);
            // one caller at a time, workers idle but listening: the latency an API request sees
            long[] single = new long[PROBE];
            run(broker, PROBE, 1, single);
            Arrays.sort(single);
            System.out.printf("%s: %d ping tasks, enqueue to SUCCESS in %.2f s -> %.0f tasks/s;"
                            + " enqueue latency p50 %.3f ms, p99 %.3f ms (%d callers);"
                            + " single caller p50 %.3f ms, p99 %.3f ms; not SUCCESS: %d%n",
                    label, tasks, seconds, tasks / seconds, latencies[tasks / 2] / 1e6,
                    latencies[(int) (tasks * 0.99)] / 1e6, threads, single[PROBE / 2] / 1e6,
                    single[(int) (PROBE * 0.99)] / 1e6, failed);
        }
    }

    private static void awaitWorkers(RedisBroker broker) throws InterruptedException {
        while (broker.workers().isEmpty()) {
            Thread.sleep(50);
        }
    }

    private static void run(RedisBroker broker, int tasks, int threads) throws Exception {
        run(broker, tasks, threads, new long[tasks]);
    }

    /** Enqueues {@code tasks} and returns once that many more final states were written. */
    private static void run(RedisBroker broker, int tasks, int threads, long[] latencies) throws Exception {
        long target = done(broker) + tasks;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            senders.add(pool.submit(() -> {
                for (int i = first; i < tasks; i += threads) {
                    TaskRecord task = TaskRecord.pending(UUID.randomUUID().toString(), "ping",
                            new Target(TargetKind.DOMAIN, "t" + (i % 200) + ".bench.test"), Map.of(), "default",
                            Priority.NORMAL, null, Instant.now());
                    long sent = System.nanoTime();
                    broker.enqueue(task);
                    latencies[i] = System.nanoTime() - sent;
                }
                return null;
            }));
        }
        for (Future<?> sender : senders) {
            sender.get();
        }
        pool.shutdown();
        while (done(broker) < target) {
            Thread.sleep(2);
        }
    }

    private static long done(RedisBroker broker) {
        return broker.finishedCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    private static long count(RedisBroker broker, TaskState state) {
        return broker.finishedCounts().getOrDefault(state, 0L);
    }
}
