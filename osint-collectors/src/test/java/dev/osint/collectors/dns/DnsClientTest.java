package dev.osint.collectors.dns;

import static dev.osint.core.testing.TestScanContext.aScanOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.Options;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import dev.osint.core.Target;
import dev.osint.core.testing.TestScanContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** What a scan's client is built from, and the queries it sends. */
class DnsClientTest {
    /** A worker's environment: every scan it runs is handed these same two objects. */
    private static final Settings WORKER_SETTINGS = new Settings(Map.of("OSINT_DNS_TIMEOUT", "3"));
    private static final List<InetSocketAddress> WORKER_RESOLVERS =
            List.of(InetSocketAddress.createUnresolved("127.0.0.1", 5353));

    @Test
    void theScansOfAWorkerShareOneClientBuiltFromItsSettings() {
        DnsClient first = DnsClient.from(scanIn(WORKER_SETTINGS, WORKER_RESOLVERS));
        DnsClient second = DnsClient.from(scanIn(WORKER_SETTINGS, WORKER_RESOLVERS));

        assertThat(second).isSameAs(first);
        assertThat(second.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(second.primary()).isEqualTo(new InetSocketAddress("127.0.0.1", 5353));
        assertThat(second.transferPort()).isEqualTo(5353);
    }

    @Test
    void otherSettingsBuildAClientOfTheirOwn() {
        DnsClient worker = DnsClient.from(scanIn(WORKER_SETTINGS, WORKER_RESOLVERS));
        Settings other = new Settings(Map.of("OSINT_DNS_TIMEOUT", "1"));

        DnsClient client = DnsClient.from(scanIn(other, WORKER_RESOLVERS));

        assertThat(client).isNotSameAs(worker);
        assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(DnsClient.from(scanIn(WORKER_SETTINGS, List.of(InetSocketAddress.createUnresolved("127.0.0.2",
                53)))).primary()).isEqualTo(new InetSocketAddress("127.0.0.2", 53));
    }

    @Test
    void aServerNamedByItsHostNameIsLookedUpForEveryScan() {
        List<InetSocketAddress> byName = List.of(InetSocketAddress.createUnresolved("localhost", 5353));

        DnsClient first = DnsClient.from(scanIn(WORKER_SETTINGS, byName));
        DnsClient second = DnsClient.from(scanIn(WORKER_SETTINGS, byName));

        assertThat(second).isNotSameAs(first);
        assertThat(second.primary().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void aQueryIsDnsjavasOwnApartFromItsId() throws Exception {
        Name name = Name.fromString("t1.example.test.");
        for (int type : List.of(Type.A, Type.TXT, Type.DNSKEY)) {
            byte[] ours = DnsClient.newQuery(name, type).toWire();
            byte[] dnsjavas = Message.newQuery(Record.newRecord(name, type, DClass.IN)).toWire();

            assertThat(Arrays.copyOfRange(ours, 2, ours.length))
                    .isEqualTo(Arrays.copyOfRange(dnsjavas, 2, dnsjavas.length));
        }
    }

    /** A scan run with the given environment objects, as a worker hands them to each of its scans. */
    private static ScanContext scanIn(Settings settings, List<InetSocketAddress> resolvers) {
        TestScanContext scan = aScanOf(new DnsCollector()).target("example.test").build();
        return new ScanContext() {
            @Override public String taskId() { return scan.taskId(); }
            @Override public Target target() { return scan.target(); }
            @Override public Options options() { return scan.options(); }
            @Override public void progress(double fraction, String stage) { scan.progress(fraction, stage); }
            @Override public boolean isCancelled() { return scan.isCancelled(); }
            @Override public void throttle() { scan.throttle(); }
            @Override public List<InetSocketAddress> dnsResolvers() { return resolvers; }
            @Override public Settings settings() { return settings; }
            @Override public int attempt() { return 0; }
            @Override public String workerName() { return scan.workerName(); }
        };
    }
}
