package dev.osint.collectors.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * One request to a page named by its whole URL (a site of the username catalogue, a catalogue file the operator
 * points at) rather than to an {@link Upstream}: any method, headers and body; redirects not followed, or followed
 * up to a limit with every hop recorded and offered to a check that may refuse or reroute it; the body refused past
 * a cap or cut at it; one deadline for headers, body and every hop. The status is the caller's to judge.
 * <pre>{@code
 * PageAnswer page = PageRequest.to(url).followRedirects(5, hop -> hop).keepFirstBytes(512 * 1024)
 *         .timeout(Duration.ofSeconds(10)).send(context.http());
 * }</pre>
 */
public final class PageRequest {
    /** Headers the JDK client sets itself and refuses from callers; a catalogue naming one is not obeyed. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final URI url;
    private String method = "GET";
    private String body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int maxRedirects;
    private UnaryOperator<URI> nextHop = UnaryOperator.identity();
    private long maxBodyBytes = UpstreamRequest.DEFAULT_MAX_BODY_BYTES;
    private boolean truncate;
    private Duration timeout = UpstreamRequest.DEFAULT_TIMEOUT;

    private PageRequest(URI url) {
        this.url = url;
    }

    /** A GET of {@code url}, redirects not followed, body capped at 20 MiB, 30 s to answer. */
    public static PageRequest to(URI url) {
        return new PageRequest(url);
    }

    /** {@code GET}, {@code HEAD}, {@code POST}, {@code PUT}, …; {@code body} is sent as it is, or nothing when null. */
    public PageRequest method(String name, String requestBody) {
        this.method = name.toUpperCase(Locale.ROOT);
        this.body = requestBody;
        return this;
    }

    /** Sets a header, replacing one of the same name; the few the JDK reserves ({@code Host}, …) are left out. */
    public PageRequest header(String name, String value) {
        if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, value);
        }
        return this;
    }

    public boolean hasHeader(String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    /**
     * Follows up to {@code max} redirects; each next address goes through {@code check} first, which may return
     * another address (to reroute it) or throw to refuse it (an {@link RuntimeException} whose message says why).
     */
    public PageRequest followRedirects(int max, UnaryOperator<URI> check) {
        this.maxRedirects = max;
        this.nextHop = check;
        return this;
    }

    /** Reads the first {@code bytes} of a longer body and hangs up, for pages read only for markers near the top. */
    public PageRequest keepFirstBytes(long bytes) {
        this.maxBodyBytes = bytes;
        this.truncate = true;
        return this;
    }

    /** Refuses a body longer than {@code bytes} ({@link PageFailure.Kind#TOO_LARGE}). */
    public PageRequest maxBodyBytes(long bytes) {
        this.maxBodyBytes = bytes;
        this.truncate = false;
        return this;
    }

    /** For the whole exchange: headers and body of every hop. */
    public PageRequest timeout(Duration value) {
        this.timeout = value;
        return this;
    }

    /** Sends the request and follows redirects as asked; only interruption and a {@link PageFailure} escape. */
    public PageAnswer send(HttpClient http) throws InterruptedException, PageFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<URI> hops = new ArrayList<>();
        URI current = url;
        String currentMethod = method;
        String currentBody = body;
        while (true) {
            CappedBodySubscriber.Handler capped = truncate ? CappedBodySubscriber.Handler.truncating(maxBodyBytes)
                    : new CappedBodySubscriber.Handler(maxBodyBytes);
            HttpResponse<byte[]> response = exchange(http, build(current, currentMethod, currentBody, deadline),
                    capped, deadline);
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse(null);
            if (!isRedirect(status) || location == null || maxRedirects == 0) {
                return new PageAnswer(url, current, List.copyOf(hops), status, response.headers(), response.body(),
                        truncate && capped.exceeded());
            }
            if (hops.size() >= maxRedirects) {
                throw new PageFailure(PageFailure.Kind.REDIRECT, "more than " + maxRedirects + " redirects");
            }
            current = next(current, location);
            hops.add(current);
            if (status != 307 && status != 308 && !currentMethod.equals("HEAD")) {
                currentMethod = "GET"; // as browsers do: only 307 and 308 repeat the method and body
                currentBody = null;
            }
        }
    }

    private HttpRequest build(URI target, String requestMethod, String requestBody, long deadline) throws PageFailure {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if ("http".equalsIgnoreCase(target.getScheme())) {
                builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade attempt on plain HTTP
            }
            headers.forEach(builder::header);
            return builder.method(requestMethod, requestBody == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(requestBody, StandardCharsets.UTF_8)).build();
        } catch (IllegalArgumentException e) {
            throw new PageFailure(PageFailure.Kind.INVALID_REQUEST, e.getMessage());
        }
    }

    private HttpResponse<byte[]> exchange(HttpClient http, HttpRequest request,
                                                 CappedBodySubscriber.Handler capped, long deadline)
            throws InterruptedException, PageFailure {
        try {
            return HttpExchange.exchange(http, request, capped, deadline);
        } catch (TimeoutException e) {
            throw new PageFailure(PageFailure.Kind.TIMEOUT, "no complete answer in time");
        } catch (ExecutionException e) {
            if (capped.exceeded()) {
                throw new PageFailure(PageFailure.Kind.TOO_LARGE, "the answer is larger than "
                        + HttpExchange.describeBytes(maxBodyBytes));
            }
            throw failure(e.getCause());
        }
    }

    private static PageFailure failure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return new PageFailure(PageFailure.Kind.TIMEOUT, "connect timed out");
            }
            if (t instanceof HttpTimeoutException) {
                return new PageFailure(PageFailure.Kind.TIMEOUT, "no complete answer in time");
            }
            if (t instanceof ConnectException) {
                return new PageFailure(PageFailure.Kind.UNREACHABLE, "connection refused or no route");
            }
        }
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new PageFailure(root instanceof IOException ? PageFailure.Kind.NETWORK : PageFailure.Kind.INVALID_REQUEST,
                detail);
    }

    private URI next(URI current, String location) throws PageFailure {
        URI resolved;
        try {
            resolved = current.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new PageFailure(PageFailure.Kind.REDIRECT, "redirected to an invalid URL: " + location);
        }
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PageFailure(PageFailure.Kind.REDIRECT, "redirected to a " + (scheme.isEmpty() ? "relative"
                    : scheme) + " URL, which is not followed");
        }
        try {
            return nextHop.apply(resolved);
        } catch (RuntimeException e) {
            throw new PageFailure(PageFailure.Kind.REDIRECT, e.getMessage());
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
