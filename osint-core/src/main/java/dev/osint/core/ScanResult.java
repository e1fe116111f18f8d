package dev.osint.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A finished scan, in the seed's shape plus normalised entities. */
public record ScanResult(String id, String collectorName, String target, boolean success, Map<String, Object> data,
                         List<Entity> entities, Instant timestamp, Map<String, Object> metadata) {}
