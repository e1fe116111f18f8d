package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.username.Detection.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the project's own catalogue format ({@code docs/collectors/username.md}): the bundled imports of Sherlock's
 * and Maigret's files, the overlay, and operators' files.
 */
final class OwnCatalogueReader implements CatalogueReader {
    static final String FORMAT = "osint-username-sites/1";

    @Override
    public List<Site> read(JsonNode root, String source, List<Skip> skipped) {
        JsonNode entries = root.get("sites");
        if (entries == null || !entries.isArray()) {
            throw new IllegalArgumentException("a catalogue in " + FORMAT + " format needs a \"sites\" array");
        }
        String catalogue = root.path("catalogue").asText(source);
        List<Site> sites = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : entries) {
            String name = entry.path("name").asText("#" + index);
            try {
                sites.add(site(entry, catalogue, source));
            } catch (IllegalArgumentException e) {
                skipped.add(new Skip(name, e.getMessage()));
            }
            index++;
        }
        return sites;
    }

    static Site site(JsonNode entry, String catalogue, String source) {
        String name = CatalogueReader.text(entry, "name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("no name");
        }
        String url = CatalogueReader.urlTemplate(CatalogueReader.text(entry, "url"), "url");
        String probe = entry.hasNonNull("probe_url")
                ? CatalogueReader.urlTemplate(CatalogueReader.text(entry, "probe_url"), "probe_url") : null;
        String body = CatalogueReader.text(entry, "body");
        CatalogueReader.placeholders(url, probe, body);
        List<Detection> detections = new ArrayList<>();
        if (entry.has("detections")) {
            for (JsonNode item : entry.get("detections")) {
                detections.add(detection(item, item.path("catalogue").asText(catalogue)));
            }
        } else {
            detections.add(detection(entry, entry.path("catalogue").asText(catalogue)));
        }
        JsonNode rank = entry.get("rank");
        return new Site(name.strip(), url, probe, CatalogueReader.text(entry, "main_url"), detections,
                CatalogueReader.pattern(CatalogueReader.text(entry, "username_pattern")),
                CatalogueReader.method(CatalogueReader.text(entry, "method")),
                CatalogueReader.headers(entry.get("headers")), body, CatalogueReader.stringMap(entry.get("walls")),
                entry.path("ignore_403").asBoolean(false), CatalogueReader.strings(entry.get("tags")),
                rank == null || rank.isNull() ? null : rank.asInt(),
                Confidence.parse(CatalogueReader.text(entry, "confidence")).value(),
                entry.path("nsfw").asBoolean(false), entry.path("disabled").asBoolean(false),
                CatalogueReader.text(entry, "username_claimed"), CatalogueReader.text(entry, "username_unclaimed"),
                source);
    }

    private static Detection detection(JsonNode node, String catalogue) {
        Set<Method> methods = methods(node.get("detect"));
        Set<Integer> notFound = new LinkedHashSet<>();
        node.path("not_found_status").forEach(n -> notFound.add(n.asInt()));
        String check = node.path("check").asText(
                methods.stream().map(Method::wireName).sorted().reduce((a, b) -> a + "+" + b).orElse(""));
        return new Detection(catalogue, check, methods, notFound, CatalogueReader.strings(node.get("absence")),
                CatalogueReader.strings(node.get("presence")), CatalogueReader.text(node, "not_found_url"),
                node.path("secondary").asBoolean(false));
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
