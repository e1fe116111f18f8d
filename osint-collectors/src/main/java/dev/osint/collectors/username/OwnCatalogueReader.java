package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.username.Detection.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the project's own catalogue format ({@code docs/collectors/username.md}). */
final class OwnCatalogueReader implements CatalogueReader {
    static final String FORMAT = "osint-username-sites/1";

    @Override
    public List<Site> read(JsonNode root, String source, List<String> warnings) {
        List<Site> sites = new ArrayList<>();
        JsonNode entries = root.get("sites");
        if (entries == null || !entries.isArray()) {
            throw new IllegalArgumentException("a catalogue in " + FORMAT + " format needs a \"sites\" array");
        }
        int index = 0;
        for (JsonNode entry : entries) {
            String name = entry.path("name").asText("#" + index);
            try {
                sites.add(site(entry, source));
            } catch (IllegalArgumentException e) {
                warnings.add(source + ": site '" + name + "' skipped: " + e.getMessage());
            }
            index++;
        }
        return sites;
    }

    private static Site site(JsonNode entry, String source) {
        String name = CatalogueReader.text(entry, "name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("no name");
        }
        String url = CatalogueReader.urlTemplate(CatalogueReader.text(entry, "url"), "url");
        if (!url.contains(Site.PLACEHOLDER)) {
            throw new IllegalArgumentException("url '" + url + "' has no " + Site.PLACEHOLDER);
        }
        String probe = entry.has("probe_url") ? CatalogueReader.urlTemplate(CatalogueReader.text(entry, "probe_url"),
                "probe_url") : null;
        Set<Integer> notFound = new LinkedHashSet<>();
        entry.path("not_found_status").forEach(n -> notFound.add(n.asInt()));
        Detection detection = new Detection(methods(entry.get("detect")), notFound,
                CatalogueReader.strings(entry.get("absence")), CatalogueReader.strings(entry.get("presence")),
                CatalogueReader.text(entry, "not_found_url"), entry.path("ignore_403").asBoolean(false), Map.of());
        if (detection.uses(Method.ABSENCE) && detection.absenceStrings().isEmpty()) {
            throw new IllegalArgumentException("detect 'absence' needs an 'absence' list");
        }
        if (detection.uses(Method.PRESENCE) && detection.presenceStrings().isEmpty()) {
            throw new IllegalArgumentException("detect 'presence' needs a 'presence' list");
        }
        JsonNode rank = entry.get("rank");
        return new Site(name.strip(), url, probe, CatalogueReader.text(entry, "main_url"), detection,
                CatalogueReader.pattern(CatalogueReader.text(entry, "username_pattern")),
                CatalogueReader.method(CatalogueReader.text(entry, "method")),
                CatalogueReader.stringMap(entry.get("headers")), CatalogueReader.text(entry, "body"),
                CatalogueReader.strings(entry.get("tags")), rank == null || rank.isNull() ? null : rank.asInt(),
                Confidence.parse(CatalogueReader.text(entry, "confidence")).value(),
                entry.path("nsfw").asBoolean(false), entry.path("disabled").asBoolean(false),
                CatalogueReader.text(entry, "username_claimed"), source);
    }

    private static Set<Method> methods(JsonNode detect) {
        Set<Method> methods = EnumSet.noneOf(Method.class);
        for (String name : CatalogueReader.strings(detect)) {
            try {
                methods.add(Method.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("detect '" + name + "' is not status, absence, presence or redirect");
            }
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no 'detect' method (status, absence, presence, redirect)");
        }
        return methods;
    }
}
