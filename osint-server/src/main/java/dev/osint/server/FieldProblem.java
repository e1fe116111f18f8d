package dev.osint.server;

/** One bad input field of a request and what is wrong with it, as listed in a validation problem. */
public record FieldProblem(String field, String problem) {}
