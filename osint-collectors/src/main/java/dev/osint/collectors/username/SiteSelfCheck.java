package dev.osint.collectors.username;

import dev.osint.core.Options;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code osint sites check}: asks every chosen site about its claimed name (one known to exist there) and about a
 * random name, and reports the entries whose check is wrong: the random name FOUND, the claimed name not FOUND, or
 * either BLOCKED or failing. The maintenance tool for the catalogue, run where the network is open.
 */
public final class SiteSelfCheck {
    private SiteSelfCheck() {}

    /** What to check and how fast. */
    public record Request(List<String> sites, List<String> sources, int concurrency, int perHost, Duration timeout) {}

    /** One site's two answers and, when its entry is wrong, why. */
    public record Entry(String site, String catalogue, String problem, Map<String, Object> claimed,
                        Map<String, Object> random) {
        public boolean ok() {
            return problem == null;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("site", site);
            map.put("catalogue", catalogue);
            map.put("ok", ok());
            if (problem != null) {
                map.put("problem", problem);
            }
            map.put("claimed", claimed);
            map.put("random", random);
            return map;
        }
    }

    /** Every site checked, in catalogue order, and where the catalogue came from. */
    public record Report(List<Entry> entries, List<String> catalogue) {
        public long wrong() {
            return entries.stream().filter(e -> !e.ok()).count();
        }

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("catalogue", catalogue);
            map.put("sites_checked", entries.size());
            map.put("wrong", wrong());
            map.put("sites", entries.stream().map(Entry::toMap).toList());
            return map;
        }
    }

    /** Checks the sites {@code request} names (all enabled ones when it names none) of the configured catalogue. */
    public static Report run(Settings settings, Request request) throws InterruptedException {
        ScanContext context = new CommandContext(settings);
        SiteCatalogue catalogue = CatalogueLoader.load(context, request.sources());
        List<Site> sites = catalogue.select(request.sites(), List.of(), 0, !request.sites().isEmpty());
        List<CheckRunner.Job> jobs = new ArrayList<>();
        List<Site> checked = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (Site site : sites) {
            String claimed = site.usernameClaimed();
            if (claimed == null || claimed.isBlank()) {
                entries.add(new Entry(site.name(), site.catalogues(), "the entry names no claimed name to check",
                        Map.of(), Map.of()));
                continue;
            }
            String random = ControlName.pick(site, claimed);
            checked.add(site);
            jobs.add(new CheckRunner.Job(site, claimed));
            jobs.add(new CheckRunner.Job(site, random == null ? claimed : random));
        }
        long start = System.nanoTime();
        SiteChecker checker = new SiteChecker(context, request.timeout(),
                new Permits(request.concurrency(), request.perHost(), () -> { }),
                UsernameCollector.deadline(settings, start), UsernameCollector.otherHostsGuard(settings),
                UsernameCollector.reroute(settings), new SiteLatencies());
        List<SiteResult> results = new CheckRunner(checker).run(jobs, new CheckRunner.Listener() {
            @Override
            public void checkCancelled() throws InterruptedException {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("the self-check was interrupted");
                }
            }

            @Override
            public void progress(int done, int total) {
                // the command prints the report at the end
            }
        });
        for (int i = 0; i < checked.size(); i++) {
            SiteResult claimed = results.get(2 * i);
            SiteResult random = results.get(2 * i + 1);
            entries.add(new Entry(checked.get(i).name(), checked.get(i).catalogues(), problem(claimed, random),
                    describe(claimed), describe(random)));
        }
        return new Report(entries, catalogue.sources());
    }

    /** Why the entry is wrong, or null when the claimed name is FOUND and the random one NOT_FOUND. */
    static String problem(SiteResult claimed, SiteResult random) {
        if (random.username().equals(claimed.username())) {
            return "no random name fits the site's name rule, so the check cannot be tried";
        }
        if (random.status() == SiteStatus.FOUND
                || random.status() == SiteStatus.ERROR && random.verdict().check().equals("random_name_control")) {
            return "a random name ('" + random.username() + "') is found: the check does not tell names apart";
        }
        for (SiteResult result : List.of(claimed, random)) {
            String which = result == claimed ? "the claimed name" : "the random name";
            switch (result.status()) {
                case BLOCKED -> {
                    return which + " was blocked: " + result.reason();
                }
                case ERROR, TIMEOUT -> {
                    return which + " got " + result.status() + ": " + result.reason();
                }
                case INVALID_USERNAME -> {
                    return which + " ('" + result.username() + "') breaks the site's own name rule";
                }
                default -> { }
            }
        }
        if (claimed.status() != SiteStatus.FOUND) {
            return "the claimed name ('" + claimed.username() + "') is " + claimed.status() + ": " + claimed.reason();
        }
        return null;
    }

    /** What the checks need of a scan, for a command run outside the task queue. */
    private record CommandContext(Settings settings) implements ScanContext {
        @Override
        public String taskId() {
            return "osint-sites-check";
        }

        @Override
        public Target target() {
            return new Target(TargetKind.USERNAME, "self-check");
        }

        @Override
        public Options options() {
            return Options.empty();
        }

        @Override
        public void progress(double fraction, String stage) {
            // the command prints its report at the end
        }

        @Override
        public boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
        }

        @Override
        public void throttle() {
            // the sites are many, each asked twice: the permits bound the load on each
        }

        @Override
        public List<InetSocketAddress> dnsResolvers() {
            return settings.hostPorts("OSINT_DNS_RESOLVERS", 53);
        }

        @Override
        public int attempt() {
            return 0;
        }

        @Override
        public String workerName() {
            return "osint sites check";
        }
    }

    private static Map<String, Object> describe(SiteResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("username", result.username());
        map.putAll(result.toMap());
        map.remove("site");
        map.remove("tags");
        map.remove("rank");
        return map;
    }
}
