package dev.osint.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a collector returns: its own {@code data}, normalised {@code entities}, and metadata.
 *
 * @param success false when the target was looked up but nothing exists (NXDOMAIN, no breaches);
 *                {@code metadata.reason} then says why
 */
public record CollectorOutput(boolean success, Map<String, Object> data, List<Entity> entities,
                              Map<String, Object> metadata) {
    public CollectorOutput {
        data = data == null ? Map.of() : data;
        entities = entities == null ? List.of() : List.copyOf(entities);
        metadata = metadata == null ? Map.of() : metadata;
    }

    public static CollectorOutput found(Map<String, Object> data, List<Entity> entities) {
        return new CollectorOutput(true, data, entities, Map.of());
    }

    public static CollectorOutput notFound(String reason, Map<String, Object> data) {
        return new CollectorOutput(false, data, List.of(), Map.of("reason", reason));
    }

    /** A copy with one more metadata entry. */
    public CollectorOutput withMetadata(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(metadata);
        copy.put(key, value);
        return new CollectorOutput(success, data, entities, copy);
    }
}
