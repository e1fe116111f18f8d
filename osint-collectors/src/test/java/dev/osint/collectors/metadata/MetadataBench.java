package dev.osint.collectors.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Json;
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
 * beside {@code exiftool -json -n} (one process over all files, and one process per file), and checks that both
 * found the same key fields.
 *
 * <p>Arguments: corpus-directory files runs per-file-runs (a process per file takes minutes: one run by default)
 */
public final class MetadataBench {
    private MetadataBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int total = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        int perFileRuns = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        List<Path> corpus = writeCorpus(dir, total);
        long bytes = 0;
        for (Path file : corpus) {
            bytes += Files.size(file);
        }
        System.out.printf("corpus: %d files, %.1f MiB in %s%n", corpus.size(), bytes / 1048576.0, dir);

        MetadataExtractor extractor = new MetadataExtractor(MetadataLimits.DEFAULTS);
        Map<String, Map<String, Object>> ours = new LinkedHashMap<>();
        for (Path file : corpus) { // warm-up pass, not counted; keeps the results for the comparison
            ours.put(file.getFileName().toString(), extractor.extract(Files.readAllBytes(file)).data(Map.of()));
        }
        List<Double> oursSpeed = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            for (Path file : corpus) {
                extractor.extract(Files.readAllBytes(file)).data(Map.of());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            oursSpeed.add(corpus.size() / seconds);
            System.out.printf("osint run %d: %d files in %.3f s = %.0f files/s%n", run, corpus.size(), seconds,
                    corpus.size() / seconds);
        }

        List<Double> batchSpeed = new ArrayList<>();
        JsonNode theirs = null;
        for (int run = 1; run <= runs; run++) {
            List<String> command = new ArrayList<>(List.of("exiftool", "-json", "-n"));
            corpus.forEach(file -> command.add(file.toString()));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] output = process.getInputStream().readAllBytes();
            process.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            theirs = Json.mapper().readTree(output);
            batchSpeed.add(corpus.size() / seconds);
            System.out.printf("exiftool one process run %d: %d files in %.3f s = %.0f files/s%n", run,
                    corpus.size(), seconds, corpus.size() / seconds);
        }

        List<Double> perFileSpeed = new ArrayList<>();
        for (int run = 1; run <= perFileRuns; run++) {
            long start = System.nanoTime();
            for (Path file : corpus) {
                Process process = new ProcessBuilder("exiftool", "-json", "-n", file.toString())
                        .redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                process.waitFor();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            perFileSpeed.add(corpus.size() / seconds);
            System.out.printf("exiftool process per file run %d: %d files in %.3f s = %.0f files/s%n", run,
                    corpus.size(), seconds, corpus.size() / seconds);
        }

        int agree = agreement(ours, Objects.requireNonNull(theirs));
        double oursMedian = median(oursSpeed);
        double batchMedian = median(batchSpeed);
        double perFileMedian = median(perFileSpeed);
        System.out.printf(Locale.ROOT, "medians: osint %.0f files/s, exiftool one process %.0f files/s (%.1fx),"
                        + " exiftool per file %.0f files/s (%.0fx); key fields agree on %d of %d files%n",
                oursMedian, batchMedian, oursMedian / batchMedian, perFileMedian, oursMedian / perFileMedian, agree,
                corpus.size());
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
