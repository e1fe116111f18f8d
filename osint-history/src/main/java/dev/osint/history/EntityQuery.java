package dev.osint.history;

/**
 * A lookup of one entity value (exact, case-insensitive) or of values starting with a prefix.
 *
 * @param kind  only this entity kind ({@code ip}, {@code subdomain}, …), or null for every kind
 * @param owner only sightings in scans this owner submitted; null for everyone's
 */
public record EntityQuery(String kind, String value, String owner, int limit, String cursor) {
    public static final int MAX_LIMIT = 1000;

    public EntityQuery {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("value: give the entity value to look up");
        }
        if (value.length() > 2048) {
            throw new IllegalArgumentException("value: at most 2048 characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        if (cursor != null) {
            Cursor.decode(cursor);
        }
    }
}
