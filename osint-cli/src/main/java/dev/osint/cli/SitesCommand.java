package dev.osint.cli;

import dev.osint.collectors.username.CatalogueImport;
import dev.osint.collectors.username.SiteSelfCheck;
import dev.osint.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osint sites}: the username collector's site catalogue: import it from upstream, check it against the sites. */
@Command(name = "sites", mixinStandardHelpOptions = true,
        description = "The username collector's site catalogue: import Sherlock's or Maigret's file, self-check it.",
        subcommands = {SitesCommand.Import.class, SitesCommand.Check.class})
final class SitesCommand implements Runnable {
    /** Where the bundled catalogue lives in a checkout of the project. */
    static final Path BUNDLED = Path.of("osint-collectors/src/main/resources/dev/osint/collectors/username");

    @Override
    public void run() {
        throw new IllegalArgumentException("name a subcommand: osint sites import | osint sites check");
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Turn a pinned copy of Sherlock's or Maigret's data.json into the bundled catalogue file,"
                    + " with its source, commit and licence.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--from", required = true, description = "sherlock or maigret")
        String from;

        @Parameters(index = "0", paramLabel = "FILE", description = "the upstream data.json")
        Path file;

        @Option(names = "--licence", required = true, paramLabel = "FILE", description = "the upstream LICENSE file")
        Path licence;

        @Option(names = "--commit", required = true, description = "the upstream commit the file was taken at")
        String commit;

        @Option(names = "--date", required = true, description = "that commit's date, YYYY-MM-DD")
        String date;

        @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: the bundled catalogue's"
                + " directory of this checkout, " + "osint-collectors/src/main/resources/dev/osint/collectors/username)")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path directory = out != null ? out : BUNDLED;
            if (out == null && !Files.isDirectory(directory)) {
                throw new IllegalArgumentException("run this from the project's checkout, or name a directory with --out");
            }
            CatalogueImport.Result result = CatalogueImport.run(from, file, licence, commit, date, directory);
            System.out.printf("%s: %d sites imported, %d left out (listed under \"skipped\" with why) -> %s%n",
                    result.catalogue(), result.imported(), result.skipped(), result.file());
            return Main.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Ask every site about its claimed name and a random name; report the entries that are"
                    + " wrong (random name found, claimed name not found, blocked). Exits 1 when any is wrong.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--sites", split = ",", paramLabel = "A,B", description = "only these sites, by name")
        List<String> sites = List.of();

        @Option(names = "--sources", split = ",", paramLabel = "S", description = "bundled catalogues: sherlock,"
                + " maigret (default: OSINT_USERNAME_SOURCES, else sherlock)")
        List<String> sources = List.of();

        @Option(names = "--concurrency", defaultValue = "20", description = "requests in flight at once")
        int concurrency;

        @Option(names = "--timeout-ms", defaultValue = "15000", description = "per request")
        long timeoutMs;

        @Option(names = "--json", description = "print the whole report as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (concurrency < 1 || timeoutMs < 1) {
                throw new IllegalArgumentException("--concurrency and --timeout-ms must be at least 1");
            }
            SiteSelfCheck.Report report = SiteSelfCheck.run(Main.settings(), new SiteSelfCheck.Request(sites,
                    sources, concurrency, Math.min(concurrency, 4), Duration.ofMillis(timeoutMs)));
            if (json) {
                System.out.println(Json.write(report.toMap()));
            } else {
                print(report);
            }
            return report.wrong() == 0 ? Main.OK : Main.SCAN_FAILED;
        }

        private static void print(SiteSelfCheck.Report report) {
            System.out.printf("%-28s %-16s %-10s %-10s %s%n", "SITE", "CATALOGUE", "CLAIMED", "RANDOM", "PROBLEM");
            for (SiteSelfCheck.Entry entry : report.entries()) {
                System.out.printf("%-28s %-16s %-10s %-10s %s%n", entry.site(), entry.catalogue(),
                        status(entry.claimed()), status(entry.random()), entry.ok() ? "ok" : entry.problem());
            }
            System.out.printf("%d sites checked, %d wrong (catalogue: %s)%n", report.entries().size(), report.wrong(),
                    String.join("; ", report.catalogue()));
        }

        private static String status(Map<String, Object> result) {
            Object status = result.get("status");
            return status == null ? "-" : status.toString();
        }
    }
}
