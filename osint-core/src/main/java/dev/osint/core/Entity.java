package dev.osint.core;

import java.util.Map;

/**
 * One normalised finding (a subdomain, an IP, an account, an open port, …).
 *
 * @param source     the collector type that found it
 * @param confidence in [0, 1]: 1 for what the upstream states, less for what is inferred
 */
public record Entity(EntityKind kind, String value, String source, double confidence, Map<String, Object> attributes) {
    public Entity {
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static Entity of(EntityKind kind, String value, String source) {
        return new Entity(kind, value, source, 1.0, Map.of());
    }

    public static Entity of(EntityKind kind, String value, String source, Map<String, Object> attributes) {
        return new Entity(kind, value, source, 1.0, attributes);
    }
}
