package dev.osint.collectors.metadata;

import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one file revealed, as the result shows it: normalised facts first (place, device, software, times, people,
 * the emails, usernames and URLs in any field), then every raw tag by directory, then the file's hashes.
 */
public final class MetadataReport {
    private static final Map<String, String> OFFICE_TYPES = Map.of(
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "odt", "application/vnd.oasis.opendocument.text",
            "ods", "application/vnd.oasis.opendocument.spreadsheet",
            "odp", "application/vnd.oasis.opendocument.presentation",
            "odg", "application/vnd.oasis.opendocument.graphics");

    private final FileKind kind;
    private final long size;
    private final FileFacts facts;
    private final Map<String, String> hashes;
    private final TextClues clues = new TextClues();

    MetadataReport(FileKind kind, long size, FileFacts facts, Map<String, String> hashes) {
        this.kind = kind;
        this.size = size;
        this.facts = facts;
        this.hashes = hashes;
        facts.raw().values().forEach(tags -> clues.scan(tags.values()));
        clues.scan(facts.people().values());
        clues.scan(facts.device().values());
    }

    /** The result's {@code data}; {@code source} says where the file came from (name or URL). */
    public Map<String, Object> data(Map<String, Object> source) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> file = new LinkedHashMap<>(source);
        file.put("size", size);
        file.put("type", facts.subtype());
        file.put("mime", OFFICE_TYPES.getOrDefault(facts.subtype(), kind.mime()));
        data.put("file", file);
        data.put("location", location());
        data.put("device", facts.device().isEmpty() ? null : facts.device());
        data.put("software", facts.software());
        facts.times().forEach((which, stamp) -> data.put(which, stamp.toMap()));
        data.putIfAbsent("created", null);
        data.putIfAbsent("modified", null);
        data.put("author", facts.people().get("author"));
        data.put("last_editor", facts.people().get("last_editor"));
        data.put("company", facts.people().get("company"));
        data.put("document", facts.document());
        data.put("emails", List.copyOf(clues.emails()));
        data.put("usernames", List.copyOf(clues.usernames()));
        data.put("urls", List.copyOf(clues.urls()));
        data.put("tags", facts.raw());
        if (facts.tagsCut()) {
            data.put("tags_truncated", true);
        }
        data.put("hashes", hashes);
        data.put("warnings", facts.warnings());
        return data;
    }

    private Map<String, Object> location() {
        FileFacts.Position position = facts.position();
        if (position == null) {
            return null;
        }
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("latitude", position.latitude());
        location.put("longitude", position.longitude());
        location.put("altitude", position.altitude());
        location.put("map_url", mapUrl(position));
        location.put("source", position.source());
        return location;
    }

    static String mapUrl(FileFacts.Position p) {
        return String.format(Locale.ROOT, "https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=16/%.6f/%.6f",
                p.latitude(), p.longitude(), p.latitude(), p.longitude());
    }

    public List<Entity> entities(String source) {
        List<Entity> entities = new ArrayList<>();
        FileFacts.Position position = facts.position();
        if (position != null) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("latitude", position.latitude());
            attributes.put("longitude", position.longitude());
            if (position.altitude() != null) {
                attributes.put("altitude", position.altitude());
            }
            attributes.put("map_url", mapUrl(position));
            entities.add(Entity.of(EntityKind.LOCATION, String.format(Locale.ROOT, "%.6f,%.6f", position.latitude(),
                    position.longitude()), source, attributes));
        }
        device().ifPresent(name -> entities.add(Entity.of(EntityKind.DEVICE, name, source,
                Map.copyOf(facts.device()))));
        person("author", entities, source);
        person("last_editor", entities, source);
        String company = facts.people().get("company");
        if (company != null) {
            entities.add(Entity.of(EntityKind.ORGANIZATION, company, source, Map.of("role", "company")));
        }
        clues.emails().forEach(email -> entities.add(Entity.of(EntityKind.EMAIL, email, source)));
        clues.usernames().forEach(name -> entities.add(new Entity(EntityKind.USERNAME, name, source, 0.7,
                Map.of("found_in", "file metadata"))));
        clues.urls().forEach(url -> entities.add(Entity.of(EntityKind.URL, url, source)));
        hashes.forEach((algorithm, hex) -> entities.add(Entity.of(EntityKind.HASH, hex, source,
                Map.of("algorithm", algorithm))));
        return entities;
    }

    private void person(String role, List<Entity> entities, String source) {
        String name = facts.people().get(role);
        if (name != null) {
            entities.add(Entity.of(EntityKind.PERSON, name, source, Map.of("role", role)));
        }
    }

    /** {@code Canon EOS 5D}: the model, led by the make unless the model names it already. */
    private java.util.Optional<String> device() {
        String make = facts.device().get("make");
        String model = facts.device().get("model");
        if (model == null) {
            return java.util.Optional.ofNullable(make);
        }
        if (make == null || model.toLowerCase(Locale.ROOT).startsWith(make.toLowerCase(Locale.ROOT).split(" ")[0])) {
            return java.util.Optional.of(model);
        }
        return java.util.Optional.of(make + " " + model);
    }

    /** True when something beyond the file's own structure was found (a place, a device, a person, a time). */
    public boolean revealsAnything() {
        return facts.position() != null || !facts.device().isEmpty() || facts.software() != null
                || !facts.times().isEmpty() || !facts.people().isEmpty() || !clues.emails().isEmpty()
                || !clues.usernames().isEmpty() || !clues.urls().isEmpty();
    }
}
