package dev.osint.collectors.dns;

import dev.osint.core.CollectorException;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
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
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
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

    /**
     * The client last built from a worker's settings and resolver list, kept while every scan passes the same two
     * objects (a worker's environment does): the settings' parsing, the servers' addresses and the resolvers'
     * lookup were the same work for every scan.
     */
    private record Built(Settings settings, List<InetSocketAddress> configured, DnsClient client) {}

    private static volatile Built lastBuilt;

    /**
     * The servers of {@code OSINT_DNS_RESOLVERS}, else the system's; the timeout of {@code OSINT_DNS_TIMEOUT}. Built
     * once for the settings and resolvers a worker hands every scan when they name servers by address; a host name
     * is looked up again for every scan, as the system's servers are read again.
     */
    static DnsClient from(ScanContext context) {
        Settings settings = context.settings();
        List<InetSocketAddress> configured = context.dnsResolvers();
        Built built = lastBuilt;
        if (built != null && built.settings() == settings && built.configured() == configured) {
            return built.client();
        }
        DnsClient client = build(settings, configured);
        if (client.namesAddressesOnly(configured)) {
            lastBuilt = new Built(settings, configured, client);
        }
        return client;
    }

    /**
     * True when {@code configured} is not empty and names its servers as {@code 192.0.2.1:53} does: nothing was
     * looked up, so a client built again would be the same.
     */
    private boolean namesAddressesOnly(List<InetSocketAddress> configured) {
        if (configured.isEmpty() || configured.size() != resolvers.size()) {
            return false;
        }
        for (int i = 0; i < configured.size(); i++) {
            InetSocketAddress server = resolvers.get(i).getAddress();
            if (server.getAddress() == null
                    || !server.getAddress().getHostAddress().equals(configured.get(i).getHostString())) {
                return false;
            }
        }
        return true;
    }

    private static DnsClient build(Settings settings, List<InetSocketAddress> configured) {
        Duration timeout;
        int transferPort;
        try {
            timeout = settings.seconds(TIMEOUT_SETTING, 2);
            transferPort = settings.integer(AXFR_PORT_SETTING, 0);
        } catch (IllegalArgumentException e) {
            throw new CollectorException(e.getMessage());
        }
        if (timeout.isZero()) {
            throw new CollectorException(TIMEOUT_SETTING + " must be more than 0 seconds");
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (InetSocketAddress server : configured) {
            servers.add(resolved(server));
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
            transferPort = configured.isEmpty() ? 53 : configured.getFirst().getPort();
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
        return ask(newQuery(name, type), 0);
    }

    /**
     * The query {@code Message.newQuery} makes (opcode QUERY, recursion desired, the one question), with its id from
     * a fast generator: dnsjava draws each new header's id from one shared {@code SecureRandom}, a lock and a read of
     * the kernel's pool per query, 13 a scan. The id a server sees is not this one: {@link SharedUdpTransport} puts
     * its own on the wire and answers under this one again, which is all {@code SimpleResolver} checks it for (a
     * truncated answer's retry over TCP sends this id, on a connection only the server answers on).
     */
    static Message newQuery(Name name, int type) {
        Message query = new Message(ThreadLocalRandom.current().nextInt(0xffff));
        query.getHeader().setOpcode(Opcode.QUERY);
        query.getHeader().setFlag(Flags.RD);
        query.addRecord(Record.newRecord(name, type, DClass.IN), Section.QUESTION);
        return query;
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
