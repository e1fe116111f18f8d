package dev.osint.collectors.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Resolves host names for the {@link SsrfGuard} through the configured DNS servers, with no cache kept between lookups. */
final class DnsResolution {
    static final String SERVERS_SETTING = "OSINT_DNS_RESOLVERS";
    static final String TIMEOUT_SETTING = "OSINT_DNS_TIMEOUT";

    private DnsResolution() {}

    /** A resolver asking {@code servers} (the next one when one does not answer) for A, then AAAA records. */
    static SsrfGuard.HostResolver through(List<InetSocketAddress> servers, Duration timeout) {
        return host -> {
            Resolver resolver = resolver(servers, timeout);
            Name name;
            try {
                name = Name.fromString(host.endsWith(".") ? host : host + ".");
            } catch (TextParseException e) {
                throw new UnknownHostException(host + ": not a valid name");
            }
            List<InetAddress> addresses = new ArrayList<>();
            boolean unanswered = false;
            for (int type : new int[] {Type.A, Type.AAAA}) {
                Lookup lookup = new Lookup(name, type);
                lookup.setResolver(resolver);
                lookup.setCache(null); // a fresh answer each time: what is checked is what is connected to
                Record[] records = lookup.run();
                if (lookup.getResult() == Lookup.TRY_AGAIN) {
                    unanswered = true;
                }
                for (Record record : records == null ? new Record[0] : records) {
                    if (record instanceof ARecord a) {
                        addresses.add(a.getAddress());
                    } else if (record instanceof AAAARecord aaaa) {
                        addresses.add(aaaa.getAddress());
                    }
                }
            }
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host + (unanswered ? ": the DNS servers did not answer" : ""));
            }
            return addresses.toArray(new InetAddress[0]);
        };
    }

    private static Resolver resolver(List<InetSocketAddress> servers, Duration timeout) throws UnknownHostException {
        List<Resolver> each = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            InetSocketAddress address = server.isUnresolved()
                    ? new InetSocketAddress(InetAddress.getByName(server.getHostString()), server.getPort()) : server;
            SimpleResolver simple = new SimpleResolver(address);
            simple.setTimeout(timeout);
            each.add(simple);
        }
        ExtendedResolver resolver = new ExtendedResolver(each);
        resolver.setTimeout(timeout);
        resolver.setRetries(1);
        return resolver;
    }
}
