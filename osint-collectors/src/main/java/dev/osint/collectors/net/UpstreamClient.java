package dev.osint.collectors.net;

import dev.osint.core.ScanContext;
import dev.osint.core.UpstreamSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Talks to one upstream on behalf of one scan: every request keeps to the upstream's declared timeout, body cap and
 * rate limit ({@link UpstreamSpec}), passes its circuit breaker, carries {@value UpstreamRequest#USER_AGENT} as
 * User-Agent, and has its answer mapped to a body, "not found", a final error or a retryable one (see
 * {@link StatusOutcome}).
 * <pre>{@code
 * UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, VirusTotalCollector.VIRUSTOTAL)
 *         .get("/domains/" + UpstreamClient.segment(domain)).header("x-apikey", client.upstream().requireKey())
 *         .json();
 * }</pre>
 */
public final class UpstreamClient {
    private final ScanContext context;
    private final Upstream upstream;

    /** A client of the upstream {@code spec} declares, as the scan's settings configure it. */
    public UpstreamClient(ScanContext context, UpstreamSpec spec) {
        this(context, Upstream.of(context.settings(), spec));
    }

    /** A client of an upstream already read from the settings (or at an address a user chose). */
    public UpstreamClient(ScanContext context, Upstream upstream) {
        this.context = context;
        this.upstream = upstream;
    }

    /** A GET of {@code path} (starting with '/', relative to the base URL); add query parameters on the request. */
    public UpstreamRequest get(String path) {
        return new UpstreamRequest(context, upstream, "GET", path);
    }

    /** A POST of {@code path}; give it a body with {@link UpstreamRequest#jsonBody} or {@link UpstreamRequest#formBody}. */
    public UpstreamRequest post(String path) {
        return new UpstreamRequest(context, upstream, "POST", path);
    }

    public Upstream upstream() {
        return upstream;
    }

    /** Percent-encodes user input for use as one path segment ({@code /users/{name}}). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
