package dev.osint.cli;

import dev.osint.core.Json;
import dev.osint.core.TaskRecord;
import dev.osint.queue.Broker;
import dev.osint.queue.ScanRequest;
import dev.osint.queue.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osint inspect}: what the workers are doing, as Celery's inspect shows it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Look inside the running system (needs REDIS_URL to see other processes):",
                "  active     tasks running now, per worker",
                "  scheduled  tasks waiting for a retry",
                "  registered collectors the system knows",
                "  stats      each worker's counters and heartbeat",
                "  ping       a ping task through each queue; prints which worker answered and how fast"})
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WHAT", description = "active, scheduled, registered, stats or ping")
    String what;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "5", description = "Seconds to wait for ping answers (default 5).")
    double timeout;

    @Override
    public Integer call() throws InterruptedException {
        Main.quietLogs();
        try (OsintRuntime runtime = new OsintRuntime(Main.settings())) {
            Object answer = switch (what) {
                case "active" -> tasks(runtime.broker.active());
                case "scheduled" -> tasks(runtime.broker.scheduled());
                case "registered" -> runtime.registry.all().stream().map(c -> c.spec().type() + " ("
                        + c.spec().name() + ", queue " + c.spec().queue() + ")").toList();
                case "stats" -> stats(runtime.broker.workers());
                case "ping" -> ping(runtime);
                default -> throw new IllegalArgumentException("inspect takes active, scheduled, registered, stats"
                        + " or ping, not '" + what + "'");
            };
            print(answer);
            if (answer instanceof List<?> list && what.equals("ping") && list.stream()
                    .anyMatch(row -> row.toString().contains("no answer"))) {
                return Main.SCAN_FAILED;
            }
            return Main.OK;
        }
    }

    private static List<Map<String, Object>> tasks(List<TaskRecord> records) {
        return records.stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task_id", t.id());
            row.put("type", t.type());
            row.put("target", t.target().value());
            row.put("state", t.state().name());
            row.put("worker", t.worker());
            row.put("retries", t.retries());
            row.put("progress", t.progress());
            return row;
        }).toList();
    }

    private static List<Map<String, Object>> stats(List<WorkerInfo> workers) {
        Instant now = Instant.now();
        return workers.stream().map(w -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", w.name());
            row.put("host", w.host());
            row.put("pid", w.pid());
            row.put("queues", w.queues());
            row.put("concurrency", w.concurrency());
            row.put("active", w.active());
            row.put("processed", w.processed());
            row.put("failed", w.failed());
            row.put("uptime_s", Duration.between(w.startedAt(), now).toSeconds());
            row.put("heartbeat_age_s", Duration.between(w.heartbeatAt(), now).toMillis() / 1000.0);
            return row;
        }).toList();
    }

    /** A ping task per queue that some worker serves (or "default"), each timed from enqueue to its answer. */
    private List<String> ping(OsintRuntime runtime) throws InterruptedException {
        Broker broker = runtime.broker;
        TreeSet<String> queues = new TreeSet<>();
        broker.workers().forEach(w -> queues.addAll(w.queues()));
        if (queues.isEmpty()) {
            queues.add("default");
        }
        Map<String, TaskRecord> sent = new LinkedHashMap<>();
        Map<String, Long> sentAt = new LinkedHashMap<>();
        for (String queue : queues) {
            TaskRecord task = runtime.scans.submitTo(new ScanRequest("ping.invalid", "ping", Map.of(), null, null),
                    queue);
            sent.put(queue, task);
            sentAt.put(queue, System.nanoTime());
        }
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        Map<String, String> answers = new LinkedHashMap<>();
        while (answers.size() < sent.size() && System.nanoTime() < deadline) {
            for (Map.Entry<String, TaskRecord> entry : sent.entrySet()) {
                if (answers.containsKey(entry.getKey())) {
                    continue;
                }
                TaskRecord now = broker.get(entry.getValue().id()).orElse(null);
                if (now != null && now.state().isFinal()) {
                    long ms = (System.nanoTime() - sentAt.get(entry.getKey())) / 1_000_000;
                    answers.put(entry.getKey(), now.result() == null ? now.state() + ": " + now.error()
                            : "pong from " + now.result().data().get("worker") + " in " + ms + " ms");
                }
            }
            Thread.sleep(20);
        }
        return sent.keySet().stream().map(q -> "queue " + q + ": " + answers.getOrDefault(q,
                "no answer within " + timeout + " s (is a worker serving it?)")).toList();
    }

    private void print(Object answer) {
        if (json) {
            System.out.println(Json.write(answer));
        } else if (answer instanceof List<?> list) {
            if (list.isEmpty()) {
                System.out.println("(none)");
            }
            list.forEach(row -> System.out.println(row instanceof Map<?, ?> ? Json.write(row) : row));
        }
    }
}
