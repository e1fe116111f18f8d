package dev.osint.collectors.dns;

import dev.osint.core.CollectorException;
import dev.osint.core.ScanContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

/** Sends one scan's DNS queries to its configured servers, the next server taking over when one does not answer. */
final class DnsClient {
    static final String TIMEOUT_SETTING = "OSINT_DNS_TIMEOUT";
    static final String AXFR_PORT_SETTING = "OSINT_DNS_AXFR_PORT";
    /** Bounded by the operator's settings (servers and timeout), which change with a restart at most. */
    private static final Map<ResolverKey, SimpleResolver> RESOLVERS = new ConcurrentHashMap<>();
    /** Answers are checked and parsed on the thread that received them: no hand-off per query. */
    private static final Executor SAME_THREAD = Runnable::run;

    private final List<SimpleResolver> resolvers;
    private final Duration timeout;
    private final int transferPort;

    private DnsClient(List<InetSocketAddress> servers, Duration timeout, int transferPort) {
        this.timeout = timeout;
        this.transferPort = transferPort;
        this.resolvers = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            resolvers.add(RESOLVERS.computeIfAbsent(new ResolverKey(server, timeout), DnsClient::resolver));
        }
    }

    /**
     * One resolver per server and timeout for the whole process, on the {@link SharedUdpTransport}: a
     * {@link SimpleResolver} keeps no answers, only its settings, so scans share nothing through it.
     */
    private static SimpleResolver resolver(ResolverKey key) {
        SimpleResolver resolver = new SimpleResolver(key.server());
        resolver.setTimeout(key.timeout());
        resolver.setIoClientFactory(SharedUdpTransport.FACTORY);
        return resolver;
    }

    private record ResolverKey(InetSocketAddress server, Duration timeout) {}

    /** The servers of {@code OSINT_DNS_RESOLVERS}, else the system's; the timeout of {@code OSINT_DNS_TIMEOUT}. */
    static DnsClient from(ScanContext context) {
        Duration timeout;
        int transferPort;
        try {
            timeout = context.settings().seconds(TIMEOUT_SETTING, 2);
            transferPort = context.settings().integer(AXFR_PORT_SETTING, 0);
        } catch (IllegalArgumentException e) {
            throw new CollectorException(e.getMessage());
        }
        if (timeout.isZero()) {
            throw new CollectorException(TIMEOUT_SETTING + " must be more than 0 seconds");
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (InetSocketAddress configured : context.dnsResolvers()) {
            servers.add(resolved(configured));
        }
        if (servers.isEmpty()) {
            servers.addAll(ResolverConfig.getCurrentConfig().servers());
        }
        if (servers.isEmpty()) {
            throw new CollectorException("no DNS server to ask: the system has none configured; set "
                    + "OSINT_DNS_RESOLVERS=host:port,…");
        }
        if (transferPort <= 0) {
            // a test or private server on another port serves transfers there too
            transferPort = context.dnsResolvers().isEmpty() ? 53 : context.dnsResolvers().getFirst().getPort();
        }
        return new DnsClient(servers, timeout, transferPort);
    }

    private static InetSocketAddress resolved(InetSocketAddress address) {
        if (!address.isUnresolved()) {
            return address;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(address.getHostString()), address.getPort());
        } catch (UnknownHostException e) {
            throw new CollectorException("OSINT_DNS_RESOLVERS names a host that cannot be resolved: "
                    + address.getHostString());
        }
    }

    Duration timeout() {
        return timeout;
    }

    /** The port zone transfers go to: {@code OSINT_DNS_AXFR_PORT}, else the first resolver's port, else 53. */
    int transferPort() {
        return transferPort;
    }

    /** The first server, the one every query goes to while it answers. */
    InetSocketAddress primary() {
        return resolvers.getFirst().getAddress();
    }

    /** {@code host:port, …} of every server, for messages. */
    String describeServers() {
        return String.join(", ", resolvers.stream().map(r -> describe(r.getAddress())).toList());
    }

    static String describe(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Asks the servers in turn until one answers; completes with {@link NoAnswerException} when none did.
     * A SERVFAIL or REFUSED also moves on to the next server, and is returned when it came from the last.
     */
    CompletableFuture<DnsAnswer> query(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return ask(query, 0);
    }

    private CompletableFuture<DnsAnswer> ask(Message query, int index) {
        SimpleResolver resolver = resolvers.get(index);
        String server = describe(resolver.getAddress());
        boolean last = index == resolvers.size() - 1;
        return resolver.sendAsync(query, SAME_THREAD).toCompletableFuture()
                .handle((response, error) -> {
                    if (error != null) {
                        return last ? CompletableFuture.<DnsAnswer>failedFuture(new NoAnswerException(describeServers(),
                                unwrap(error))) : ask(query, index + 1);
                    }
                    int rcode = response.getRcode();
                    if (!last && (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED)) {
                        return ask(query, index + 1);
                    }
                    return CompletableFuture.completedFuture(new DnsAnswer(response, server, rcode));
                })
                .thenCompose(f -> f);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** No configured server answered in time. */
    static final class NoAnswerException extends Exception {
        NoAnswerException(String servers, Throwable cause) {
            super("no answer from " + servers + " (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", cause);
        }
    }
}
