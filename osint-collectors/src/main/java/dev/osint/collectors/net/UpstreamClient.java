package dev.osint.collectors.net;

import dev.osint.core.ScanContext;
import dev.osint.core.CollectorException;
import dev.osint.core.UpstreamSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

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

    /**
     * Percent-encodes user input for use as one path segment ({@code /users/{name}}): every character but
     * {@code A-Z a-z 0-9 . - _ *} is encoded, so '/', '?', '#' and '%' stay inside the segment. Encoding cannot make
     * "." or ".." safe, so a value that is, or holds, such a step (between '/' or '\', also once NFKC-folded, as
     * some servers decode and fold paths before routing them) is refused.
     *
     * @throws CollectorException when the value would step out of its segment
     */
    public static String segment(String value) {
        if (value == null || value.isEmpty() || hasDotStep(value)
                || hasDotStep(Normalizer.normalize(value, Normalizer.Form.NFKC))) {
            throw new CollectorException("'" + (value == null ? "" : value.length() > 80 ? value.substring(0, 77)
                    + "..." : value) + "' cannot be sent as one URL path segment: it is empty, '.' or '..',"
                    + " or holds a '.' or '..' step");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean hasDotStep(String value) {
        for (String step : value.split("[/\\\\]", -1)) {
            if (step.equals(".") || step.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
