package dev.osint.collectors.dns;

import static dev.osint.core.testing.TestScanContext.aScanOf;

import dev.osint.core.CollectorOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The brute-force benchmark's runner (bench/dns-bruteforce/run.sh), not a test: runs the dns collector's brute force
 * a few times and prints names/s and names found of each run and their medians.
 *
 * <p>Arguments: domain wordlist-file server(host:port) rate concurrency runs; the file's directory is used as
 * {@code OSINT_WORDLIST_DIR} and the file is named by its name without {@code .txt}, as a scan names it.
 */
public final class BruteForceBench {
    private BruteForceBench() {}

    public static void main(String[] args) throws Exception {
        String domain = args[0];
        java.nio.file.Path wordlist = java.nio.file.Path.of(args[1]).toAbsolutePath();
        String wordlistName = wordlist.getFileName().toString().replaceFirst("\\.txt$", "");
        String server = args[2];
        int rate = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);
        List<Double> speeds = new ArrayList<>();
        int found = 0;
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            CollectorOutput output = aScanOf(new DnsCollector()).target(domain)
                    .setting("OSINT_DNS_RESOLVERS", server).setting("OSINT_WORDLIST_DIR", wordlist.getParent().toString())
                    .option("bruteforce", true).option("wordlist", wordlistName)
                    .option("bruteforce_rate", rate).option("bruteforce_concurrency", concurrency)
                    .option("zone_transfer", false).run();
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<?, ?> result = (Map<?, ?>) output.data().get("bruteforce");
            int tried = (Integer) result.get("names_tried");
            found = ((List<?>) result.get("found")).size();
            speeds.add(tried / seconds);
            System.out.printf("osint run %d: %d names in %.2f s (whole scan) = %.0f names/s, brute force alone %s "
                            + "names/s, found %d, unanswered %s%n", run, tried, seconds, tried / seconds,
                    result.get("names_per_second"), found, result.get("unanswered"));
        }
        speeds.sort(Double::compare);
        System.out.printf("osint median: %.0f names/s, found %d%n", speeds.get(speeds.size() / 2), found);
    }
}
