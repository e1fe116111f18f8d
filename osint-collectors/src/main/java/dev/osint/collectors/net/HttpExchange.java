package dev.osint.collectors.net;

import dev.osint.core.CollectorException;
import dev.osint.core.RateLimit;
import dev.osint.core.ScanContext;
import dev.osint.core.UpstreamHealth;
import dev.osint.core.UpstreamSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One HTTP exchange, redirects included, as every call of this module makes it: one deadline for all of it
 * (body included), a body cap (refused or cut past it), redirects followed only when asked (the final URL is
 * reported), user-influenced addresses checked by an {@link SsrfGuard} and the connection pinned to the address
 * checked, the answer counted and the circuit consulted for a named upstream. Failures are
 * {@link UpstreamUnavailableException} or {@link UpstreamFailureException} with their {@link FailureKind}.
 * <pre>{@code
 * RawResponse page = HttpExchange.get(url).guardedBy(guard).followRedirects(5)
 *         .maxBodyBytes(256 * 1024, true).deadline(Duration.ofSeconds(10)).send(context);
 * }</pre>
 */
public final class HttpExchange {
    private final URI url;
    private String method = "GET";
    private byte[] body;
    private String contentType;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration deadline = UpstreamSpec.DEFAULT_TIMEOUT;
    private long maxBodyBytes = UpstreamSpec.DEFAULT_MAX_BODY_BYTES;
    private boolean truncate;
    private int maxRedirects;
    private SsrfGuard guard;
    private SsrfGuard otherHostsGuard;
    private UnaryOperator<URI> onRedirect = UnaryOperator.identity();
    private String upstream;
    private String circuit;
    private String name;
    private String timeoutSetting;
    private UnaryOperator<String> redact = UnaryOperator.identity();
    private boolean throttled;
    private String rateKey;
    private RateLimit rateLimit;
    private Transport transport = Transport.SYSTEM;

    private static final java.util.Set<String> CONNECTION_HEADERS = java.util.Set.of("host", "content-length",
            "transfer-encoding", "connection", "expect", "upgrade");

    private HttpExchange(URI url) {
        this.url = url;
        headers.put("User-Agent", UpstreamRequest.USER_AGENT);
    }

    public static HttpExchange get(URI url) {
        return new HttpExchange(url);
    }

    /** Another method; {@code body} may be null (a HEAD, a bodiless POST). */
    public HttpExchange method(String value, String contentType, byte[] body) {
        this.method = value.toUpperCase(Locale.ROOT);
        this.contentType = contentType;
        this.body = body;
        return this;
    }

    public HttpExchange method(String value, String contentType, String body) {
        return method(value, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets a header, replacing one of the same name (User-Agent included); the headers that describe the connection
     * and the body framing (Host, Content-Length, Transfer-Encoding, Connection, Expect, Upgrade) are the client's.
     */
    public HttpExchange header(String headerName, String value) {
        if (CONNECTION_HEADERS.contains(headerName.toLowerCase(Locale.ROOT))) {
            return this;
        }
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(headerName));
        headers.put(headerName, value);
        return this;
    }

    /** The longest the whole exchange may take, redirects and body included (30 s by default). */
    public HttpExchange deadline(Duration value) {
        this.deadline = value;
        return this;
    }

    /** The body cap (20 MiB by default): past it the answer is refused, or with {@code truncate} cut there. */
    public HttpExchange maxBodyBytes(long value, boolean truncate) {
        this.maxBodyBytes = value;
        this.truncate = truncate;
        return this;
    }

    /** Follows up to {@code max} redirects (0, the default, returns a 3xx as it is); 307/308 keep the method. */
    public HttpExchange followRedirects(int max) {
        this.maxRedirects = max;
        return this;
    }

    /** Checks every hop's address with {@code value} and connects to the address checked. */
    public HttpExchange guardedBy(SsrfGuard value) {
        this.guard = value;
        return this;
    }

    /**
     * Checks with {@code value}, and connects to the address checked, only the hops to another host (or port, or
     * scheme) than the URL first asked: for an address the operator chose whose redirects are not (a catalogue site).
     */
    public HttpExchange guardedOnOtherHosts(SsrfGuard value) {
        this.otherHostsGuard = value;
        return this;
    }

    /**
     * Passes every redirect's next address through {@code check} before it is asked: it may return another address
     * (a test server standing in for every host) or throw to refuse the hop.
     */
    public HttpExchange onRedirect(UnaryOperator<URI> check) {
        this.onRedirect = check;
        return this;
    }

    /**
     * Counts the answer under {@code upstreamName} and, when {@code circuitName} is not null, passes through
     * that circuit breaker; {@code displayName} starts every error text (the URL's host otherwise).
     */
    public HttpExchange upstream(String upstreamName, String circuitName, String displayName) {
        this.upstream = upstreamName;
        this.circuit = circuitName;
        this.name = displayName;
        return this;
    }

    /** Waits for the collector's rate limit ({@link ScanContext#throttle()}) before every hop. */
    public HttpExchange throttled() {
        this.throttled = true;
        return this;
    }

    /**
     * Calls {@code target} as its {@link dev.osint.core.UpstreamSpec} declares it: its timeout (or the operator's),
     * body cap, redirects, rate limit before every hop, circuit breaker, and the SSRF guard for an address a user
     * chose; its answers are counted under its name and its key is masked in every error text.
     */
    public HttpExchange upstream(Upstream target) {
        upstream(target.name(), target.circuit(), target.displayName());
        this.deadline = target.timeout();
        this.maxBodyBytes = target.spec().maxBodyBytes();
        this.truncate = false;
        this.maxRedirects = target.spec().maxRedirects();
        this.guard = target.guard();
        this.timeoutSetting = target.timeoutVariable();
        this.redact = target::redact;
        this.rateKey = target.rateKey();
        this.rateLimit = target.spec().rateLimit();
        return this;
    }

    /** Sends over another transport than the process's (a test's, trusting its own certificates). */
    HttpExchange via(Transport value) {
        this.transport = value;
        return this;
    }

    /** Sends the request, following redirects as asked; the status is the caller's to judge. */
    public RawResponse send(ScanContext context) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        URI current = url;
        String currentMethod = method;
        byte[] currentBody = body;
        for (int hop = 0; ; hop++) {
            Transport.Answer answer = hop(context, current, currentMethod, currentBody, deadlineNanos);
            int status = answer.status();
            if (!isRedirect(status) || hop >= maxRedirects) {
                if (isRedirect(status) && maxRedirects > 0) {
                    throw FailureKind.TOO_MANY_REDIRECTS.error("cannot fetch " + SsrfGuard.shown(url)
                            + ": more than " + maxRedirects + " redirects");
                }
                return new RawResponse(current, status, answer.headers(), answer.body(), answer.truncated());
            }
            current = next(current, status, answer);
            if (status != 307 && status != 308) {
                currentMethod = currentMethod.equals("HEAD") ? "HEAD" : "GET";
                currentBody = null;
            }
        }
    }

    private Transport.Answer hop(ScanContext context, URI uri, String hopMethod, byte[] hopBody, long deadlineNanos)
            throws InterruptedException {
        SsrfGuard hopGuard = guard != null ? guard
                : otherHostsGuard != null && !sameOrigin(uri, url) ? otherHostsGuard : null;
        List<InetAddress> addresses = hopGuard == null ? null : hopGuard.check(uri);
        if (rateKey != null) {
            context.throttle(rateKey, rateLimit);
        } else if (throttled) {
            context.throttle();
        }
        String who = name != null ? name : uri.getHost();
        UpstreamHealth.Call call = context.upstreams().begin(upstream == null ? "user_url" : upstream, circuit, who);
        UpstreamHealth.Outcome outcome = UpstreamHealth.Outcome.CONNECT_ERROR;
        try {
            Transport.Answer answer = connect(uri, hopMethod, hopBody, addresses, deadlineNanos);
            outcome = UpstreamHealth.Outcome.ofStatus(answer.status());
            return answer;
        } catch (Transport.BodyTooLarge e) {
            outcome = UpstreamHealth.Outcome.OK; // it answered; the answer is the problem
            throw FailureKind.TOO_LARGE.error(who + " sent an answer larger than " + describeBytes(maxBodyBytes)
                    + "; it was not read");
        } catch (IOException e) {
            outcome = Transport.isTimeout(e) ? UpstreamHealth.Outcome.TIMEOUT : UpstreamHealth.Outcome.CONNECT_ERROR;
            throw translate(e, who, uri.getHost());
        } catch (InterruptedException e) {
            outcome = null;
            throw e;
        } finally {
            call.end(outcome);
        }
    }

    /** Tries each checked address in turn while the connection itself fails; the name resolves by itself when unguarded. */
    private Transport.Answer connect(URI uri, String hopMethod, byte[] hopBody, List<InetAddress> addresses,
                                     long deadlineNanos) throws IOException, InterruptedException {
        if (addresses == null) {
            return transport.send(hopMethod, uri, null, headers, hopBody, contentType, deadlineNanos, maxBodyBytes,
                    truncate);
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            try {
                return transport.send(hopMethod, uri, address, headers, hopBody, contentType, deadlineNanos,
                        maxBodyBytes, truncate);
            } catch (ConnectException | NoRouteToHostException e) {
                last = e;
            }
        }
        throw last;
    }

    private CollectorException translate(IOException error, String who, String host) {
        if (Transport.isTimeout(error)) {
            return FailureKind.TIMEOUT.error(who + " did not answer within " + describe(deadline)
                    + "; it will be tried again" + (timeoutSetting == null ? ""
                    : " (" + timeoutSetting + " sets the timeout in seconds)"));
        }
        if (error instanceof ConnectException || error instanceof NoRouteToHostException) {
            return FailureKind.CONNECT_ERROR.error(who + " could not be reached (connection refused or no route)");
        }
        if (error instanceof UnknownHostException) {
            return FailureKind.CONNECT_ERROR.error(who + " could not be reached (its name does not resolve)");
        }
        if (isCertificateRefusal(error)) {
            // trying again will meet the same certificate: a wrong name, an unknown issuer, an expired one
            return FailureKind.CERTIFICATE_REFUSED.error(who + " refused: its TLS certificate is not valid for "
                    + host + " (" + redact.apply(rootMessage(error)) + ")");
        }
        return FailureKind.NETWORK_ERROR.error(who + " failed on the network: " + redact.apply(rootMessage(error)));
    }

    /** A name the certificate does not cover, or a certificate no trusted issuer signed. */
    private static boolean isCertificateRefusal(IOException error) {
        if (error instanceof SSLPeerUnverifiedException) {
            return true;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return error instanceof SSLException;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private URI next(URI current, int status, Transport.Answer answer) {
        String location = answer.headers().firstValue("Location").orElseThrow(() ->
                FailureKind.TOO_MANY_REDIRECTS.error(current.getHost() + " answered HTTP " + status
                        + " without a Location to follow"));
        URI resolved;
        try {
            resolved = current.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw FailureKind.TOO_MANY_REDIRECTS.error(current.getHost() + " redirected to an invalid URL: "
                    + redact.apply(location));
        }
        return onRedirect.apply(resolved);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort()
                && a.getScheme().equalsIgnoreCase(b.getScheme());
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String describeBytes(long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes + " bytes";
    }

    /** The headers sent, for tests. */
    List<String> headerNames() {
        return new ArrayList<>(headers.keySet());
    }
}
