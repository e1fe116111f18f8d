package dev.osint.collectors.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Json;
import dev.osint.queue.worker.WorkerSettings;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The metadata benchmark's runner (bench/metadata/run.sh), not a test. Writes a corpus of mixed files (JPEG with
 * EXIF, GPS, XMP and IPTC; PNG with XMP; PDF; DOCX), then times the collector's extraction over it in this warm JVM
 * (on one thread, and as a worker runs scans: a virtual thread each, up to its concurrency) beside
 * {@code exiftool -json -n} in batch mode (one process over all files, and two over half each, one per core), and
 * checks that both found the same key fields.
 *
 * <p>A timed run is whole passes over the corpus until at least {@code seconds} have gone by, so that a run is long
 * enough for the JIT and the collector to be steady and a pause or a burst of other work on the machine is a small
 * part of it. Beside wall time each run reports where the CPU went: the whole JVM's CPU time, the CPU time of the
 * threads that extract (the calling thread, or the virtual threads' carriers), the JIT compiler threads' and the
 * VM and GC threads' CPU time, and the GC's pause time over the run; exiftool's is user plus system time of its
 * processes.
 *
 * <p>Arguments: corpus-directory files runs [per-file-runs (exiftool once per file; 0 by default: it takes
 * minutes) [concurrency (the worker's default) [seconds per run (2)]]]
 */
public final class MetadataBench {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Warm-up windows at most: on a machine shared with builds the compilers may never quite settle. */
    private static final int MAX_WARM_UP_WINDOWS = 20;

    private MetadataBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int total = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        int perFileRuns = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : WorkerSettings.DEFAULT_CONCURRENCY;
        long minNanos = (long) ((args.length > 5 ? Double.parseDouble(args[5]) : 2.0) * 1e9);
        List<Path> corpus = writeCorpus(dir, total);
        long bytes = 0;
        for (Path file : corpus) {
            bytes += Files.size(file);
        }
        System.out.printf("corpus: %d files, %.1f MiB in %s; %d cores; JVM: %s; each timed run at least %.1f s%n",
                corpus.size(), bytes / 1048576.0, dir, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), minNanos / 1e9);

        MetadataExtractor extractor = new MetadataExtractor(MetadataLimits.DEFAULTS);
        Map<String, Map<String, Object>> ours = new LinkedHashMap<>();
        for (Path file : corpus) { // the results serve the comparison
            ours.put(file.getFileName().toString(), extractor.extract(Files.readAllBytes(file)).data(Map.of()));
        }
        String oneThread = "osint, one thread";
        String concurrent = "osint, worker concurrency " + concurrency + " (virtual threads)";
        Contestant ourOneThread = () -> repeat(minNanos, corpus.size(), () -> oursOneThread(extractor, corpus));
        Contestant ourConcurrent = () -> repeat(minNanos, corpus.size(),
                () -> oursConcurrent(extractor, corpus, concurrency));
        warmUp(ourOneThread, ourConcurrent);
        // each run times every contestant in turn, so a change in the machine's load hits them alike
        Map<String, List<Measure>> measures = new LinkedHashMap<>();
        JsonNode[] batch = new JsonNode[1];
        int half = corpus.size() / 2;
        for (int run = 1; run <= runs; run++) {
            record(oneThread, measures, run, ourOneThread);
            record(concurrent, measures, run, ourConcurrent);
            record("exiftool -json -n, one process over all files", measures, run,
                    () -> repeat(minNanos, corpus.size(), () -> exiftool(List.of(corpus), batch)));
            record("exiftool -json -n, two processes over half the files each", measures, run,
                    () -> repeat(minNanos, corpus.size(), () -> exiftool(
                            List.of(corpus.subList(0, half), corpus.subList(half, corpus.size())), null)));
        }
        for (int run = 1; run <= perFileRuns; run++) {
            record("exiftool -json -n, one process per file", measures, run, () -> {
                Measure sum = Measure.NONE;
                for (Path file : corpus) {
                    sum = sum.plus(exiftool(List.of(List.of(file)), null));
                }
                return sum.withFiles(corpus.size());
            });
        }

        int agree = agreement(ours, Objects.requireNonNull(batch[0]));
        System.out.println("medians (runs):");
        measures.forEach((name, list) -> {
            System.out.printf(Locale.ROOT, "  %s:%n    files/s %.0f %s; files per CPU second %.0f %s%n", name,
                    median(list, Measure::filesPerSecond), figures(list, Measure::filesPerSecond),
                    median(list, Measure::filesPerCpuSecond), figures(list, Measure::filesPerCpuSecond));
            if (list.get(0).workCpuNanos() > 0) {
                System.out.printf(Locale.ROOT, "    files per extracting-thread CPU second %.0f %s; extracting"
                        + " threads' share of the JVM's CPU %.0f%% %s; JIT compiler threads' share %.0f%% %s;"
                        + " VM and GC threads' share %.0f%% %s; GC pauses %.1f%% of wall %s;"
                        + " allocated KiB per file %.0f %s%n",
                        median(list, Measure::filesPerWorkCpuSecond), figures(list, Measure::filesPerWorkCpuSecond),
                        median(list, Measure::workShare), figures(list, Measure::workShare),
                        median(list, Measure::jitPercent), figures(list, Measure::jitPercent),
                        median(list, Measure::vmPercent), figures(list, Measure::vmPercent),
                        median(list, Measure::gcPercent), figures(list, Measure::gcPercent),
                        median(list, Measure::kibPerFile), figures(list, Measure::kibPerFile));
            }
        });
        System.out.printf("key fields agree on %d of %d files%n", agree, corpus.size());
    }

    /**
     * Not counted: windows of one timed run in each of our two modes, until the JVM is steady as a long-running
     * worker is, so that the JIT's compiling is not counted as the collector's cost. Steady means a window spent
     * under 1% of its CPU time compiling and each mode's CPU per file moved by under 5% from the window before; at
     * least three windows, and at most {@value #MAX_WARM_UP_WINDOWS} (the runs then report the compiling left).
     */
    private static void warmUp(Contestant oneThread, Contestant concurrent) throws Exception {
        double[] before = null;
        for (int window = 1; window <= MAX_WARM_UP_WINDOWS; window++) {
            Measure one = oneThread.run();
            Measure many = concurrent.run();
            double[] cpuPerFile = {one.cpuNanos() / (double) one.files(), many.cpuNanos() / (double) many.files()};
            double compiling = (one.jitCpuNanos() + many.jitCpuNanos()) / (double) (one.cpuNanos() + many.cpuNanos());
            System.out.printf(Locale.ROOT, "warm-up window %d: one thread %s; concurrent %s; compiling %.1f%% of"
                    + " the JVM's CPU%n", window, one, many, compiling * 100);
            boolean settled = before != null && Math.abs(cpuPerFile[0] / before[0] - 1) < 0.05
                    && Math.abs(cpuPerFile[1] / before[1] - 1) < 0.05;
            if (window >= 3 && compiling < 0.01 && settled) {
                System.out.printf("steady after %d warm-up windows%n", window);
                return;
            }
            before = cpuPerFile;
        }
        System.out.printf("not steady after %d warm-up windows: the runs' JIT figures say how much is left%n",
                MAX_WARM_UP_WINDOWS);
    }

    /**
     * One timed run: wall time; the JVM's CPU time (every thread, GC and compiler threads included) or exiftool's
     * (user plus system); the extracting threads' CPU time; the JIT compiler threads'; the VM and GC threads'; GC
     * pause time; bytes allocated.
     */
    record Measure(int files, long wallNanos, long cpuNanos, long workCpuNanos, long gcMillis, long jitCpuNanos,
            long vmCpuNanos, long allocatedBytes) {
        static final Measure NONE = new Measure(0, 0, 0, 0, 0, 0, 0, 0);

        Measure plus(Measure other) {
            return new Measure(files + other.files, wallNanos + other.wallNanos, cpuNanos + other.cpuNanos,
                    workCpuNanos + other.workCpuNanos, gcMillis + other.gcMillis, jitCpuNanos + other.jitCpuNanos,
                    vmCpuNanos + other.vmCpuNanos, allocatedBytes + other.allocatedBytes);
        }

        Measure withFiles(int count) {
            return new Measure(count, wallNanos, cpuNanos, workCpuNanos, gcMillis, jitCpuNanos, vmCpuNanos,
                    allocatedBytes);
        }

        double filesPerSecond() {
            return files / (wallNanos / 1e9);
        }

        double filesPerCpuSecond() {
            return files / (cpuNanos / 1e9);
        }

        double filesPerWorkCpuSecond() {
            return files / (workCpuNanos / 1e9);
        }

        double workShare() {
            return 100.0 * workCpuNanos / cpuNanos;
        }

        double gcPercent() {
            return gcMillis * 1e6 / wallNanos * 100;
        }

        double jitPercent() {
            return 100.0 * jitCpuNanos / cpuNanos;
        }

        double vmPercent() {
            return 100.0 * vmCpuNanos / cpuNanos;
        }

        double kibPerFile() {
            return allocatedBytes / 1024.0 / files;
        }

        @Override
        public String toString() {
            String text = String.format(Locale.ROOT, "%d files in %.2f s, %.2f s CPU = %.0f files/s, %.0f per CPU s",
                    files, wallNanos / 1e9, cpuNanos / 1e9, filesPerSecond(), filesPerCpuSecond());
            if (workCpuNanos == 0) {
                return text;
            }
            return text + String.format(Locale.ROOT, " (extracting threads %.2f s CPU = %.0f per their CPU s;"
                    + " JIT compiler threads %.2f s CPU; VM and GC threads %.2f s CPU, GC pauses %d ms; %.0f KiB"
                    + " allocated per file)", workCpuNanos / 1e9, filesPerWorkCpuSecond(), jitCpuNanos / 1e9,
                    vmCpuNanos / 1e9, gcMillis, kibPerFile());
        }
    }

    interface Contestant {
        Measure run() throws Exception;
    }

    /** Passes, each over the whole corpus, until {@code minNanos} have gone by. */
    private static Measure repeat(long minNanos, int files, Contestant pass) throws Exception {
        Measure sum = Measure.NONE;
        while (sum.wallNanos() < minNanos) {
            sum = sum.plus(pass.run().withFiles(files));
        }
        return sum;
    }

    private static void record(String name, Map<String, List<Measure>> measures, int run, Contestant contestant)
            throws Exception {
        Measure measure = contestant.run();
        measures.computeIfAbsent(name, n -> new ArrayList<>()).add(measure);
        System.out.printf(Locale.ROOT, "run %d, %s: %s%n", run, name, measure);
    }

    /** What a scan does with a file: read it, extract, and encode the result and entities as the worker stores them. */
    private static void scan(MetadataExtractor extractor, Path file) throws java.io.IOException {
        MetadataReport report = extractor.extract(Files.readAllBytes(file));
        Json.mapper().writeValueAsBytes(report.data(Map.of()));
        Json.mapper().writeValueAsBytes(report.entities(MetadataCollector.TYPE));
    }

    private static Measure oursOneThread(MetadataExtractor extractor, List<Path> corpus) throws Exception {
        Snapshot before = Snapshot.take(Set.of(Thread.currentThread().threadId()));
        for (Path file : corpus) {
            scan(extractor, file);
        }
        return before.until(Snapshot.take(before.workThreads()));
    }

    /** As a worker runs scans: each on a virtual thread, at most {@code concurrency} at once. */
    private static Measure oursConcurrent(MetadataExtractor extractor, List<Path> corpus, int concurrency)
            throws Exception {
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(concurrency);
        Snapshot before = Snapshot.take(carriersAndCaller());
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> scans = new ArrayList<>();
            for (Path file : corpus) {
                slots.acquire();
                scans.add(threads.submit(() -> {
                    try {
                        scan(extractor, file);
                        return null;
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (java.util.concurrent.Future<?> scan : scans) {
                scan.get();
            }
        }
        return before.until(Snapshot.take(carriersAndCaller()));
    }

    /**
     * The platform threads that run virtual threads (the default scheduler's {@code ForkJoinPool-N-worker-M}) and
     * this one, which hands out the scans: a virtual thread's own CPU time is not available from ThreadMXBean.
     */
    private static Set<Long> carriersAndCaller() {
        Set<Long> ids = new HashSet<>();
        ids.add(Thread.currentThread().threadId());
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("ForkJoinPool-")
                    && info.getThreadName().contains("-worker-")) {
                ids.add(info.getThreadId());
            }
        }
        return ids;
    }

    /** The JVM's counters at one instant; {@code workCpu} holds the CPU time of each extracting thread. */
    record Snapshot(long nanos, long cpu, Set<Long> workThreads, Map<Long, Long> workCpu, long gcMillis,
            JvmThreads jvm, long allocated) {
        static Snapshot take(Set<Long> workThreads) {
            Map<Long, Long> workCpu = new HashMap<>();
            for (long id : workThreads) {
                long cpu = THREADS.getThreadCpuTime(id);
                if (cpu >= 0) {
                    workCpu.put(id, cpu);
                }
            }
            long gc = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += Math.max(0, collector.getCollectionTime());
            }
            return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(), workThreads, workCpu, gc,
                    JvmThreads.now(), THREADS.getTotalThreadAllocatedBytes());
        }

        /** From this snapshot to {@code after}; a thread started in between counts from zero. */
        Measure until(Snapshot after) {
            long work = 0;
            for (Map.Entry<Long, Long> thread : after.workCpu.entrySet()) {
                work += thread.getValue() - workCpu.getOrDefault(thread.getKey(), 0L);
            }
            return new Measure(0, after.nanos - nanos, after.cpu - cpu, work, after.gcMillis - gcMillis,
                    after.jvm.jitNanos() - jvm.jitNanos(), after.jvm.vmNanos() - jvm.vmNanos(),
                    after.allocated - allocated);
        }
    }

    /**
     * CPU time of the JVM's own threads, which ThreadMXBean does not list: the JIT compiler threads, and the VM
     * thread with the GC's (the serial collector collects in the VM thread). Read from Linux's
     * {@code /proc/self/task/<tid>/stat} in clock ticks of 10 ms; zero elsewhere. CPU time, not
     * {@link CompilationMXBean}'s compile time, which is elapsed time and grows with the machine's load.
     */
    record JvmThreads(long jitNanos, long vmNanos) {
        private static final long TICK_NANOS = 10_000_000;

        static JvmThreads now() {
            long jit = 0;
            long vm = 0;
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (java.io.IOException gone) {
                        continue; // the thread ended
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    if (name.contains("CompilerThre")) {
                        jit += ticks * TICK_NANOS;
                    } else if (name.equals("VM Thread") || name.startsWith("GC ") || name.startsWith("G1 ")) {
                        vm += ticks * TICK_NANOS;
                    }
                }
            } catch (java.io.IOException e) {
                return new JvmThreads(0, 0);
            }
            return new JvmThreads(jit, vm);
        }
    }

    /**
     * exiftool over each list of files, one process per list, all at once; CPU time (user and system) as
     * {@code /usr/bin/time} reports it for each process. {@code firstOutput} receives the first process's JSON.
     */
    private static Measure exiftool(List<List<Path>> lists, JsonNode[] firstOutput) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Path> timings = new ArrayList<>();
        long start = System.nanoTime();
        for (List<Path> files : lists) {
            Path timing = Files.createTempFile("exiftool-time", ".txt");
            timings.add(timing);
            List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", timing.toString(),
                    "exiftool", "-json", "-n"));
            files.forEach(file -> command.add(file.toString()));
            processes.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        List<byte[]> outputs = new ArrayList<>();
        for (Process process : processes) {
            outputs.add(process.getInputStream().readAllBytes());
        }
        for (Process process : processes) {
            process.waitFor();
        }
        long wall = System.nanoTime() - start;
        long cpu = 0;
        for (Path timing : timings) {
            List<String> lines = Files.readAllLines(timing); // a failed run adds a line before the times
            String[] userSystem = lines.get(lines.size() - 1).strip().split("\\s+");
            cpu += (long) ((Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1])) * 1e9);
            Files.delete(timing);
        }
        if (firstOutput != null) {
            firstOutput[0] = Json.mapper().readTree(outputs.get(0));
        }
        return new Measure(0, wall, cpu, 0, 0, 0, 0, 0);
    }

    private static double median(List<Measure> measures, ToDoubleFunction<Measure> figure) {
        List<Double> sorted = new ArrayList<>(measures.stream().map(figure::applyAsDouble).toList());
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static List<String> figures(List<Measure> measures, ToDoubleFunction<Measure> figure) {
        return measures.stream().map(m -> String.format(Locale.ROOT, "%.0f", figure.applyAsDouble(m))).toList();
    }

    /** 40% JPEG photos of several sizes, 20% PNG, 20% PDF, 20% DOCX. */
    static List<Path> writeCorpus(Path dir, int total) throws Exception {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        int[][] sizes = {{640, 480}, {800, 600}, {320, 240}, {1024, 768}};
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            String name;
            byte[] content;
            switch (i % 5) {
                case 0, 1 -> {
                    int[] size = sizes[i % sizes.length];
                    name = String.format("photo-%04d.jpg", i);
                    content = SampleFiles.photoJpeg(size[0], size[1]);
                }
                case 2 -> {
                    name = String.format("drawing-%04d.png", i);
                    content = SampleFiles.png();
                }
                case 3 -> {
                    name = String.format("report-%04d.pdf", i);
                    content = SampleFiles.pdf(false);
                }
                default -> {
                    name = String.format("letter-%04d.docx", i);
                    content = SampleFiles.docx();
                }
            }
            Path file = dir.resolve(name);
            Files.write(file, content);
            files.add(file);
        }
        return files;
    }

    /** Files on which both found the same author, position, device and page count, where the file has them. */
    @SuppressWarnings("unchecked")
    private static int agreement(Map<String, Map<String, Object>> ours, JsonNode theirs) {
        int agree = 0;
        for (JsonNode file : theirs) {
            String name = Path.of(file.path("SourceFile").asText()).getFileName().toString();
            Map<String, Object> data = ours.get(name);
            String theirAuthor = first(file, "Artist", "Author", "Creator");
            boolean same = Objects.equals(data.get("author"), theirAuthor);
            Map<String, Object> location = (Map<String, Object>) data.get("location");
            if (file.has("GPSLatitude")) {
                same &= location != null
                        && Math.abs((double) location.get("latitude") - file.path("GPSLatitude").asDouble()) < 1e-6
                        && Math.abs((double) location.get("longitude") - file.path("GPSLongitude").asDouble()) < 1e-6;
            }
            Map<String, Object> device = (Map<String, Object>) data.get("device");
            if (file.has("Model")) {
                same &= device != null && file.path("Model").asText().equals(device.get("model"));
            }
            if (file.has("PageCount")) {
                Object pages = ((Map<String, Object>) data.get("document")).get("pages");
                same &= pages != null && file.path("PageCount").asLong() == ((Number) pages).longValue();
            }
            if (same) {
                agree++;
            } else {
                System.out.println("disagree on " + name);
            }
        }
        return agree;
    }

    private static String first(JsonNode file, String... names) {
        for (String name : names) {
            if (file.hasNonNull(name)) {
                return file.path(name).asText();
            }
        }
        return null;
    }
}
