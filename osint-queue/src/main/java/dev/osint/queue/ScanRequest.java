package dev.osint.queue;

import dev.osint.core.Priority;
import java.util.Map;

/**
 * A scan as a client asks for it, before validation.
 *
 * @param parentId the task that spawned this one, or null
 */
public record ScanRequest(String target, String type, Map<String, Object> options, Priority priority,
                          String parentId) {
    public static ScanRequest of(String type, String target) {
        return new ScanRequest(target, type, Map.of(), Priority.NORMAL, null);
    }
}
