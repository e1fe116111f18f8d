package dev.osint.collectors.username;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each site took, the last time this process asked it about a name: from the first request out to the
 * verdict, a rate limit's wait included. A scan asks the sites that took longest first, and on a site known slow it
 * asks the random name beside the name at once rather than {@link SiteChecker#HEDGE_AFTER} later, so that such a
 * site costs its time once from the start of the scan. A site never asked counts as fast (catalogue order). Keyed
 * by the catalogue's entry, never by the name asked (a template may put the name in the host).
 */
final class SiteLatencies {
    /** Bounds the memory whatever catalogues come and go: past it, what is known is dropped and learnt again. */
    private static final int MAX_SITES = 20_000;

    private final Map<String, Long> lastMillis = new ConcurrentHashMap<>();

    /** The site took {@code took} to answer about a name. */
    void record(Site site, Duration took) {
        if (lastMillis.size() >= MAX_SITES) {
            lastMillis.clear();
        }
        lastMillis.put(key(site), took.toMillis());
    }

    /** How long the site took last time; zero when never asked. */
    long lastMillis(Site site) {
        return lastMillis.getOrDefault(key(site), 0L);
    }

    /** The site took at least {@code threshold} last time. */
    boolean slowerThan(Site site, Duration threshold) {
        return lastMillis(site) >= threshold.toMillis();
    }

    /**
     * What counts as slow among {@code sites}: {@code floor}, or twice the median of their last times when that is
     * more. On a machine so busy that every answer takes long, a site is slow only against the others, not for the
     * machine's wait that every one of them paid.
     */
    Duration slowAmong(List<Site> sites, Duration floor) {
        long[] known = sites.stream().mapToLong(this::lastMillis).filter(millis -> millis > 0).sorted().toArray();
        long median = known.length == 0 ? 0 : known[known.length / 2];
        return Duration.ofMillis(Math.max(floor.toMillis(), 2 * median));
    }

    private static String key(Site site) {
        return site.name() + " " + site.method() + " " + site.requestTemplate();
    }
}
