package dev.osint.history;

import java.time.Instant;

/** One scan that produced an entity: which scan, of what, and what it said about the entity. */
public record EntitySighting(String kind, String value, String taskId, String type, String target, String state,
                             Instant seenAt, String source, double confidence) {}
