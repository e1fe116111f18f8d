package dev.osint.collectors.net;

import dev.osint.core.CollectorException;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps user-supplied URLs (a profile page to scrape) off the platform's own network: only http and https to
 * public addresses, checked again on every redirect. Upstreams the operator configured do not come through here.
 * A name is resolved for the check and again by the HTTP client, so a DNS server that changes its answer in
 * between (DNS rebinding) is not stopped; run workers behind an egress firewall where that matters.
 */
public final class SsrfGuard {
    /** Redirects followed before giving up. */
    public static final int MAX_REDIRECTS = 5;
    /** Lets an operator open chosen blocks ({@code 10.1.2.0/24,127.0.0.1}), e.g. for an intranet deployment. */
    public static final String ALLOW_SETTING = "OSINT_SSRF_ALLOW";

    /** Turns a host name into its addresses; the system resolver unless a test supplies its own. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final HostResolver resolver;
    private final List<IpRange> allowed;

    public SsrfGuard(HostResolver resolver, List<String> allowedBlocks) {
        this.resolver = resolver;
        this.allowed = allowedBlocks.stream().map(IpRange::parse).toList();
    }

    /** The guard the operator configured: the system resolver and {@value #ALLOW_SETTING}. */
    public static SsrfGuard fromSettings(Settings settings) {
        List<String> blocks = Arrays.stream(settings.get(ALLOW_SETTING, "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            return new SsrfGuard(InetAddress::getAllByName, blocks);
        } catch (IllegalArgumentException e) {
            throw new CollectorException(ALLOW_SETTING + ": " + e.getMessage());
        }
    }

    /**
     * Checks {@code url} and returns the addresses its host resolves to; throws a {@link CollectorException} that
     * names the address refused and why.
     */
    public List<InetAddress> check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(url, "only http and https URLs are fetched"
                    + (scheme.isEmpty() ? "" : ", not " + scheme));
        }
        String host = hostOf(url);
        if (host.isEmpty()) {
            throw refused(url, "it has no host name");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return List.of(checked(url, literal(url, host.substring(1, host.length() - 1))));
        }
        Optional<NumericHost.Reading> numeric = NumericHost.read(host);
        if (numeric.isPresent()) {
            NumericHost.Reading reading = numeric.get();
            if (!reading.canonical()) {
                throw refused(url, "host '" + host + "' is an IPv4 address written in an unusual form"
                        + reading.address().map(a -> " (it means " + a.getHostAddress() + ")")
                        .orElse(" that is not valid") + "; write it as four decimal numbers");
            }
            return List.of(checked(url, literal(url, host)));
        }
        if (url.getHost() == null) {
            throw refused(url, "host '" + host + "' is not a valid host name (non-ASCII names must be given in"
                    + " punycode)");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new CollectorException("cannot fetch " + shown(url) + ": host '" + host + "' does not resolve");
        }
        List<InetAddress> result = new ArrayList<>();
        for (InetAddress address : addresses) {
            // every address counts: the HTTP client may connect to any of them
            result.add(checked(url, address));
        }
        return result;
    }

    /**
     * Fetches {@code url} with the scan's HTTP client, following up to {@value #MAX_REDIRECTS} redirects by hand
     * and checking each hop; network trouble is retryable, an unsafe hop a final error.
     */
    public FetchedPage fetch(ScanContext context, URI url, Duration timeout) throws InterruptedException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            check(current);
            HttpRequest request = HttpRequest.newBuilder(current).timeout(timeout)
                    .header("User-Agent", UpstreamRequest.USER_AGENT).GET().build();
            context.throttle();
            RawResponse raw = HttpExchange.send(context.http(), request, current.getHost(), timeout,
                    UpstreamRequest.DEFAULT_MAX_BODY_BYTES, text -> text, null);
            if (!isRedirect(raw.status())) {
                return new FetchedPage(current, raw.status(), raw.headers(), raw.text());
            }
            current = next(current, raw);
        }
        throw new CollectorException("cannot fetch " + shown(url) + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI next(URI current, RawResponse raw) {
        String location = raw.headers().firstValue("Location").orElseThrow(() -> new CollectorException(
                current.getHost() + " answered HTTP " + raw.status() + " without a Location to follow"));
        try {
            return current.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new CollectorException(current.getHost() + " redirected to an invalid URL: " + location);
        }
    }

    /** The host, also where {@link URI#getHost()} gives up on it ({@code 0x7f.1}, {@code 127.1}). */
    private static String hostOf(URI url) {
        if (url.getHost() != null) {
            return url.getHost();
        }
        String authority = url.getRawAuthority();
        if (authority == null) {
            return "";
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = host.lastIndexOf(':');
        return colon >= 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }

    private InetAddress checked(URI url, InetAddress address) {
        if (allowed.stream().anyMatch(range -> range.contains(address.getAddress()))) {
            return address;
        }
        AddressPolicy.refusal(address).ifPresent(reason -> {
            throw refused(url, "address " + address.getHostAddress() + " is " + reason);
        });
        return address;
    }

    private static InetAddress literal(URI url, String text) {
        try {
            // a literal of digits, dots, colons and hex is parsed, never looked up
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw refused(url, "'" + text + "' is not a valid IP address");
        }
    }

    private static CollectorException refused(URI url, String why) {
        return new CollectorException("refused to fetch " + shown(url) + ": " + why);
    }

    /** The URL without user info or query, which may carry credentials. */
    private static String shown(URI url) {
        String host = hostOf(url);
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return (url.getScheme() == null ? "" : url.getScheme() + "://") + host + port + path;
    }

    /**
     * Why a connection to {@code address}, named by user input by other means than a URL (a zone's name server),
     * is refused; empty when the address is public or {@value #ALLOW_SETTING} opens its block.
     */
    public Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(range -> range.contains(address.getAddress()))) {
            return Optional.empty();
        }
        return AddressPolicy.refusal(address);
    }
}
