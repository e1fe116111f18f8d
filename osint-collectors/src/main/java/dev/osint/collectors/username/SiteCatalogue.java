package dev.osint.collectors.username;

import dev.osint.core.CollectorException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The sites to check, by name; catalogues merge, the later one winning on a shared name. */
public final class SiteCatalogue {
    private final Map<String, Site> byName;
    private final List<String> sources;
    private final List<String> warnings;

    public SiteCatalogue(Collection<Site> sites, List<String> sources, List<String> warnings) {
        Map<String, Site> map = new LinkedHashMap<>();
        for (Site site : sites) {
            map.put(key(site.name()), site);
        }
        this.byName = map;
        this.sources = List.copyOf(sources);
        this.warnings = List.copyOf(warnings);
    }

    public List<Site> sites() {
        return List.copyOf(byName.values());
    }

    public int size() {
        return byName.size();
    }

    /** Where the sites came from ({@code builtin}, files, URLs) and in which format. */
    public List<String> sources() {
        return sources;
    }

    /** Entries that could not be read, one line each, naming the source and the entry. */
    public List<String> warnings() {
        return warnings;
    }

    /** This catalogue with {@code other}'s sites added; {@code other} wins where names clash. */
    public SiteCatalogue merge(SiteCatalogue other) {
        Map<String, Site> merged = new LinkedHashMap<>(byName);
        other.byName.forEach(merged::put);
        List<String> allSources = new ArrayList<>(sources);
        allSources.addAll(other.sources);
        List<String> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(other.warnings);
        return new SiteCatalogue(merged.values(), allSources, allWarnings);
    }

    /**
     * The sites a scan checks: the named ones if any are named (an unknown name is an error), otherwise the
     * enabled ones, with NSFW sites only on request; then those carrying one of {@code tags}; then the
     * {@code topN} best ranked (0: all).
     */
    public List<Site> select(List<String> names, List<String> tags, int topN, boolean includeNsfw) {
        List<Site> chosen;
        if (!names.isEmpty()) {
            List<String> unknown = names.stream().filter(n -> !byName.containsKey(key(n))).toList();
            if (!unknown.isEmpty()) {
                throw new CollectorException("options.sites: no site named " + unknown + " in the catalogue ("
                        + size() + " sites from " + String.join(", ", sources) + ")");
            }
            chosen = names.stream().map(n -> byName.get(key(n))).distinct().toList();
        } else {
            chosen = byName.values().stream().filter(s -> !s.disabled() && (includeNsfw || !s.nsfw())).toList();
        }
        if (!tags.isEmpty()) {
            Set<String> wanted = tags.stream().map(SiteCatalogue::key).collect(Collectors.toSet());
            chosen = chosen.stream().filter(s -> s.tags().stream().map(SiteCatalogue::key).anyMatch(wanted::contains))
                    .toList();
        }
        if (topN > 0) {
            chosen = chosen.stream().sorted(BY_RANK).limit(topN).toList();
        }
        return chosen;
    }

    /** Best rank first; unranked sites last, by name. */
    static final Comparator<Site> BY_RANK = Comparator
            .comparing((Site s) -> s.rank() == null ? Integer.MAX_VALUE : s.rank())
            .thenComparing(s -> key(s.name()));

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
