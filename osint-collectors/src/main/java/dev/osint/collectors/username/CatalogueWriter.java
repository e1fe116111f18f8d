package dev.osint.collectors.username;

import dev.osint.collectors.username.Detection.Method;
import dev.osint.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes sites in the project's format, one site per line so that a refreshed import reads as a diff of the sites
 * that changed. {@link OwnCatalogueReader} reads back exactly what is written.
 */
final class CatalogueWriter {
    private CatalogueWriter() {}

    /**
     * @param header  top-level fields before the sites ({@code catalogue}, {@code source}, …)
     * @param skipped entries left out, each with why, written after the sites
     */
    static String write(Map<String, Object> header, List<Site> sites, List<CatalogueReader.Skip> skipped) {
        StringBuilder out = new StringBuilder("{\"format\": \"").append(OwnCatalogueReader.FORMAT).append('"');
        header.forEach((name, value) -> out.append(",\n\"").append(name).append("\": ").append(Json.write(value)));
        out.append(",\n\"sites\": [\n");
        String catalogue = String.valueOf(header.getOrDefault("catalogue", ""));
        for (int i = 0; i < sites.size(); i++) {
            out.append(Json.write(entry(sites.get(i), catalogue))).append(i + 1 < sites.size() ? ",\n" : "\n");
        }
        out.append("],\n\"skipped\": [\n");
        for (int i = 0; i < skipped.size(); i++) {
            Map<String, String> skip = new LinkedHashMap<>();
            skip.put("name", skipped.get(i).site());
            skip.put("why", skipped.get(i).why());
            out.append(Json.write(skip)).append(i + 1 < skipped.size() ? ",\n" : "\n");
        }
        return out.append("]}\n").toString();
    }

    /** One site as the format writes it; fields at their defaults are left out. */
    static Map<String, Object> entry(Site site, String catalogue) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", site.name());
        entry.put("url", site.profileUrl());
        put(entry, "probe_url", site.probeUrl());
        put(entry, "main_url", site.mainUrl());
        if (!site.method().equals("GET")) {
            entry.put("method", site.method());
        }
        if (!site.headers().isEmpty()) {
            entry.put("headers", new LinkedHashMap<>(site.headers()));
        }
        put(entry, "body", site.body());
        if (site.usernamePattern() != null) {
            entry.put("username_pattern", site.usernamePattern().pattern());
        }
        if (site.detections().size() == 1) {
            entry.putAll(detection(site.detections().get(0), catalogue));
        } else {
            List<Map<String, Object>> all = new ArrayList<>();
            site.detections().forEach(d -> all.add(detection(d, null)));
            entry.put("detections", all);
        }
        if (!site.walls().isEmpty()) {
            entry.put("walls", new LinkedHashMap<>(site.walls()));
        }
        if (site.ignore403()) {
            entry.put("ignore_403", true);
        }
        if (!site.tags().isEmpty()) {
            entry.put("tags", site.tags());
        }
        put(entry, "rank", site.rank());
        if (site.confidence() != Confidence.HIGH.value()) {
            entry.put("confidence", Confidence.of(site.confidence()).wireName());
        }
        if (site.nsfw()) {
            entry.put("nsfw", true);
        }
        if (site.disabled()) {
            entry.put("disabled", true);
        }
        put(entry, "username_claimed", site.usernameClaimed());
        put(entry, "username_unclaimed", site.usernameUnclaimed());
        return entry;
    }

    private static Map<String, Object> detection(Detection detection, String fileCatalogue) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!detection.catalogue().equals(fileCatalogue)) {
            out.put("catalogue", detection.catalogue());
        }
        out.put("check", detection.check());
        out.put("detect", detection.methods().stream().sorted().map(Method::wireName).toList());
        if (!detection.notFoundStatuses().isEmpty()) {
            out.put("not_found_status", detection.notFoundStatuses().stream().sorted().toList());
        }
        if (!detection.absenceStrings().isEmpty()) {
            out.put("absence", detection.absenceStrings());
        }
        if (!detection.presenceStrings().isEmpty()) {
            out.put("presence", detection.presenceStrings());
        }
        put(out, "not_found_url", detection.notFoundUrl());
        if (detection.secondary()) {
            out.put("secondary", true);
        }
        return out;
    }

    private static void put(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
