package dev.osint.server;

import io.javalin.http.Context;

/**
 * Refuses a request whose path or query holds a malformed percent escape ({@code %zz}, a lone {@code %}) with a
 * 400, before routing: Jetty lets one through after a {@code ;} and the router's decoder would throw on it.
 */
final class RequestUri {
    private RequestUri() {}

    static void requireWellFormed(Context ctx) {
        check("path", ctx.req().getRequestURI());
        String query = ctx.req().getQueryString();
        if (query != null) {
            check("query", query);
        }
    }

    private static void check(String part, String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '%' && (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2)))) {
                throw new ProblemException(new Problem(Problem.MALFORMED_URI, "Bad Request", 400, "the " + part
                        + " has a malformed percent escape at character " + (i + 1) + ": '%' must be followed by two"
                        + " hex digits", null));
            }
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
