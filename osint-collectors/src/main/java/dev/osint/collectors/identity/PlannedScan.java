package dev.osint.collectors.identity;

import java.util.Map;

/**
 * One child scan the planner wants: which collector, on what, and which identifier its findings belong to.
 *
 * @param purpose a few words a person reads in the result ({@code "gravatar profile"})
 */
public record PlannedScan(Identifier identifier, String type, Map<String, Object> options, String purpose) {
    public PlannedScan {
        options = Map.copyOf(options);
    }

    public String target() {
        return identifier.value();
    }
}
