package dev.osint.server;

import dev.osint.core.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one servlet filter in front of Javalin (one rather than two: each filter is another step of Jetty's chain on
 * every request). It sets the {@link SecurityHeaders} on every answer, its own 400s included, then refuses, with a
 * 400 problem and before Javalin sees it, a request whose path or query holds a malformed percent
 * escape ({@code %zz}, a lone {@code %}), or whose path holds a {@code .} or {@code ..} segment (plain or encoded).
 * Jetty lets such paths through (after a {@code ;}, or when they stay below the root), and Javalin decodes and
 * resolves them while it matches routes and static files, outside any handler, where its error is a bare 500.
 * A client never needs either: HTTP clients remove dot segments before sending.
 */
final class RequestFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SecurityHeaders.apply((HttpServletResponse) response);
        HttpServletRequest http = (HttpServletRequest) request;
        String path = http.getRequestURI();
        String query = http.getQueryString();
        if (plain(path) && (query == null || query.indexOf('%') < 0)) { // nearly every request: nothing to decode
            chain.doFilter(request, response);
            return;
        }
        Optional<String> problem = malformed("path", path)
                .or(() -> malformed("query", query))
                .or(() -> dotSegment(path));
        if (problem.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setStatus(400);
        answer.setContentType(Problem.CONTENT_TYPE); // the security headers are set already
        answer.getOutputStream().write(Json.write(new Problem(Problem.MALFORMED_URI, "Bad Request", 400,
                problem.get(), null)).getBytes(StandardCharsets.UTF_8));
    }

    /** No escape and no segment starting with a dot: neither check below can find anything. */
    static boolean plain(String rawPath) {
        return rawPath.indexOf('%') < 0 && !rawPath.contains("/.") && !rawPath.startsWith(".");
    }

    /** What is wrong with {@code raw}, the path or query as sent (still encoded); empty when nothing is. */
    static Optional<String> malformed(String part, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '%' && (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1))
                    || !isHex(raw.charAt(i + 2)))) {
                return Optional.of("the " + part + " has a malformed percent escape at character " + (i + 1)
                        + ": '%' must be followed by two hex digits");
            }
        }
        return Optional.empty();
    }

    /** A {@code .} or {@code ..} segment, once its {@code ;} parameters are dropped and its escapes decoded. */
    static Optional<String> dotSegment(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String name = URLDecoder.decode((parameters < 0 ? segment : segment.substring(0, parameters))
                    .replace("+", "%2B"), StandardCharsets.UTF_8);
            if (name.equals(".") || name.equals("..")) {
                return Optional.of("the path has a '" + name + "' segment; send the path it stands for");
            }
        }
        return Optional.empty();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
