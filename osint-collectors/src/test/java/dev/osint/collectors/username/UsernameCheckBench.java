package dev.osint.collectors.username;

import static dev.osint.core.testing.TestScanContext.aScanOf;

import dev.osint.core.CollectorOutput;
import dev.osint.core.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Wall time of one username check of the whole default catalogue (Sherlock's sites and the overlay's), every site
 * played on loopback as its description says, each on a host name of its own ({@code site-007.farm.test}, resolved
 * by the hosts file {@code bench/username/run.sh} hands the JVM, so the per-host limit sees one host per site) and
 * answering after its own delay, spread evenly over 50–500 ms and shuffled. The name exists on every tenth site.
 * Not a test.
 *
 * <p>Arguments: runs work-directory hosts-in-file max_concurrency... (each concurrency measured {@code runs} times)
 */
public final class UsernameCheckBench {
    private static final String USERNAME = "alice";

    private UsernameCheckBench() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        int hosts = Integer.parseInt(args[2]);
        List<Integer> concurrencies = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            concurrencies.add(Integer.parseInt(args[i]));
        }
        List<Site> sites = new ArrayList<>(CatalogueLoader.bundled(new Settings(Map.of()), List.of()).sites());
        if (sites.size() > hosts) {
            throw new IllegalStateException("the hosts file lists " + hosts + " hosts for " + sites.size() + " sites");
        }
        List<Integer> delays = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            delays.add(50 + (int) (450L * i / Math.max(1, sites.size() - 1)));
        }
        Collections.shuffle(delays, new Random(42)); // slow and fast sites mixed through the catalogue
        List<CatalogueFarm.FarmSite> farmSites = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            Site site = sites.get(i);
            farmSites.add(new CatalogueFarm.FarmSite(site, site.detections().get(0),
                    i % 10 == 0 ? Set.of(USERNAME) : Set.of(), CatalogueFarm.Behaviour.AS_DESCRIBED, delays.get(i)));
        }
        try (CatalogueFarm farm = CatalogueFarm.start(farmSites)) {
            List<Site> onFarm = new ArrayList<>();
            for (int i = 0; i < sites.size(); i++) {
                String base = String.format(Locale.ROOT, "http://site-%03d.farm.test:%d", i, farm.port());
                Site site = sites.get(i);
                onFarm.add(site.withUrls(CatalogueLoader.rebase(site.profileUrl(), base),
                        site.probeUrl() == null ? null : CatalogueLoader.rebase(site.probeUrl(), base)));
            }
            Path catalogue = work.resolve("farm-sites.json");
            Files.writeString(catalogue, CatalogueWriter.write(Map.of("catalogue", "bench"), onFarm, List.of()));
            long checked = sites.stream().filter(s -> !s.nsfw() && !s.disabled()).count();
            System.out.printf("farm: the default catalogue's %d sites (%d checked by default, the others NSFW) on"
                    + " 127.0.0.1:%d, 50-500 ms each; '%s' exists on %d of them%n", sites.size(), checked, farm.port(),
                    USERNAME, farmSites.stream().filter(f -> !f.claimed().isEmpty() && !f.site().nsfw()).count());
            run(catalogue, 100, 0, "warm-up"); // JIT and connection code, not counted
            for (int concurrency : concurrencies) {
                List<Long> walls = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    walls.add(run(catalogue, concurrency, r + 1, "max_concurrency=" + concurrency));
                }
                List<Long> sorted = walls.stream().sorted().toList();
                System.out.printf("max_concurrency=%d: median %d ms over %d runs (min %d, max %d)%n", concurrency,
                        sorted.get(sorted.size() / 2), runs, sorted.get(0), sorted.get(sorted.size() - 1));
            }
            System.out.printf("requests the farm answered: %d; not recognised: %s%n", farm.requests(), farm.unmatched());
        }
    }

    @SuppressWarnings("unchecked")
    private static long run(Path catalogue, int concurrency, int run, String label) throws Exception {
        long start = System.nanoTime();
        CollectorOutput output = aScanOf(new UsernameCollector()).target(USERNAME)
                .setting(CatalogueLoader.SITES, catalogue.toString())
                .option("max_concurrency", concurrency).run();
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> summary = (Map<String, Object>) output.data().get("summary");
        System.out.printf("  %s run %d: %d ms wall, %s%n", label, run, wallMs, summary);
        ((List<Map<String, Object>>) output.data().get("results")).stream()
                .filter(r -> !Set.of("FOUND", "NOT_FOUND", "INVALID_USERNAME").contains(r.get("status")))
                .map(r -> r.get("status") + ": " + r.get("reason")).distinct().limit(3)
                .forEach(reason -> System.out.println("    " + reason));
        return wallMs;
    }
}
