package dev.osint.collectors.identity;

import dev.osint.core.OptionSpec;
import dev.osint.core.Options;
import java.time.Duration;
import java.util.List;

/**
 * An identity scan's options: how deep to follow derived identifiers, how many children at most, which derived
 * identifiers are worth a scan, and how long a round may wait. Their bounds are checked before the scan is queued.
 */
record IdentityOptions(int depth, int maxChildren, double minConfidence, Duration childTimeout) {
    static final int MAX_DEPTH = 3;
    static final int MAX_CHILDREN_LIMIT = 500;

    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.integer("depth", 1, "How many rounds of derived identifiers to follow after the target's own"
                    + " scans: 0 scans only the target; each level multiplies the child scans, so at most "
                    + MAX_DEPTH).range(0, MAX_DEPTH),
            OptionSpec.integer("max_children", 50, "Most child scans queued in all, so that a profile full of links"
                    + " cannot flood the queue").range(1, MAX_CHILDREN_LIMIT),
            OptionSpec.number("min_confidence", 0.2, "Derived identifiers less likely than this to belong to"
                    + " the target are shown in the graph but not scanned").range(0.0, 1.0),
            OptionSpec.integer("child_timeout_s", 180, "How long one round waits for its child scans; those still"
                    + " running are listed as they stand").range(1, 3600));

    static IdentityOptions from(Options options) {
        return new IdentityOptions((int) options.integer("depth"), (int) options.integer("max_children"),
                options.number("min_confidence"), Duration.ofSeconds(options.integer("child_timeout_s")));
    }
}
