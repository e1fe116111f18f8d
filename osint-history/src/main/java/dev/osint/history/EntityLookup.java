package dev.osint.history;

import java.util.List;

/**
 * Everything the history knows of one entity value: per kind, when it was first and last seen and by how many
 * scans; and the scans that saw it, newest first, a page at a time.
 */
public record EntityLookup(String value, List<EntitySummary> entities, Page<EntitySighting> sightings) {}
