package dev.osint.history;

import java.util.List;

/** One page of a newest-first listing; {@code nextCursor} fetches the next one, null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {}
