package dev.osint.server;

import io.javalin.openapi.OpenApiDescription;
import java.util.List;

/**
 * An error answer in the RFC 9457 {@code application/problem+json} shape; {@code errors} lists each bad field of a
 * validation problem and is left out otherwise.
 */
public record Problem(
        @OpenApiDescription("A URI naming the kind of problem; about:blank when the status says it all") String type,
        @OpenApiDescription("A short summary of the kind of problem") String title,
        @OpenApiDescription("The HTTP status code") int status,
        @OpenApiDescription("What went wrong with this request, and what to do about it") String detail,
        @OpenApiDescription("On validation problems: each bad field and its problem") List<FieldProblem> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";

    /** Kinds of problem this API names; anything else is {@code about:blank} with the HTTP status as title. */
    public static final String VALIDATION = "urn:osint:problem:validation-failed";
    public static final String MALFORMED_JSON = "urn:osint:problem:malformed-json";
    public static final String TASK_NOT_FOUND = "urn:osint:problem:task-not-found";
    public static final String TASK_NOT_FINISHED = "urn:osint:problem:task-not-finished";
    public static final String BROKER_UNAVAILABLE = "urn:osint:problem:broker-unavailable";
    public static final String INTERNAL = "urn:osint:problem:internal-error";
    public static final String UNAUTHORIZED = "urn:osint:problem:unauthorized";
    public static final String QUOTA_EXCEEDED = "urn:osint:problem:quota-exceeded";
    public static final String QUEUE_FULL = "urn:osint:problem:queue-full";
    public static final String MALFORMED_URI = "urn:osint:problem:malformed-uri";
    public static final String CROSS_SITE_REQUEST = "urn:osint:problem:cross-site-request";
    public static final String HISTORY_UNAVAILABLE = "urn:osint:problem:history-unavailable";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }

    /** At most this many field problems are listed, so a small request cannot make a huge answer. */
    static final int MAX_ERRORS = 20;

    public static Problem validation(List<FieldProblem> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().problem()
                : errors.size() + " fields are invalid; see errors"
                        + (errors.size() > MAX_ERRORS ? " (the first " + MAX_ERRORS + " are listed)" : "");
        return new Problem(VALIDATION, "Request validation failed", 422, detail,
                errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
    }
}
