package dev.osint.core;

import java.util.Set;

/** A target refused before anything is queued; the message says what is wrong with the value. */
public class InvalidTargetException extends IllegalArgumentException {
    private final String problem;
    private final Set<TargetKind> accepted;

    public InvalidTargetException(String problem, Set<TargetKind> accepted) {
        super(problem);
        this.problem = problem;
        this.accepted = Set.copyOf(accepted);
    }

    public String problem() {
        return problem;
    }

    public Set<TargetKind> accepted() {
        return accepted;
    }
}
