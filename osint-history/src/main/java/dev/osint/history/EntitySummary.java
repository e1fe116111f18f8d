package dev.osint.history;

import java.time.Instant;

/** An entity across the history: when it was first and last seen, and by how many scans. */
public record EntitySummary(String kind, String value, Instant firstSeen, Instant lastSeen, long scanCount) {}
