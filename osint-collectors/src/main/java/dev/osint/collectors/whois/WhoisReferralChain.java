package dev.osint.collectors.whois;

import dev.osint.collectors.net.SsrfGuard;
import dev.osint.collectors.net.Upstream;
import dev.osint.core.CollectorException;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamHealth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Follows a port-43 query from the first server (IANA by default) along the {@code refer:} and
 * {@code Registrar WHOIS Server:} referrals, as {@link WhoisCollector#WHOIS} declares: at most its referrals plus
 * one servers, none twice, each referral checked before anything is sent to it, each server with its own rate
 * limit and circuit breaker ({@code whois:<host>}), every exchange counted in the upstream metrics.
 */
final class WhoisReferralChain {
    static final String SERVER_SETTING = "OSINT_WHOIS_SERVER";
    static final String HOSTS_SETTING = "OSINT_WHOIS_HOSTS";
    static final String DEFAULT_SERVER = "whois.iana.org";
    static final int WHOIS_PORT = 43;

    /** A referral names a host: LDH labels, a letter-led last label, no port, path, space or control character. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    /** One server asked, by the name the chain knows it by, and its answer. */
    record Hop(String server, String text, boolean truncated) {}

    /** The servers asked, in order, and why the chain stopped early when it did. */
    record Chain(List<Hop> hops, List<String> problems) {
        List<String> servers() {
            return hops.stream().map(Hop::server).toList();
        }
    }

    private final ScanContext context;
    private final String firstName;
    private final InetSocketAddress firstAddress;
    private final Map<String, InetSocketAddress> hosts;
    private final Upstream whois;
    private final Duration timeout;
    private final SsrfGuard guard;

    private WhoisReferralChain(ScanContext context, String firstName, InetSocketAddress firstAddress,
                               Map<String, InetSocketAddress> hosts, Upstream whois, SsrfGuard guard) {
        this.context = context;
        this.firstName = firstName;
        this.firstAddress = firstAddress;
        this.hosts = hosts;
        this.whois = whois;
        this.timeout = whois.timeout();
        this.guard = guard;
    }

    /** Reads {@code OSINT_WHOIS_SERVER}, {@code OSINT_WHOIS_HOSTS} and {@code OSINT_WHOIS_TIMEOUT}. */
    static WhoisReferralChain from(ScanContext context) {
        Settings settings = context.settings();
        Upstream whois = Upstream.of(settings, WhoisCollector.WHOIS);
        try {
            List<InetSocketAddress> configured = settings.hostPorts(SERVER_SETTING, WHOIS_PORT);
            InetSocketAddress first = configured.isEmpty()
                    ? InetSocketAddress.createUnresolved(DEFAULT_SERVER, WHOIS_PORT) : configured.getFirst();
            String firstName = configured.isEmpty() ? DEFAULT_SERVER : settings.get(SERVER_SETTING).orElseThrow();
            return new WhoisReferralChain(context, firstName, first, hosts(settings), whois,
                    SsrfGuard.fromSettings(settings));
        } catch (IllegalArgumentException e) {
            throw new CollectorException(e.getMessage());
        }
    }

    /** {@code name=host:port,…}: where a referral to {@code name} really goes. */
    private static Map<String, InetSocketAddress> hosts(Settings settings) {
        Map<String, InetSocketAddress> hosts = new HashMap<>();
        for (String item : settings.get(HOSTS_SETTING, "").split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int equals = item.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(HOSTS_SETTING + ": '" + item.strip()
                        + "' is not name=host:port");
            }
            String name = item.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String target = item.substring(equals + 1).strip();
            List<InetSocketAddress> address = new Settings(Map.of(HOSTS_SETTING, target)).hostPorts(HOSTS_SETTING,
                    WHOIS_PORT);
            if (address.size() != 1) {
                throw new IllegalArgumentException(HOSTS_SETTING + ": '" + item.strip() + "' is not name=host:port");
            }
            hosts.put(name, address.getFirst());
        }
        return hosts;
    }

    /** Asks the first server about {@code query}, then each server it refers to. */
    Chain follow(String query) throws InterruptedException {
        List<Hop> hops = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        String name = firstName;
        InetSocketAddress address = firstAddress;
        int maxServers = WhoisCollector.WHOIS.maxRedirects() + 1;
        int maxBytes = (int) Math.min(Integer.MAX_VALUE, WhoisCollector.WHOIS.maxBodyBytes());
        while (true) {
            context.checkCancelled();
            asked.add(name.toLowerCase(Locale.ROOT));
            context.progress(0.2 + 0.2 * hops.size(), "asking " + name);
            UpstreamHealth.Call call;
            try {
                call = whois.at(name, "WHOIS server " + name).begin(context);
            } catch (RetryableCollectorException circuitOpen) {
                if (hops.isEmpty()) {
                    throw circuitOpen;
                }
                problems.add(circuitOpen.getMessage());
                break;
            }
            WhoisConnection.Answer answer;
            UpstreamHealth.Outcome outcome = null;
            try {
                answer = WhoisConnection.ask(resolved(name, address), query, timeout, maxBytes);
                outcome = UpstreamHealth.Outcome.ANSWERED;
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("cancelled while asking " + name);
                }
                outcome = e instanceof SocketTimeoutException ? UpstreamHealth.Outcome.TIMEOUT
                        : UpstreamHealth.Outcome.CONNECT_ERROR;
                if (hops.isEmpty()) {
                    throw unreachable(name, e);
                }
                // the registry answered; a registrar's server being down leaves that answer standing
                problems.add(describe(name, e));
                break;
            } finally {
                call.end(outcome);
            }
            hops.add(new Hop(name, answer.text(), answer.truncated()));
            Optional<String> referral = WhoisTextParser.referral(answer.text());
            if (referral.isEmpty() || hops.size() >= maxServers) {
                break;
            }
            Optional<String> next = referredHost(referral.get());
            if (next.isEmpty()) {
                problems.add(name + " referred to '" + shown(referral.get()) + "', which is not a host name; not followed");
                break;
            }
            if (asked.contains(next.get())) {
                break; // thin registries refer to themselves, and a loop ends here too
            }
            name = next.get();
            address = hosts.get(name);
            if (address == null) {
                Optional<InetSocketAddress> checked = publicAddress(name, problems);
                if (checked.isEmpty()) {
                    break;
                }
                address = checked.get();
            }
        }
        return new Chain(hops, problems);
    }

    /**
     * The host a referral names, in lower case; empty unless it is a plain host name. Schemes some registries
     * write ({@code whois://}, {@code http://}) and port 43 are accepted; any other port, a path, an address
     * literal, spaces or control characters are not, so nothing from an answer reaches the next query.
     */
    static Optional<String> referredHost(String referral) {
        String host = referral.strip().toLowerCase(Locale.ROOT);
        host = host.replaceFirst("^(whois|https?)://", "");
        if (host.endsWith("/")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.endsWith(":" + WHOIS_PORT)) {
            host = host.substring(0, host.length() - 3);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return HOST_NAME.matcher(host).matches() ? Optional.of(host) : Optional.empty();
    }

    /** The referred host's public address, port 43; a private, loopback or unresolvable one is noted and skipped. */
    private Optional<InetSocketAddress> publicAddress(String host, List<String> problems) {
        try {
            // the referral comes from an upstream's answer: the same policy as a user's URL, pinned the same way
            List<InetAddress> addresses = guard.checkHost(host);
            return Optional.of(new InetSocketAddress(addresses.getFirst(), WHOIS_PORT));
        } catch (CollectorException e) {
            problems.add("referral to " + host + " not followed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static InetSocketAddress resolved(String name, InetSocketAddress address) throws UnknownHostException {
        if (!address.isUnresolved()) {
            return address;
        }
        return new InetSocketAddress(InetAddress.getByName(address.getHostString()), address.getPort());
    }

    private RetryableCollectorException unreachable(String name, IOException e) {
        return new RetryableCollectorException(describe(name, e) + "; it will be tried again");
    }

    private String describe(String name, IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "WHOIS server " + name + " did not answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof UnknownHostException) {
            return "WHOIS server " + name + " cannot be resolved";
        }
        return "WHOIS server " + name + " could not be reached (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }

    /** A referral as it may be quoted in a message: printable, short. */
    private static String shown(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }
}
