package dev.osint.collectors.username;

import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.Options;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a username across a catalogue of sites, Sherlock-style: every site at once, walls never read as found. */
public final class UsernameCollector implements Collector {
    static final String TYPE = "username";
    private static final int MAX_WARNINGS_SHOWN = 20;

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "UsernameCollector")
            .description("Checks a username on 300+ sites (or Sherlock's and Maigret's catalogues via "
                    + CatalogueLoader.SITES + "): found, not found, invalid name, blocked, error or timeout per site")
            .accepts(TargetKind.USERNAME)
            .produces(EntityKind.ACCOUNT)
            .options(
                    OptionSpec.integer("max_concurrency", 100, "requests in flight at once, all sites together")
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
        String username = context.target().value();
        Options options = context.options();
        int maxConcurrency = (int) options.integer("max_concurrency");
        int perHost = (int) options.integer("max_per_host");
        Duration timeout = Duration.ofMillis(options.integer("timeout_ms"));

        context.progress(0.0, "loading the site catalogue");
        SiteCatalogue catalogue;
        try {
            catalogue = CatalogueLoader.load(context.settings(), context.http());
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
        long start = System.nanoTime();
        List<SiteResult> results = new CheckRunner(new SiteChecker(context.http(), timeout), maxConcurrency, perHost)
                .run(sites, username, context);
        long wallMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return output(username, catalogue, results, wallMs);
    }

    private static CollectorOutput output(String username, SiteCatalogue catalogue, List<SiteResult> results,
                                          long wallMs) {
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
                        Map.of("site", result.site().name(), "username", username, "tags", result.site().tags())));
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("username", username);
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
