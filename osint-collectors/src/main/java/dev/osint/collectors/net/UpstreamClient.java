package dev.osint.collectors.net;

import dev.osint.core.ScanContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Talks to one {@link Upstream} on behalf of one scan, over {@link ScanContext#http()}: every request waits for
 * {@link ScanContext#throttle()}, carries {@value UpstreamRequest#USER_AGENT} as User-Agent, and has its answer
 * mapped to a body, "not found", a final error or a retryable one (see {@link StatusOutcome}).
 * <pre>{@code
 * UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, upstream)
 *         .get("/dns/" + UpstreamClient.segment(domain)).header("x-apikey", upstream.requireKey()).json();
 * }</pre>
 */
public final class UpstreamClient {
    private final ScanContext context;
    private final Upstream upstream;

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
