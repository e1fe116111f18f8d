package dev.osint.collectors.identity;

import dev.osint.core.CollectorException;
import dev.osint.core.OptionSpec;
import dev.osint.core.Options;
import java.time.Duration;
import java.util.List;

/**
 * An identity scan's options, checked: how deep to follow derived identifiers, how many children at most, which
 * derived identifiers are worth a scan, and how long a round may wait.
 */
record IdentityOptions(int depth, int maxChildren, double minConfidence, Duration childTimeout) {
    static final int MAX_DEPTH = 3;
    static final int MAX_CHILDREN_LIMIT = 500;

    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.integer("depth", 1, "How many rounds of derived identifiers to follow after the target's own"
                    + " scans: 0 scans only the target, at most " + MAX_DEPTH),
            OptionSpec.integer("max_children", 50, "Most child scans queued in all, so that a profile full of links"
                    + " cannot flood the queue (1-" + MAX_CHILDREN_LIMIT + ")"),
            new OptionSpec("min_confidence", "number", 0.2, "Derived identifiers less likely than this to belong to"
                    + " the target are shown in the graph but not scanned (0-1)"),
            OptionSpec.integer("child_timeout_s", 180, "How long one round waits for its child scans; those still"
                    + " running are listed as they stand (1-3600)"));

    static IdentityOptions from(Options options) {
        long depth = options.integer("depth");
        if (depth < 0 || depth > MAX_DEPTH) {
            throw new CollectorException("options.depth must be between 0 and " + MAX_DEPTH + ", got " + depth
                    + "; each level multiplies the child scans, so deeper searches are refused");
        }
        long maxChildren = options.integer("max_children");
        if (maxChildren < 1 || maxChildren > MAX_CHILDREN_LIMIT) {
            throw new CollectorException("options.max_children must be between 1 and " + MAX_CHILDREN_LIMIT
                    + ", got " + maxChildren);
        }
        Object raw = options.asMap().get("min_confidence");
        double minConfidence = raw instanceof Number n ? n.doubleValue() : 0.2;
        if (minConfidence < 0 || minConfidence > 1) {
            throw new CollectorException("options.min_confidence must be between 0 and 1, got " + minConfidence);
        }
        long timeout = options.integer("child_timeout_s");
        if (timeout < 1 || timeout > 3600) {
            throw new CollectorException("options.child_timeout_s must be between 1 and 3600, got " + timeout);
        }
        return new IdentityOptions((int) depth, (int) maxChildren, minConfidence, Duration.ofSeconds(timeout));
    }
}
