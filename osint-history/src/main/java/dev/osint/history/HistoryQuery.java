package dev.osint.history;

import dev.osint.core.TaskState;
import java.time.Instant;

/**
 * A search of the history; every filter is optional.
 *
 * @param target scans of this target (case-insensitive)
 * @param type   scans by this collector type
 * @param text   words that must all appear in the result (see {@link SearchText})
 * @param owner  only scans this owner submitted; null for everyone's
 * @param cursor where the previous page ended, or null for the first page
 */
public record HistoryQuery(String target, String type, TaskState state, Instant since, Instant until, String text,
                           String owner, int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public HistoryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        if (state != null && !state.isFinal()) {
            throw new IllegalArgumentException("state: the history keeps SUCCESS, FAILURE and REVOKED, not " + state);
        }
        if (cursor != null) {
            Cursor.decode(cursor);
        }
        if (text != null) {
            SearchText.terms(text);
        }
    }

    public static HistoryQuery all() {
        return new HistoryQuery(null, null, null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    public HistoryQuery withLimit(int newLimit) {
        return new HistoryQuery(target, type, state, since, until, text, owner, newLimit, cursor);
    }

    public HistoryQuery withCursor(String next) {
        return new HistoryQuery(target, type, state, since, until, text, owner, limit, next);
    }

    public HistoryQuery withOwner(String onlyOwner) {
        return new HistoryQuery(target, type, state, since, until, text, onlyOwner, limit, cursor);
    }

    public HistoryQuery forTarget(String onlyTarget, String onlyType) {
        return new HistoryQuery(onlyTarget, onlyType, state, since, until, text, owner, limit, cursor);
    }
}
