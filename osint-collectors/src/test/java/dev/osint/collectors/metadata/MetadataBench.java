package dev.osint.collectors.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Json;
import dev.osint.queue.worker.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The metadata benchmark's runner (bench/metadata/run.sh), not a test. Writes a corpus of mixed files (JPEG with
 * EXIF, GPS, XMP and IPTC; PNG with XMP; PDF; DOCX), then times the collector's extraction over it in this warm JVM
 * (on one thread, and as a worker runs scans: a virtual thread each, up to its concurrency) beside
 * {@code exiftool -json -n} in batch mode (one process over all files, and two over half each, one per core), and
 * checks that both found the same key fields. Each contestant's CPU time is measured too: on a machine shared with
 * other work, files per CPU second say more than files per second.
 *
 * <p>Arguments: corpus-directory files runs [per-file-runs (exiftool once per file; 0 by default: it takes
 * minutes) [concurrency (the worker's default)]]
 */
public final class MetadataBench {
    private MetadataBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int total = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        int perFileRuns = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : WorkerSettings.DEFAULT_CONCURRENCY;
        List<Path> corpus = writeCorpus(dir, total);
        long bytes = 0;
        for (Path file : corpus) {
            bytes += Files.size(file);
        }
        System.out.printf("corpus: %d files, %.1f MiB in %s; %d cores%n", corpus.size(), bytes / 1048576.0, dir,
                Runtime.getRuntime().availableProcessors());

        MetadataExtractor extractor = new MetadataExtractor(MetadataLimits.DEFAULTS);
        Map<String, Map<String, Object>> ours = new LinkedHashMap<>();
        for (Path file : corpus) { // the results serve the comparison
            ours.put(file.getFileName().toString(), extractor.extract(Files.readAllBytes(file)).data(Map.of()));
        }
        warmUp(extractor, corpus, concurrency);
        // each run times every contestant in turn, so a change in the machine's load hits them alike
        Map<String, List<Measure>> measures = new LinkedHashMap<>();
        JsonNode theirs = null;
        for (int run = 1; run <= runs; run++) {
            record("osint, one thread", measures, run, corpus.size(), () -> oursOneThread(extractor, corpus));
            record("osint, worker concurrency " + concurrency + " (virtual threads)", measures, run, corpus.size(),
                    () -> oursConcurrent(extractor, corpus, concurrency));
            JsonNode[] batch = new JsonNode[1];
            record("exiftool -json -n, one process over all files", measures, run, corpus.size(),
                    () -> exiftool(List.of(corpus), batch));
            theirs = batch[0];
            int half = corpus.size() / 2;
            record("exiftool -json -n, two processes over half the files each", measures, run, corpus.size(),
                    () -> exiftool(List.of(corpus.subList(0, half), corpus.subList(half, corpus.size())), null));
        }
        for (int run = 1; run <= perFileRuns; run++) {
            record("exiftool -json -n, one process per file", measures, run, corpus.size(), () -> {
                Measure sum = new Measure(0, 0);
                for (Path file : corpus) {
                    Measure one = exiftool(List.of(List.of(file)), null);
                    sum = new Measure(sum.wallNanos() + one.wallNanos(), sum.cpuNanos() + one.cpuNanos());
                }
                return sum;
            });
        }

        int agree = agreement(ours, Objects.requireNonNull(theirs));
        System.out.println("medians (runs):");
        measures.forEach((name, list) -> System.out.printf(Locale.ROOT,
                "  %s: %.0f files/s %s; %.0f files per CPU second %s%n", name,
                median(list.stream().map(m -> m.filesPerSecond(corpus.size())).toList()),
                list.stream().map(m -> String.format(Locale.ROOT, "%.0f", m.filesPerSecond(corpus.size()))).toList(),
                median(list.stream().map(m -> m.filesPerCpuSecond(corpus.size())).toList()),
                list.stream().map(m -> String.format(Locale.ROOT, "%.0f", m.filesPerCpuSecond(corpus.size())))
                        .toList()));
        System.out.printf("key fields agree on %d of %d files%n", agree, corpus.size());
    }

    /**
     * Passes over the corpus, not counted, until the JIT compilers have done their work: a worker runs for days, and
     * on a busy machine the compiler threads take many passes to catch up (their CPU time would otherwise be
     * counted as ours). Stops once a pass adds under 1% of its own time in compilation, or after 30 passes.
     */
    private static void warmUp(MetadataExtractor extractor, List<Path> corpus, int concurrency) throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        for (int pass = 1; pass <= 30; pass++) {
            long compiledBefore = jit.getTotalCompilationTime();
            Measure measure = pass % 2 == 0 ? oursConcurrent(extractor, corpus, concurrency)
                    : oursOneThread(extractor, corpus);
            long compiling = jit.getTotalCompilationTime() - compiledBefore;
            System.out.printf(Locale.ROOT, "warm-up pass %d: %.3f s, %.3f s CPU, %d ms compiling%n", pass,
                    measure.wallNanos() / 1e9, measure.cpuNanos() / 1e9, compiling);
            if (compiling < measure.wallNanos() / 1_000_000 / 100) {
                return;
            }
        }
    }

    /** Wall time, and CPU time of every thread of the process (ours: with its GC and compiler threads). */
    record Measure(long wallNanos, long cpuNanos) {
        double filesPerSecond(int files) {
            return files / (wallNanos / 1e9);
        }

        double filesPerCpuSecond(int files) {
            return files / (cpuNanos / 1e9);
        }
    }

    interface Contestant {
        Measure run() throws Exception;
    }

    private static void record(String name, Map<String, List<Measure>> measures, int run, int files,
            Contestant contestant) throws Exception {
        Measure measure = contestant.run();
        measures.computeIfAbsent(name, n -> new ArrayList<>()).add(measure);
        System.out.printf(Locale.ROOT, "run %d, %s: %.3f s, %.3f s CPU = %.0f files/s, %.0f files per CPU s%n", run,
                name, measure.wallNanos() / 1e9, measure.cpuNanos() / 1e9, measure.filesPerSecond(files),
                measure.filesPerCpuSecond(files));
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();

    /** What a scan does with a file: read it, extract, and encode the result and entities as the worker stores them. */
    private static void scan(MetadataExtractor extractor, Path file) throws java.io.IOException {
        MetadataReport report = extractor.extract(Files.readAllBytes(file));
        Json.mapper().writeValueAsBytes(report.data(Map.of()));
        Json.mapper().writeValueAsBytes(report.entities(MetadataCollector.TYPE));
    }

    private static Measure oursOneThread(MetadataExtractor extractor, List<Path> corpus) throws Exception {
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        for (Path file : corpus) {
            scan(extractor, file);
        }
        return new Measure(System.nanoTime() - start, OS.getProcessCpuTime() - cpu);
    }

    /** As a worker runs scans: each on a virtual thread, at most {@code concurrency} at once. */
    private static Measure oursConcurrent(MetadataExtractor extractor, List<Path> corpus, int concurrency)
            throws Exception {
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(concurrency);
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
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
        return new Measure(System.nanoTime() - start, OS.getProcessCpuTime() - cpu);
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
        return new Measure(wall, cpu);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
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
