package dev.osint.collectors.username;

import dev.osint.collectors.ThrottledProgress;
import dev.osint.collectors.net.SsrfGuard;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.Options;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import dev.osint.core.TargetKind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Checks a username across a catalogue of sites, Sherlock-style: every site at once, walls never read as found,
 * every FOUND held against a random name.
 */
public final class UsernameCollector implements Collector {
    static final String TYPE = "username";
    private static final int MAX_WARNINGS_SHOWN = 20;
    /** The worker's soft limit; retries that would end past it are not made. */
    private static final String SOFT_TIME_LIMIT = "OSINT_TASK_SOFT_TIME_LIMIT";
    private static final double DEFAULT_SOFT_TIME_LIMIT_S = 240;
    /** What this process learnt of the sites' speed, for every scan after the first. */
    private static final SiteLatencies LATENCIES = new SiteLatencies();

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "UsernameCollector")
            .description("Checks a username on the sites of Sherlock's catalogue (Maigret's with options.sources,"
                    + " or files and URLs in " + CatalogueLoader.SITES + "): found, not found, invalid name, blocked,"
                    + " error or timeout per site, each saying which catalogue's check decided it")
            .accepts(TargetKind.USERNAME)
            .produces(EntityKind.ACCOUNT)
            .options(
                    OptionSpec.list("sources", "bundled catalogues to check: sherlock, maigret or both; empty means "
                            + CatalogueLoader.SOURCES + " (default " + CatalogueLoader.DEFAULT_SOURCES + ")")
                            .maxItems(2).oneOf(BundledCatalogue.CATALOGUES.toArray(String[]::new)),
                    OptionSpec.integer("max_concurrency", 200, "requests in flight at once, all sites together")
                            .range(1, 1000),
                    OptionSpec.integer("max_per_host", 4, "requests in flight at once to one host").range(1, 100),
                    OptionSpec.integer("timeout_ms", 10_000, "per request, headers and body, redirects included")
                            .range(100, 60_000),
                    OptionSpec.list("tags", "only sites carrying one of these tags (coding, gaming, social, ...)")
                            .maxItems(50).maxLength(64),
                    OptionSpec.integer("top_n", 0, "only the N most popular sites (by rank); 0 checks all")
                            .range(0, 100_000),
                    OptionSpec.list("sites", "only these sites, by name (disabled and NSFW ones included)")
                            .maxItems(1000).maxLength(100),
                    OptionSpec.bool("include_nsfw", false, "also check adult sites"))
            .queue("slow")
            .build();

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        long start = System.nanoTime();
        String target = context.target().value();
        // a fediverse handle (@user@instance.social) is checked by its user part; the instance is the social collector's
        String bare = target.startsWith("@") ? target.substring(1) : target;
        String username = bare.contains("@") ? bare.substring(0, bare.indexOf('@')) : bare;
        Options options = context.options();
        int maxConcurrency = (int) options.integer("max_concurrency");
        int perHost = (int) options.integer("max_per_host");
        Duration timeout = Duration.ofMillis(options.integer("timeout_ms"));

        context.progress(0.0, "loading the site catalogue");
        SiteCatalogue catalogue;
        try {
            catalogue = CatalogueLoader.load(context, options.list("sources"));
        } catch (IllegalArgumentException e) {
            throw new CollectorException(e.getMessage(), e);
        }
        List<Site> sites = catalogue.select(options.list("sites"), options.list("tags"),
                (int) options.integer("top_n"), options.bool("include_nsfw"));
        if (sites.isEmpty()) {
            throw new CollectorException("no site to check: options.tags " + options.list("tags")
                    + " match none of the " + catalogue.size() + " sites in the catalogue");
        }
        context.progress(0.0, "checking " + sites.size() + " sites");
        SiteChecker checker = new SiteChecker(context, timeout,
                new Permits(maxConcurrency, perHost, context::throttle), deadline(context.settings(), start),
                otherHostsGuard(context.settings()), reroute(context.settings()), LATENCIES);
        ThrottledProgress progress = new ThrottledProgress(context);
        List<SiteResult> results = new CheckRunner(checker).run(
                sites.stream().map(site -> new CheckRunner.Job(site, username)).toList(), new CheckRunner.Listener() {
                    @Override
                    public void checkCancelled() throws InterruptedException {
                        context.checkCancelled();
                    }

                    @Override
                    public void progress(int done, int total) {
                        String stage = done + "/" + total + " sites checked";
                        if (done == total) {
                            progress.always(1.0, stage);
                        } else {
                            progress.report((double) done / total, stage);
                        }
                    }
                });
        long wallMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return output(target, username, catalogue, results, wallMs);
    }

    /** When the worker's soft limit will interrupt this scan: no retry wait may end after it. */
    static long deadline(Settings settings, long startNanos) {
        Duration soft;
        try {
            soft = settings.seconds(SOFT_TIME_LIMIT, DEFAULT_SOFT_TIME_LIMIT_S);
        } catch (IllegalArgumentException e) {
            soft = Duration.ofSeconds((long) DEFAULT_SOFT_TIME_LIMIT_S);
        }
        return startNanos + soft.toNanos();
    }

    /**
     * What checks a redirect to another host than the site's: catalogue sites are the operator's choice, but where
     * they redirect is the sites', so such a hop must pass the SSRF guard. None under
     * {@link CatalogueLoader#BASE_URL} (tests, benchmarks), where {@link #reroute} asks the base instead.
     */
    static SsrfGuard otherHostsGuard(Settings settings) {
        return settings.get(CatalogueLoader.BASE_URL).isPresent() ? null : SsrfGuard.fromSettings(settings);
    }

    /** Where a redirect is asked: where it points, or under {@link CatalogueLoader#BASE_URL} the base, like the sites. */
    static UnaryOperator<URI> reroute(Settings settings) {
        String base = settings.get(CatalogueLoader.BASE_URL).map(b -> b.replaceAll("/+$", "")).orElse(null);
        if (base == null) {
            return UnaryOperator.identity();
        }
        URI baseUri = URI.create(base);
        return hop -> hop.getHost() != null && hop.getHost().equalsIgnoreCase(baseUri.getHost())
                && hop.getPort() == baseUri.getPort() ? hop : URI.create(CatalogueLoader.rebase(hop.toString(), base));
    }

    private static CollectorOutput output(String target, String username, SiteCatalogue catalogue,
                                          List<SiteResult> results, long wallMs) {
        Map<SiteStatus, Integer> summary = new EnumMap<>(SiteStatus.class);
        for (SiteStatus status : SiteStatus.values()) {
            summary.put(status, 0);
        }
        List<Map<String, Object>> found = new ArrayList<>();
        List<Entity> entities = new ArrayList<>();
        for (SiteResult result : results) {
            summary.merge(result.status(), 1, Integer::sum);
            if (result.status() == SiteStatus.FOUND) {
                found.add(Map.of("site", result.site().name(), "url", result.url()));
                entities.add(new Entity(EntityKind.ACCOUNT, result.url(), TYPE, result.site().confidence(),
                        Map.of("site", result.site().name(), "username", username, "tags", result.site().tags(),
                                "catalogue", result.verdict().catalogue())));
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("username", username);
        if (!target.equals(username)) {
            data.put("handle", target);
        }
        data.put("sites_checked", results.size());
        data.put("found", found);
        data.put("results", results.stream().map(SiteResult::toMap).toList());
        Map<String, Object> counts = new LinkedHashMap<>();
        summary.forEach((status, count) -> counts.put(status.name(), count));
        data.put("summary", counts);

        CollectorOutput output = found.isEmpty()
                ? CollectorOutput.notFound("no profile named '" + username + "' found on " + results.size() + " sites",
                        data)
                : CollectorOutput.found(data, entities);
        output = output.withMetadata("catalogue", catalogue.sources())
                .withMetadata("catalogue_sites", catalogue.size())
                .withMetadata("wall_ms", wallMs);
        if (!catalogue.warnings().isEmpty()) {
            output = output.withMetadata("catalogue_warnings", catalogue.warnings().size())
                    .withMetadata("catalogue_warnings_first", catalogue.warnings().stream().limit(MAX_WARNINGS_SHOWN)
                            .toList());
        }
        return output;
    }
}
