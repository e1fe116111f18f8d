package dev.osint.collectors.net;

import dev.osint.core.CollectorException;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps user-influenced addresses (a profile page, a Mastodon instance named in a handle, a WHOIS referral, a URL
 * to read metadata from) off the platform's own network: only http and https to public addresses. The guard
 * resolves a name itself (through {@code OSINT_DNS_RESOLVERS} when set), checks every address, and
 * {@link HttpExchange} then connects to the address checked, never resolving the name again, so a DNS server that
 * changes its answer between check and connect (DNS rebinding) gains nothing. Every redirect hop is checked the
 * same way. Upstreams the operator configured do not come through here.
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

    /**
     * The guard the operator configured: {@value #ALLOW_SETTING}, and names resolved by the DNS servers of
     * {@code OSINT_DNS_RESOLVERS} (with {@code OSINT_DNS_TIMEOUT}), or by the system's resolver when it is unset.
     */
    public static SsrfGuard fromSettings(Settings settings) {
        List<String> blocks = Arrays.stream(settings.get(ALLOW_SETTING, "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        HostResolver resolver;
        try {
            List<InetSocketAddress> servers = settings.hostPorts(DnsResolution.SERVERS_SETTING, 53);
            resolver = servers.isEmpty() ? InetAddress::getAllByName
                    : DnsResolution.through(servers, settings.seconds(DnsResolution.TIMEOUT_SETTING, 2));
        } catch (IllegalArgumentException e) {
            throw new CollectorException(e.getMessage());
        }
        try {
            return new SsrfGuard(resolver, blocks);
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
            throw FailureKind.CONNECT_ERROR.error("cannot fetch " + shown(url) + ": host '" + host
                    + "' does not resolve");
        }
        List<InetAddress> result = new ArrayList<>();
        for (InetAddress address : addresses) {
            // every address counts: the HTTP client may connect to any of them
            result.add(checked(url, address));
        }
        return result;
    }

    /**
     * The public addresses of a host name (a WHOIS referral, say, reached on another port than HTTP's); throws a
     * {@link CollectorException} naming the address refused and why. Connect to one of these, never to the name.
     */
    public List<InetAddress> checkHost(String host) {
        return check(URI.create("http://" + host + "/"));
    }

    /**
     * Fetches a page from an address users chose, as {@code spec} declares such fetches (timeout, body cap, rate
     * limit, redirects followed): GET, every hop checked and pinned. Network trouble is retryable, an unsafe hop a
     * final error; the status is the caller's to judge.
     */
    public FetchedPage fetch(ScanContext context, UpstreamSpec spec, URI url) throws InterruptedException {
        RawResponse raw = HttpExchange.get(url).upstream(Upstream.userChosen(spec, this, null, url)).send(context);
        return new FetchedPage(raw.url(), raw.status(), raw.headers(), raw.text());
    }

    /**
     * Fetches the bytes at {@code url} (a file to read metadata from) as {@code spec} declares such fetches
     * (redirects followed, rate limit, the name its calls are counted under), with the size cap and deadline the
     * operator set for them: GET, every hop checked and the connection pinned to the address checked, the body
     * streamed and refused past {@code maxBytes}, the whole fetch within {@code deadline}. The status is the
     * caller's to judge; network trouble is a retryable error, an unsafe hop or an oversize body a final one.
     */
    public FetchedBytes fetchBytes(ScanContext context, UpstreamSpec spec, URI url, long maxBytes, Duration deadline)
            throws InterruptedException {
        RawResponse raw = HttpExchange.get(url).upstream(Upstream.userChosen(spec, this, null, url))
                .header("Accept", "*/*").maxBodyBytes(maxBytes, false).deadline(deadline).send(context);
        return new FetchedBytes(raw.url(), raw.status(), raw.headers(), raw.body());
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
        return FailureKind.ADDRESS_REFUSED.error("refused to fetch " + shown(url) + ": " + why);
    }

    /** The URL without user info or query, which may carry credentials. */
    static String shown(URI url) {
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
