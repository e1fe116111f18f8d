package dev.osint.collectors.net;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.osint.core.CollectorException;
import dev.osint.core.Json;
import dev.osint.core.ScanContext;
import dev.osint.core.Secret;
import dev.osint.core.UpstreamSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to an {@link Upstream}, built fluently and sent by {@link #json()}, {@link #as(Class)} or
 * {@link #text()}. Its timeout, body cap, redirects and rate limit are the upstream's, declared once in its
 * {@link UpstreamSpec}. Secrets go in through the {@link Secret} overloads and are revealed only on the wire.
 */
public final class UpstreamRequest {
    public static final String USER_AGENT = "osint-platform/0.1";
    /** The timeout of an upstream that declares none; see {@link UpstreamSpec#timeout()}. */
    public static final Duration DEFAULT_TIMEOUT = UpstreamSpec.DEFAULT_TIMEOUT;
    /** The body cap of an upstream that declares none; see {@link UpstreamSpec#maxBodyBytes()}. */
    public static final long DEFAULT_MAX_BODY_BYTES = UpstreamSpec.DEFAULT_MAX_BODY_BYTES;
    private static final int EXCERPT = 200;
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamRequest.class);
    private static final ObjectReader JSON = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ScanContext context;
    private final Upstream upstream;
    private final String method;
    private final String path;
    private final List<String[]> query = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<Integer, StatusOutcome> overrides = new HashMap<>();
    private String body;

    UpstreamRequest(ScanContext context, Upstream upstream, String method, String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a request path starts with '/': " + path);
        }
        this.context = context;
        this.upstream = upstream;
        this.method = method;
        this.path = path;
    }

    /** Adds a query parameter; the value is percent-encoded here. */
    public UpstreamRequest query(String name, String value) {
        query.add(new String[] {name, value});
        return this;
    }

    /** Adds a query parameter that carries a key (Shodan's {@code ?key=}); error texts never show it. */
    public UpstreamRequest query(String name, Secret value) {
        return query(name, value.reveal());
    }

    public UpstreamRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Adds a header that carries a key ({@code x-apikey}, {@code Authorization}). */
    public UpstreamRequest header(String name, Secret value) {
        return header(name, value.reveal());
    }

    /** Gives {@code status} another meaning than {@link StatusOutcome#byDefault the default} for this request. */
    public UpstreamRequest onStatus(int status, StatusOutcome outcome) {
        overrides.put(status, outcome);
        return this;
    }

    /** Sends {@code value} as a JSON body (snake_case, like every JSON of the project). */
    public UpstreamRequest jsonBody(Object value) {
        return body("application/json", Json.write(value));
    }

    /** Sends {@code fields} as an {@code application/x-www-form-urlencoded} body. */
    public UpstreamRequest formBody(Map<String, String> fields) {
        return body("application/x-www-form-urlencoded", fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
    }

    public UpstreamRequest body(String contentType, String text) {
        headers.put("Content-Type", contentType);
        this.body = text;
        return this;
    }

    /** Sends the request and parses a found answer as a JSON tree. */
    public UpstreamAnswer<JsonNode> json() throws InterruptedException {
        return send("application/json", raw -> {
            JsonNode tree = JSON.readTree(raw.body());
            if (tree == null || tree.isMissingNode()) {
                throw malformed("the body is empty");
            }
            return tree;
        });
    }

    /** Sends the request and maps a found answer onto {@code type} (a record, usually). */
    public <T> UpstreamAnswer<T> as(Class<T> type) throws InterruptedException {
        return send("application/json", raw -> JSON.forType(type).readValue(raw.body()));
    }

    /** Sends the request and maps a found answer onto a generic type, such as a list of records. */
    public <T> UpstreamAnswer<T> as(TypeReference<T> type) throws InterruptedException {
        return send("application/json", raw -> JSON.forType(type).readValue(raw.body()));
    }

    /** Sends the request and returns a found answer as text, decoded with the charset it declares. */
    public UpstreamAnswer<String> text() throws InterruptedException {
        return send("*/*", RawResponse::text);
    }

    private interface BodyParser<T> {
        T parse(RawResponse raw) throws IOException;
    }

    private <T> UpstreamAnswer<T> send(String accept, BodyParser<T> parser) throws InterruptedException {
        HttpExchange exchange = HttpExchange.get(uri()).upstream(upstream).header("Accept", accept);
        if (body != null || !method.equals("GET")) {
            exchange.method(method, headers.get("Content-Type"), body);
        }
        headers.forEach(exchange::header);
        long started = System.nanoTime();
        RawResponse raw = exchange.send(context);
        LOG.debug("{} {} {} -> HTTP {} in {} ms", method, upstream.displayName(), upstream.redact(path),
                raw.status(), (System.nanoTime() - started) / 1_000_000);
        return map(raw, parser);
    }

    private <T> UpstreamAnswer<T> map(RawResponse raw, BodyParser<T> parser) {
        int status = raw.status();
        StatusOutcome outcome = overrides.getOrDefault(status, StatusOutcome.byDefault(status, upstream.takesKey()));
        String name = upstream.displayName();
        return switch (outcome) {
            case BODY -> UpstreamAnswer.found(status, parse(raw, parser), raw.headers());
            case NOT_FOUND -> UpstreamAnswer.notFound(status, upstream.redact(raw.excerpt(4096)), raw.headers());
            case KEY_REFUSED -> throw FailureKind.KEY_REFUSED.error(name + " refused the API key (HTTP " + status
                    + "): check " + upstream.keyVariable());
            case RETRY -> throw retry(raw);
            case FAILURE -> throw failure(raw);
        };
    }

    private <T> T parse(RawResponse raw, BodyParser<T> parser) {
        try {
            return parser.parse(raw);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            String at = where == null || where.getLineNr() < 0 ? ""
                    : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
            throw malformed(firstLine(e.getOriginalMessage()) + at);
        } catch (IOException e) {
            throw malformed(firstLine(e.getMessage()));
        }
    }

    private CollectorException malformed(String why) {
        return FailureKind.MALFORMED.error(upstream.displayName() + " sent a malformed answer: "
                + upstream.redact(why));
    }

    private CollectorException retry(RawResponse raw) {
        Duration wait = RetryAfter.parse(raw.headers().firstValue("Retry-After").orElse(null), Instant.now())
                .orElse(null);
        String name = upstream.displayName();
        String what = raw.status() == 429 ? name + " is rate limiting requests (HTTP 429)"
                : name + " is unavailable (HTTP " + raw.status() + ")";
        FailureKind kind = raw.status() >= 500 ? FailureKind.SERVER_ERROR : FailureKind.RATE_LIMITED;
        return kind.error(what + (wait == null ? "; it will be tried again with backoff"
                : "; it asked to retry after " + HttpExchange.describe(wait)), wait);
    }

    private CollectorException failure(RawResponse raw) {
        String name = upstream.displayName();
        int status = raw.status();
        if (status >= 300 && status < 400) {
            String location = raw.headers().firstValue("Location").orElse("nowhere");
            return FailureKind.REDIRECTED.error(name + " answered with a redirect (HTTP " + status + ") to "
                    + upstream.redact(location) + "; check " + upstream.baseUrlVariable());
        }
        String excerpt = upstream.redact(raw.excerpt(EXCERPT));
        return FailureKind.REQUEST_REFUSED.error(name + " refused the request (HTTP " + status + ")"
                + (excerpt.isEmpty() ? "" : ": " + excerpt));
    }

    private URI uri() {
        StringBuilder text = new StringBuilder(upstream.baseUrl().toString()).append(path);
        String separator = path.contains("?") ? "&" : "?";
        for (String[] parameter : query) {
            text.append(separator).append(encode(parameter[0])).append('=').append(encode(parameter[1]));
            separator = "&";
        }
        try {
            return URI.create(text.toString());
        } catch (IllegalArgumentException e) {
            // the path came from the collector; the text may hold a key, so it is not repeated
            throw FailureKind.REQUEST_REFUSED.error(upstream.displayName()
                    + ": the request path is not a valid URL path");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable body";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
