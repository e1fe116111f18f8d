package dev.osint.collectors.username;

import static dev.osint.core.testing.TestScanContext.aScanOf;

import dev.osint.core.CollectorOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wall time of one username check across a farm of loopback sites answering in 50–500 ms. Not a test: run by
 * {@code bench/username/run.sh}, which gives the JVM the farm's hosts file.
 *
 * <p>Arguments: sites runs max_concurrency... (each concurrency is measured {@code runs} times)
 */
public final class UsernameCheckBench {
    private UsernameCheckBench() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        List<Integer> concurrencies = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            concurrencies.add(Integer.parseInt(args[i]));
        }
        try (SiteFarm farm = SiteFarm.start(count, 50, 500, 10)) {
            Path hosts = work.resolve("hosts");
            if (!Files.readAllLines(hosts).stream().sorted().toList()
                    .equals(farm.hostsFile().lines().sorted().toList())) {
                throw new IllegalStateException("the hosts file " + hosts + " does not list this farm; run.sh writes it");
            }
            Path catalogue = work.resolve("farm-sites.json");
            Files.writeString(catalogue, farm.catalogue());
            System.out.printf("farm: %d sites on 127.0.0.1:%d, 50-500 ms each, user on %d of them%n", count,
                    farm.port(), farm.expectedFound("alice"));
            run(catalogue, 100, 1, "warm-up"); // JIT and connection code, not counted
            for (int concurrency : concurrencies) {
                List<Long> walls = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    walls.add(run(catalogue, concurrency, r + 1, "max_concurrency=" + concurrency));
                }
                List<Long> sorted = walls.stream().sorted().toList();
                System.out.printf("max_concurrency=%d: median %d ms over %d runs (min %d, max %d)%n", concurrency,
                        sorted.get(sorted.size() / 2), runs, sorted.get(0), sorted.get(sorted.size() - 1));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static long run(Path catalogue, int concurrency, int run, String label) throws Exception {
        long start = System.nanoTime();
        CollectorOutput output = aScanOf(new UsernameCollector()).target("alice")
                .setting(CatalogueLoader.SITES, catalogue.toString())
                .option("max_concurrency", concurrency).option("timeout_ms", 10_000).run();
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> summary = (Map<String, Object>) output.data().get("summary");
        System.out.printf("  %s run %d: %d ms wall, %s%n", label, run, wallMs, summary);
        return wallMs;
    }
}
