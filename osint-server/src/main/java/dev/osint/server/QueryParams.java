package dev.osint.server;

import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a route's query parameters and collects every problem, so one 422 names each bad parameter. A parameter
 * the route does not know is a problem too: a misspelt filter must not silently list everything.
 */
final class QueryParams {
    private final Context ctx;
    private final List<FieldProblem> problems = new ArrayList<>();

    QueryParams(Context ctx, String... known) {
        this.ctx = ctx;
        Set<String> unknown = new TreeSet<>(ctx.queryParamMap().keySet());
        unknown.removeAll(Arrays.asList(known));
        for (String name : unknown) {
            problems.add(new FieldProblem(Printable.clip(name), "is not a parameter of this route; known: "
                    + String.join(", ", known)));
        }
    }

    /** The value, or null when absent or empty; longer than {@code maxLength} is a problem. */
    String text(String name, int maxLength) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength) {
            return problem(name, "is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** The comma-separated values, without empty ones; empty when absent. */
    List<String> list(String name, int maxLength) {
        String value = text(name, maxLength);
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = text(name, 12);
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        problem(name, "must be a whole number from " + min + " to " + max + ", got '" + Printable.clip(value) + "'");
        return defaultValue;
    }

    /** An ISO-8601 time with an offset, e.g. 2026-12-02T10:00:00Z (a '+' offset must be sent as %2B). */
    Instant instant(String name) {
        String value = text(name, 64);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeException e) {
            return problem(name, "must be an ISO-8601 time such as 2026-12-02T10:00:00Z, got '"
                    + Printable.clip(value) + "'");
        }
    }

    <T> T problem(String name, String problem) {
        problems.add(new FieldProblem(name, problem));
        return null;
    }

    /** Throws the 422 naming every problem found, if any. */
    void check() {
        if (!problems.isEmpty()) {
            throw new ProblemException(Problem.validation(problems));
        }
    }
}
