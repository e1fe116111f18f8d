package dev.osint.server;

import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiExample;

/**
 * One bad input field of a request and what is wrong with it, as listed in a validation problem.
 *
 * @param rule for options: which rule the value broke; left out for other fields
 */
public record FieldProblem(
        @OpenApiExample("options.bruteforce_rate") String field,
        @OpenApiExample("must be from 1 to 100000, got 0") String problem,
        @OpenApiExample("out_of_range")
        @OpenApiDescription("For options: unknown_option, wrong_type, out_of_range, not_allowed or operator_only")
        String rule) {
    public FieldProblem(String field, String problem) {
        this(field, problem, null);
    }
}
