package dev.osint.queue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in the task index, which both brokers order by creation time then id, newest first: the last task a
 * page examined. Sent to clients as an opaque base64url token.
 */
public record TaskCursor(long createdAtMillis, String taskId) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public String encode() {
        return ENCODER.encodeToString((createdAtMillis + ":" + taskId).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code token} is not a cursor a listing gave */
    public static TaskCursor decode(String token) {
        try {
            String text = new String(DECODER.decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            String id = text.substring(colon + 1);
            if (colon < 1 || id.isEmpty()) {
                throw new IllegalArgumentException("no position in it");
            }
            return new TaskCursor(Long.parseLong(text.substring(0, colon)), id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor is not one a task listing gave: pass next_cursor back as it is",
                    e);
        }
    }

    /** True when a task at ({@code millis}, {@code id}) comes after this position, newest first. */
    boolean isBefore(long millis, String id) {
        return millis < createdAtMillis || (millis == createdAtMillis && id.compareTo(taskId) < 0);
    }
}
