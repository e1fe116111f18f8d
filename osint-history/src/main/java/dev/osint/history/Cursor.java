package dev.osint.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a newest-first page ended: the last row's time, task id and (for entity sightings) kind, opaque to
 * clients. Keyset paging keeps a page stable while new scans arrive and costs the same on page 1,000 as on page 1.
 */
record Cursor(Instant at, String taskId, String kind) {
    Cursor(Instant at, String taskId) {
        this(at, taskId, "");
    }

    String encode() {
        String raw = at.toEpochMilli() + ":" + taskId + "\n" + kind;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException the text is not a cursor this store made */
    static Cursor decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            int newline = raw.indexOf('\n', colon);
            return new Cursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))),
                    raw.substring(colon + 1, newline), raw.substring(newline + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor: not a cursor from a previous page");
        }
    }
}
