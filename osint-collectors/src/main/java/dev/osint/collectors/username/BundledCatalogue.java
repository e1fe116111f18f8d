package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.osint.core.CollectorException;
import dev.osint.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogue shipped in the jar: Sherlock's and Maigret's files as imported by {@code osint sites import} (see
 * {@link CatalogueImport}), with the project's overlay on top. A scan checks the sites of the catalogues it names
 * ({@code sherlock} by default); a site that both catalogues describe is checked under both descriptions when
 * they ask the same page, so that it is right whichever of them the site answers by.
 */
final class BundledCatalogue {
    static final String RESOURCES = "/dev/osint/collectors/username/";
    static final List<String> CATALOGUES = List.of(SherlockCatalogueReader.CATALOGUE, MaigretCatalogueReader.CATALOGUE);
    static final String OVERLAY = "overlay.json";
    static final String OVERLAY_CATALOGUE = Verdict.OWN;

    private static final Map<List<String>, SiteCatalogue> ASSEMBLED = new ConcurrentHashMap<>();
    private static volatile Imports imports;

    private BundledCatalogue() {}

    /** The sites of {@code sources} (in that order of precedence), each read by every description of its page. */
    static SiteCatalogue of(List<String> sources) {
        List<String> chosen = sources.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String source : chosen) {
            if (!CATALOGUES.contains(source)) {
                throw new CollectorException("unknown site catalogue '" + source + "'; the bundled ones are "
                        + String.join(", ", CATALOGUES));
            }
        }
        if (chosen.isEmpty()) {
            throw new CollectorException("no site catalogue chosen; the bundled ones are " + String.join(", ", CATALOGUES));
        }
        return ASSEMBLED.computeIfAbsent(chosen, BundledCatalogue::assemble);
    }

    /** The imported files as shipped, overrides applied, read once per process. */
    static Imports imports() {
        Imports loaded = imports;
        if (loaded == null) {
            loaded = Imports.read();
            imports = loaded;
        }
        return loaded;
    }

    private static SiteCatalogue assemble(List<String> sources) {
        Imports all = imports();
        Map<Site, Site> partners = all.partners();
        Set<Site> emitted = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Site> byName = new LinkedHashMap<>();
        List<String> provenance = new ArrayList<>();
        for (String source : sources) {
            int count = 0;
            for (Site site : all.sites().get(source)) {
                Site partner = partners.get(site);
                if (partner != null && emitted.contains(partner)) {
                    continue; // the site is in already, from a catalogue named earlier
                }
                Site combined = partner == null ? site : combine(site, partner);
                String name = byName.containsKey(key(combined.name())) ? combined.name() + " (" + source + ")"
                        : combined.name();
                byName.put(key(name), name.equals(combined.name()) ? combined : renamed(combined, name));
                emitted.add(site);
                count++;
            }
            provenance.add(all.provenance().get(source) + ": " + count + " sites");
        }
        for (Site own : all.overlaySites()) {
            // the project's own entry for a site replaces an imported one of the same profile page
            byName.values().removeIf(site -> normalise(site.profileUrl()).equals(normalise(own.profileUrl())));
            byName.put(key(own.name()), own);
        }
        Collection<Site> sites = mergeSamePage(byName.values());
        provenance.add("bundled overlay of the project (" + OVERLAY + "): " + all.overlaySites().size() + " sites of its own, "
                + all.overrides() + " overrides of imported entries");
        return new SiteCatalogue(sites, provenance, all.warnings());
    }

    /**
     * Entries that ask the same page (Sherlock has "Google Play" and "PlayStore" for one URL) become one site, the
     * first, read by every one of their descriptions: one request, and the answer right under each.
     */
    static Collection<Site> mergeSamePage(Collection<Site> sites) {
        Map<String, Site> byRequest = new LinkedHashMap<>();
        for (Site site : sites) {
            byRequest.merge(requestKey(site), site, (first, same) -> first.withDetections(same.detections(),
                    same.walls(), same.ignore403()));
        }
        return byRequest.values();
    }

    /**
     * {@code site} with its partner's knowledge: the partner's description too when both ask the same page, and the
     * partner's tags, rank, name rule and known-unclaimed name where {@code site} has none.
     */
    static Site combine(Site site, Site partner) {
        boolean samePage = requestKey(site).equals(requestKey(partner));
        List<Detection> more = samePage ? partner.detections() : List.of();
        Site enriched = new Site(site.name(), site.profileUrl(), site.probeUrl(), site.mainUrl(), site.detections(),
                site.usernamePattern() != null || !samePage ? site.usernamePattern() : partner.usernamePattern(),
                site.method(), site.headers(), site.body(), site.walls(), site.ignore403(),
                site.tags().isEmpty() ? partner.tags() : site.tags(), site.rank() != null ? site.rank() : partner.rank(),
                site.confidence(), site.nsfw() || partner.nsfw(), site.disabled(), site.usernameClaimed(),
                site.usernameUnclaimed() != null ? site.usernameUnclaimed() : partner.usernameUnclaimed(),
                site.source());
        return samePage ? enriched.withDetections(more, partner.walls(), partner.ignore403()) : enriched;
    }

    private static Site renamed(Site site, String name) {
        return new Site(name, site.profileUrl(), site.probeUrl(), site.mainUrl(), site.detections(),
                site.usernamePattern(), site.method(), site.headers(), site.body(), site.walls(), site.ignore403(),
                site.tags(), site.rank(), site.confidence(), site.nsfw(), site.disabled(), site.usernameClaimed(),
                site.usernameUnclaimed(), site.source());
    }

    /** What is asked: method, address (scheme, {@code www.} and a final slash aside) and body. */
    static String requestKey(Site site) {
        return site.method() + " " + normalise(site.requestTemplate()) + " " + (site.body() == null ? "" : site.body());
    }

    /** A URL template as two catalogues may write the same page: without scheme, {@code www.} or a final slash. */
    static String normalise(String template) {
        String rest = template.replaceFirst("^[a-zA-Z]+://", "");
        int slash = rest.indexOf('/');
        String host = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        String path = slash < 0 ? "" : rest.substring(slash);
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        String tail = query < 0 ? "" : path.substring(query);
        return host + bare.replaceAll("/+$", "") + tail;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Sherlock's and Maigret's imports with the overlay's overrides applied, the overlay's own sites, and which
     * entry of one catalogue describes the same site as an entry of the other.
     */
    record Imports(Map<String, List<Site>> sites, Map<String, String> provenance, List<Site> overlaySites,
                   int overrides, List<String> warnings) {

        static Imports read() {
            JsonNode overlay = resource(OVERLAY);
            List<String> warnings = new ArrayList<>();
            Map<String, List<Site>> sites = new LinkedHashMap<>();
            Map<String, String> provenance = new LinkedHashMap<>();
            Set<JsonNode> applied = new HashSet<>();
            for (String catalogue : CATALOGUES) {
                JsonNode root = resource(catalogue + ".json");
                applied.addAll(applyOverrides(root, catalogue, overlay.path("overrides")));
                List<CatalogueReader.Skip> skipped = new ArrayList<>();
                sites.put(catalogue, new OwnCatalogueReader().read(root, "builtin " + catalogue, skipped));
                skipped.forEach(s -> warnings.add(s.describe("builtin " + catalogue)));
                provenance.put(catalogue, describe(root.path("source")));
            }
            for (JsonNode override : overlay.path("overrides")) {
                if (!applied.contains(override)) {
                    warnings.add(OVERLAY + ": override of '" + override.path("name").asText() + "' matches no site of "
                            + override.path("catalogue").asText("any catalogue"));
                }
            }
            List<CatalogueReader.Skip> skipped = new ArrayList<>();
            List<Site> own = new OwnCatalogueReader().read(overlay, "builtin " + OVERLAY, skipped);
            skipped.forEach(s -> warnings.add(s.describe(OVERLAY)));
            return new Imports(sites, provenance, own, overlay.path("overrides").size(), warnings);
        }

        /** For each site, the other catalogue's entry for the same site: same profile or request URL, else same name. */
        Map<Site, Site> partners() {
            List<Site> first = sites.get(CATALOGUES.get(0));
            List<Site> second = sites.get(CATALOGUES.get(1));
            Map<String, Site> byUrl = new HashMap<>();
            Map<String, Site> byName = new HashMap<>();
            for (Site site : second) {
                byUrl.putIfAbsent(normalise(site.profileUrl()), site);
                byUrl.putIfAbsent(normalise(site.requestTemplate()), site);
                byName.putIfAbsent(key(site.name()), site);
            }
            Map<Site, Site> partners = new IdentityHashMap<>();
            for (Site site : first) {
                Site partner = byUrl.get(normalise(site.profileUrl()));
                if (partner == null || partners.containsKey(partner)) {
                    partner = byUrl.get(normalise(site.requestTemplate()));
                }
                if (partner == null || partners.containsKey(partner)) {
                    partner = byName.get(key(site.name()));
                }
                if (partner != null && !partners.containsKey(partner)) {
                    partners.put(site, partner);
                    partners.put(partner, site);
                }
            }
            return partners;
        }

        /**
         * Replaces the fields an override names in every entry it targets (by name, and by catalogue when it says);
         * an override that changes how the site is read marks the description as amended ({@code sherlock+osint}).
         */
        private static List<JsonNode> applyOverrides(JsonNode root, String catalogue, JsonNode overrides) {
            List<JsonNode> applied = new ArrayList<>();
            for (JsonNode override : overrides) {
                String target = override.path("catalogue").asText(catalogue);
                if (!target.equals(catalogue)) {
                    continue;
                }
                for (JsonNode entry : root.path("sites")) {
                    if (entry.path("name").asText().equalsIgnoreCase(override.path("name").asText())) {
                        ObjectNode patch = ((ObjectNode) override).deepCopy();
                        patch.remove(List.of("name", "catalogue", "reason"));
                        boolean readDifferently = patch.properties().stream().anyMatch(f -> AMENDING.contains(f.getKey()));
                        ((ObjectNode) entry).setAll(patch);
                        if (readDifferently) {
                            ((ObjectNode) entry).put("catalogue", catalogue + "+" + OVERLAY_CATALOGUE);
                        }
                        applied.add(override);
                    }
                }
            }
            return applied;
        }

        private static final Set<String> AMENDING = Set.of("probe_url", "method", "body", "headers", "detect",
                "check", "absence", "presence", "not_found_status", "walls", "ignore_403", "username_pattern");

        private static String describe(JsonNode source) {
            String commit = source.path("commit").asText("?");
            return "bundled " + source.path("name").asText("?") + " catalogue (data.json at commit "
                    + commit.substring(0, Math.min(12, commit.length())) + ", " + source.path("date").asText("?")
                    + "; " + source.path("licence").asText("?") + ")";
        }

        private static JsonNode resource(String name) {
            try (InputStream in = BundledCatalogue.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled catalogue " + RESOURCES + name + " is missing from the jar");
                }
                return Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the bundled catalogue " + RESOURCES + name, e);
            }
        }
    }
}
