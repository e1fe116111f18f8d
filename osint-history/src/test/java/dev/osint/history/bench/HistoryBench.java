package dev.osint.history.bench;

import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.ScanResult;
import dev.osint.core.Settings;
import dev.osint.core.TaskState;
import dev.osint.history.EntityQuery;
import dev.osint.history.HistoryRecord;
import dev.osint.history.HistorySettings;
import dev.osint.history.HistoryStore;
import dev.osint.history.HistoryStores;
import dev.osint.history.HistoryWriter;
import dev.osint.core.TaskRecord;
import dev.osint.queue.FinishedTasks;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import dev.osint.core.StateChange;
import dev.osint.history.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The history's speed: {@code HistoryBench write <store> <tasks> <runs>} writes finished scans shaped like a
 * dns scan (a 1 KB result, five entities; {@code write <store> <tasks> <runs> 0}: no entities and a small result, as
 * a ping's) through {@link HistoryWriter} from an in-memory feed, as a server
 * writes them (batches of 500, acknowledged after their commit), and prints tasks/s per run
 * ({@code write-store}: the same records straight into the store, one batch of 500 after the other);
 * {@code HistoryBench lookup <store> <entities> <lookups>} fills a history with that many entities (ten per scan,
 * a pool of values shared between scans as real ones are) and times exact entity lookups, printing p50 and p99.
 * {@code <store>} is {@code sqlite} (a file in a temporary directory) or {@code postgresql} (the cluster
 * {@link TestPostgres} starts, or {@code OSINT_TEST_DATABASE_URL}).
 */
public final class HistoryBench {
    private static final int BATCH = 500;
    /** Scans written before the measured runs, so that they measure compiled code rather than the JIT. */
    private static final int WARM_UP = 20_000;
    /** PostgreSQL's JDBC URL when the store is PostgreSQL: its processes' CPU is read through it. */
    private static String postgresUrl;

    private HistoryBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        try (HistoryStore store = open(args[1])) {
            store.count();
            applySchemaVariant();
            if (mode.equals("write")) {
                write(store, Integer.parseInt(args[2]), Integer.parseInt(args[3]), true, entitiesPerScan(args));
            } else if (mode.equals("write-store")) {
                write(store, Integer.parseInt(args[2]), Integer.parseInt(args[3]), false, entitiesPerScan(args));
            } else {
                lookup(store, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            }
        }
    }

    /**
     * {@code HISTORY_BENCH_SQL}: statements run on the PostgreSQL database after its migrations, to compare a
     * schema variant (an index's storage parameters, a column's compression) with the same driver.
     */
    private static void applySchemaVariant() throws java.sql.SQLException {
        String variant = System.getenv("HISTORY_BENCH_SQL");
        if (postgresUrl == null || variant == null || variant.isBlank()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(postgresUrl, "osint", null);
             Statement statement = connection.createStatement()) {
            statement.execute(variant);
        }
    }

    private static HistoryStore open(String kind) throws Exception {
        if (kind.equals("sqlite")) {
            Path dir = Files.createTempDirectory("osint-history-bench");
            return HistoryStores.open(HistorySettings.from(new Settings(Map.of("OSINT_DATA_DIR", dir.toString()))));
        }
        String server = TestPostgres.server().orElseThrow(() -> new IllegalStateException("no PostgreSQL"));
        String database = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection("jdbc:" + server.replaceFirst("^postgres(ql)?://[^@/]*@",
                "postgresql://") + "/postgres", "osint", null); Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + database);
        }
        postgresUrl = "jdbc:" + server.replaceFirst("^postgres(ql)?://[^@/]*@", "postgresql://") + "/" + database;
        return HistoryStores.open(HistorySettings.from(new Settings(Map.of("OSINT_DATABASE_URL",
                server + "/" + database))));
    }

    /**
     * @param throughWriter true: the tasks go through {@link HistoryWriter} from an in-memory feed, as a server
     *                      writes them (polled, converted, written, acknowledged after the commit); false: the
     *                      records straight into {@link HistoryStore#write}, one batch after the other
     */
    private static int entitiesPerScan(String[] args) {
        return args.length > 4 ? Integer.parseInt(args[4]) : 5;
    }

    private static void write(HistoryStore store, int tasks, int runs, boolean throughWriter, int entitiesPerScan) {
        Random random = new Random(1);
        ReadyTasks feed = new ReadyTasks();
        try (HistoryWriter writer = throughWriter ? new HistoryWriter(feed, store, Clock.systemUTC()).start() : null) {
            // warm-up: the compiled code is measured, as in a server that has been writing for a while
            write(store, feed, throughWriter, generate(WARM_UP, random, entitiesPerScan));
            for (int run = 1; run <= runs; run++) {
                List<HistoryRecord> records = generate(tasks, random, entitiesPerScan);
                long jvmBefore = jvmCpuNanos();
                long databaseBefore = postgresCpuNanos();
                long start = System.nanoTime();
                write(store, feed, throughWriter, records);
                double seconds = (System.nanoTime() - start) / 1e9;
                double jvmMicros = (jvmCpuNanos() - jvmBefore) / 1e3 / tasks;
                double databaseMicros = (postgresCpuNanos() - databaseBefore) / 1e3 / tasks;
                System.out.printf("%s write run %d: %d tasks in %.2f s -> %.0f tasks/s; CPU per task: writer JVM %.0f"
                        + " µs, PostgreSQL %.0f µs; load average %s%n", store.kind(), run, tasks, seconds,
                        tasks / seconds, jvmMicros, databaseMicros, loadAverage());
            }
            if (writer != null && writer.status().rejected() > 0) {
                throw new IllegalStateException("the writer left out " + writer.status().rejected() + " task(s)");
            }
        }
    }

    private static void write(HistoryStore store, ReadyTasks feed, boolean throughWriter,
                              List<HistoryRecord> records) {
        if (throughWriter) {
            List<TaskRecord> tasks = records.stream().map(HistoryRecord::toTaskRecord).toList();
            feed.offerAndAwait(tasks);
        } else {
            write(store, records);
        }
    }

    private static void write(HistoryStore store, List<HistoryRecord> records) {
        for (int i = 0; i < records.size(); i += BATCH) {
            store.write(records.subList(i, Math.min(records.size(), i + BATCH)));
        }
    }

    /** Finished tasks waiting in memory, as the in-memory broker keeps them for the writer. */
    private static final class ReadyTasks implements FinishedTasks {
        private final LinkedBlockingQueue<Delivery> waiting = new LinkedBlockingQueue<>();
        private final AtomicLong ids = new AtomicLong();
        private long acknowledged;
        private long offered;

        /** Hands the tasks to the writer and returns once it has acknowledged every one (after their commit). */
        synchronized void offerAndAwait(List<TaskRecord> tasks) {
            offered += tasks.size();
            for (TaskRecord task : tasks) {
                waiting.add(new Delivery(Long.toString(ids.incrementAndGet()), task));
            }
            while (acknowledged < offered) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public List<Delivery> poll(int most, Duration wait) throws InterruptedException {
            Delivery first = waiting.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            if (first == null) {
                return List.of();
            }
            List<Delivery> batch = new ArrayList<>(most);
            batch.add(first);
            waiting.drainTo(batch, most - 1);
            return batch;
        }

        @Override
        public synchronized void ack(List<Delivery> delivered) {
            acknowledged += delivered.size();
            notifyAll();
        }

        @Override
        public long backlog() {
            return waiting.size();
        }

        @Override
        public long dropped() {
            return 0;
        }
    }

    /** CPU time of this JVM (the writer, and SQLite inside it), all threads. */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of PostgreSQL's processes (backends and its background workers), from /proc; 0 for SQLite. */
    private static long postgresCpuNanos() {
        if (postgresUrl == null) {
            return 0;
        }
        long ticks = 0;
        try (Connection connection = DriverManager.getConnection(postgresUrl, "osint", null);
             Statement select = connection.createStatement();
             java.sql.ResultSet pids = select.executeQuery("SELECT pid FROM pg_stat_activity")) {
            while (pids.next()) {
                try {
                    String stat = Files.readString(Path.of("/proc", Integer.toString(pids.getInt(1)), "stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                } catch (java.io.IOException e) {
                    // the process ended in between
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void lookup(HistoryStore store, int entities, int lookups) {
        Random random = new Random(2);
        int scans = entities / 10;
        long start = System.nanoTime();
        for (int i = 0; i < scans; i += 5_000) {
            write(store, generate(Math.min(5_000, scans - i), random, 10));
        }
        System.out.printf("%s: filled %d scans, %d entities in %.1f s%n", store.kind(), scans, scans * 10L,
                (System.nanoTime() - start) / 1e9);
        for (int i = 0; i < 2_000; i++) {
            query(store, random); // warm-up
        }
        long[] nanos = new long[lookups];
        for (int i = 0; i < lookups; i++) {
            long begin = System.nanoTime();
            query(store, random);
            nanos[i] = System.nanoTime() - begin;
        }
        Arrays.sort(nanos);
        System.out.printf("%s lookup over %d entities: %d lookups, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                store.kind(), scans * 10L, lookups, nanos[lookups / 2] / 1e6, nanos[(int) (lookups * 0.99)] / 1e6,
                nanos[lookups - 1] / 1e6);
    }

    private static void query(HistoryStore store, Random random) {
        store.entity(new EntityQuery(null, ip(random.nextInt(POOL)), null, 100, null));
    }

    /** Values repeat across scans (an address seen by many), as they do in a real history. */
    private static final int POOL = 200_000;

    private static String ip(int n) {
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private static List<HistoryRecord> generate(int count, Random random, int entitiesPerScan) {
        List<HistoryRecord> records = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String target = "host" + random.nextInt(1_000_000) + ".example.com";
            List<Entity> entities = new ArrayList<>();
            List<Map<String, Object>> dnsRecords = new ArrayList<>();
            for (int e = 0; e < entitiesPerScan; e++) {
                String ip = ip(random.nextInt(POOL));
                entities.add(Entity.of(EntityKind.IP, ip, "dns", Map.of("record_type", "A", "name", target)));
                dnsRecords.add(Map.of("type", "A", "name", target, "value", ip, "ttl", 300));
            }
            Instant at = now.minusMillis(random.nextInt(86_400_000));
            ScanResult result = new ScanResult(UUID.randomUUID().toString(), "DNSCollector", target, true,
                    Map.of("dns_records", dnsRecords, "nameservers", List.of("ns1.example.com", "ns2.example.com"),
                            "spf", Map.of("raw", "v=spf1 include:_spf.example.com ~all", "valid", true)),
                    entities, at, Map.of("queries", 8));
            records.add(new HistoryRecord(UUID.randomUUID().toString(), "dns", target, "domain", TaskState.SUCCESS,
                    true, null, Map.of("record_types", "A,AAAA,MX"), "default", "normal", null, "worker@bench", null,
                    0, at.minusSeconds(2), at.minusSeconds(1), at, List.of(new StateChange(TaskState.PENDING,
                    at.minusSeconds(2)), new StateChange(TaskState.STARTED, at.minusSeconds(1)),
                    new StateChange(TaskState.SUCCESS, at)), result));
        }
        return records;
    }
}
