package dev.osint.server;

/** Ends a request with the problem it carries; thrown by handlers for every 4xx they decide on. */
public final class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException validation(String field, String problem) {
        return new ProblemException(Problem.validation(java.util.List.of(new FieldProblem(field, problem))));
    }
}
