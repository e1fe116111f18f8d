package dev.osint.collectors.dns;

import static dev.osint.core.testing.TestScanContext.aScanOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.osint.collectors.testing.LoopbackDnsServer;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.Options;
import dev.osint.core.Settings;
import dev.osint.core.testing.TestScanContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks beyond plain records: SPF, DMARC, DNSSEC, zone transfer, wildcard and brute force. */
class DnsCollectorChecksTest {
    private static LoopbackDnsServer dns;
    private final DnsCollector collector = new DnsCollector();
    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        dns = LoopbackDnsServer.startWithTestZones();
    }

    @AfterAll
    static void stopServer() {
        dns.close();
    }

    private TestScanContext.Builder scanOf(String target) {
        // the test zones' name servers are on loopback, which zone transfers reach only when allowed
        return aScanOf(collector).target(target).setting("OSINT_DNS_RESOLVERS", dns.address())
                .setting("OSINT_WORDLIST_DIR", dir.toString()).setting("OSINT_SSRF_ALLOW", "127.0.0.1/32");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** Writes the labels to {@code words.txt} in the wordlist directory and answers the name a scan gives. */
    private String wordlist(String... labels) throws Exception {
        Files.write(dir.resolve("words.txt"), List.of(labels));
        return "words";
    }

    @Test
    void parsesTheSpfAndDmarcRecordsAndSeesTheDnssecKeys() throws Exception {
        Map<String, Object> data = scanOf("example.test").run().data();

        assertThat(map(data.get("spf"))).containsEntry("all", "softfail")
                .containsEntry("ip4", List.of("192.0.2.0/24")).containsEntry("includes", List.of("_spf.mail.example.net"));
        assertThat(map(data.get("dmarc"))).containsEntry("policy", "quarantine").containsEntry("subdomain_policy", "reject")
                .containsEntry("pct", 50).containsEntry("adkim", "strict").containsEntry("aspf", "relaxed")
                .containsEntry("rua", List.of("mailto:dmarc@example.test", "mailto:agg@reports.example.net"))
                .containsEntry("ruf", List.of("mailto:forensic@example.test")).containsEntry("fo", List.of("1", "d"));
        Map<String, Object> dnssec = map(data.get("dnssec"));
        assertThat(dnssec).containsEntry("enabled", true).containsEntry("ds", List.of());
        assertThat((List<Map<String, Object>>) dnssec.get("dnskeys"))
                .extracting(k -> k.get("flags"), k -> k.get("role"), k -> k.get("algorithm"))
                .containsExactlyInAnyOrder(tuple(257, "KSK", 15), tuple(256, "ZSK", 15));
    }

    @Test
    void aZoneWithoutKeysOrMailPolicySaysSo() throws Exception {
        Map<String, Object> data = scanOf("closed.test").run().data();

        assertThat(map(data.get("dnssec"))).containsEntry("enabled", false);
        assertThat(data.get("spf")).isNull();
        assertThat(data.get("dmarc")).isNull();
    }

    @Test
    void anOpenZoneTransferHandsOverEveryNameAsAFinding() throws Exception {
        CollectorOutput output = scanOf("open.test").run();

        Map<String, Object> transfers = map(output.data().get("zone_transfer"));
        assertThat(transfers).containsOnlyKeys("ns1.open.test", "ns2.open.test");
        Map<String, Object> ns1 = map(transfers.get("ns1.open.test"));
        assertThat(ns1).containsEntry("status", "open").containsEntry("address", dns.address());
        assertThat((List<Map<String, Object>>) ns1.get("records")).extracting(r -> r.get("name"), r -> r.get("value"))
                .contains(tuple("intranet.open.test", "10.1.2.3"), tuple("backup-db.open.test", "10.1.2.50"));
        assertThat(output.entities()).filteredOn(e -> e.kind() == EntityKind.SUBDOMAIN).extracting(Entity::value)
                .containsExactlyInAnyOrder("ns1.open.test", "ns2.open.test", "www.open.test", "intranet.open.test",
                        "vpn.open.test", "backup-db.open.test", "dev.open.test");
    }

    @Test
    void aZoneTransferToANameServerThatIsNotPublicIsSkippedWithoutAConnection() throws Exception {
        int tcpBefore = dns.tcpQueries();
        CollectorOutput output = aScanOf(collector).target("open.test").setting("OSINT_DNS_RESOLVERS", dns.address())
                .run();

        Map<String, Object> ns1 = map(map(output.data().get("zone_transfer")).get("ns1.open.test"));
        assertThat(ns1).containsEntry("status", "skipped").doesNotContainKey("records");
        assertThat((String) ns1.get("error")).isEqualTo("address 127.0.0.1 is loopback; zone transfers go to public"
                + " addresses only (OSINT_SSRF_ALLOW opens a block)");
        assertThat(dns.tcpQueries()).isEqualTo(tcpBefore);
        assertThat(output.entities()).noneMatch(e -> e.value().equals("intranet.open.test"));
    }

    @Test
    void aRefusedZoneTransferIsReportedWithoutRecords() throws Exception {
        CollectorOutput output = scanOf("closed.test").run();

        Map<String, Object> ns1 = map(map(output.data().get("zone_transfer")).get("ns1.closed.test"));
        assertThat(ns1).containsEntry("status", "refused").doesNotContainKey("records");
        assertThat(output.entities()).noneMatch(e -> e.kind() == EntityKind.SUBDOMAIN);
    }

    @Test
    void detectsAWildcardAndItsAddress() throws Exception {
        assertThat(map(scanOf("wild.test").run().data().get("wildcard")))
                .containsEntry("detected", true).containsEntry("ips", List.of("203.0.113.7"));
        assertThat(map(scanOf("example.test").run().data().get("wildcard")))
                .containsEntry("detected", false).containsEntry("ips", List.of());
    }

    @Test
    void bruteForceFindsTheNamesThatExist() throws Exception {
        TestScanContext context = scanOf("open.test").option("bruteforce", true)
                .option("wordlist", wordlist("www", "intranet", "nope", "vpn", "# a comment", "backup-db", "absent", "bad label!"))
                .build();

        CollectorOutput output = collector.collect(context);

        Map<String, Object> bruteforce = map(output.data().get("bruteforce"));
        assertThat((List<Map<String, Object>>) bruteforce.get("found"))
                .extracting(f -> f.get("name"), f -> f.get("ips"))
                .containsExactly(tuple("backup-db.open.test", List.of("10.1.2.50")),
                        tuple("intranet.open.test", List.of("10.1.2.3")), tuple("vpn.open.test", List.of("198.51.100.20")),
                        tuple("www.open.test", List.of("198.51.100.10")));
        assertThat(bruteforce).containsEntry("names_tried", 6).containsEntry("unanswered", 0);
        assertThat(context.progress).anyMatch(p -> p.endsWith("brute force 6/6 names"));
        assertThat(context.fractions()).isSorted();
    }

    @Test
    void bruteForceDropsWildcardAnswersButKeepsRealNames() throws Exception {
        CollectorOutput output = scanOf("wild.test").option("bruteforce", true)
                .option("wordlist", wordlist("www", "mail", "vpn", "made-up-1", "made-up-2")).run();

        Map<String, Object> bruteforce = map(output.data().get("bruteforce"));
        assertThat((List<Map<String, Object>>) bruteforce.get("found")).extracting(f -> f.get("name"))
                .containsExactly("mail.wild.test", "vpn.wild.test", "www.wild.test");
        assertThat(bruteforce).containsEntry("wildcard_filtered", 2);
        assertThat(output.entities()).filteredOn(e -> e.kind() == EntityKind.SUBDOMAIN).extracting(Entity::value)
                .containsExactlyInAnyOrder("mail.wild.test", "vpn.wild.test", "www.wild.test");
    }

    @Test
    void theBundledWordlistHasThousandsOfLabels() {
        List<String> labels = SubdomainBruteForce.labels("subdomains", new Settings(Map.of()));

        assertThat(labels).hasSizeGreaterThan(2000).contains("www", "mail", "api", "vpn", "dev", "staging")
                .doesNotHaveDuplicates();
    }

    @Test
    void bruteForceOnTheBundledListFindsTheZonesCommonNames() throws Exception {
        CollectorOutput output = scanOf("open.test").option("bruteforce", true).run();

        assertThat((List<Map<String, Object>>) map(output.data().get("bruteforce")).get("found"))
                .extracting(f -> f.get("name")).contains("www.open.test", "vpn.open.test", "dev.open.test");
    }

    @Test
    void aWordlistNameOutsideTheAllowedOnesIsRefusedBeforeTheScanRuns() {
        assertThatThrownBy(() -> scanOf("open.test").option("bruteforce", true).option("wordlist", "missing").build())
                .isInstanceOf(Options.InvalidOptionsException.class)
                .hasMessage("options.wordlist: must be one of [subdomains]");
    }

    @Test
    void outOfRangeBruteForceBoundsAreRefusedBeforeTheScanRuns() {
        assertThatThrownBy(() -> scanOf("open.test").option("bruteforce_rate", 0).build())
                .isInstanceOf(Options.InvalidOptionsException.class)
                .hasMessage("options.bruteforce_rate: must be from 1 to 100000, got 0");
        assertThatThrownBy(() -> scanOf("open.test").option("bruteforce_concurrency", 1_000_000).build())
                .isInstanceOf(Options.InvalidOptionsException.class)
                .hasMessage("options.bruteforce_concurrency: must be from 1 to 10000, got 1000000");
    }
}
