package dev.osint.collectors.dns;

import static dev.osint.core.testing.TestScanContext.aScanOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.osint.collectors.testing.LoopbackDnsServer;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.testing.TestScanContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DnsCollectorTest {
    private static LoopbackDnsServer dns;
    private final DnsCollector collector = new DnsCollector();

    @BeforeAll
    static void startServer() throws Exception {
        dns = LoopbackDnsServer.startWithTestZones();
    }

    @AfterAll
    static void stopServer() {
        dns.close();
    }

    private TestScanContext.Builder scanOf(String target) {
        return aScanOf(collector).target(target).setting("OSINT_DNS_RESOLVERS", dns.address());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(CollectorOutput output) {
        return (List<Map<String, Object>>) output.data().get("dns_records");
    }

    @Test
    void everyRecordOfTheZoneApexComesOutWithItsTypeValueAndTtl() throws Exception {
        CollectorOutput output = scanOf("example.test").run();

        assertThat(output.success()).isTrue();
        assertThat(records(output))
                .extracting(r -> r.get("type"), r -> r.get("name"), r -> r.get("value"), r -> r.get("ttl"))
                .containsExactlyInAnyOrder(
                        tuple("A", "example.test", "192.0.2.10", 300L),
                        tuple("A", "example.test", "192.0.2.11", 300L),
                        tuple("AAAA", "example.test", "2001:db8::10", 600L),
                        tuple("MX", "example.test", "mail.example.test", 300L),
                        tuple("MX", "example.test", "mail2.example.test", 300L),
                        tuple("NS", "example.test", "ns1.example.test", 86400L),
                        tuple("NS", "example.test", "ns2.example.test", 86400L),
                        tuple("TXT", "example.test", "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 "
                                + "include:_spf.mail.example.net a mx:mail.example.test ~all", 300L),
                        tuple("TXT", "example.test", "site-verification=reference-fixture-example.test", 300L),
                        tuple("SOA", "example.test",
                                "ns1.example.test. hostmaster.example.test. 2024010101 3600 900 604800 300", 3600L),
                        tuple("CAA", "example.test", "0 issue \"letsencrypt.org\"", 300L),
                        tuple("CAA", "example.test", "0 iodef \"mailto:security@example.test\"", 300L));
        assertThat(records(output)).filteredOn(r -> r.get("type").equals("MX"))
                .extracting(r -> r.get("value"), r -> r.get("priority"))
                .containsExactlyInAnyOrder(tuple("mail.example.test", 10), tuple("mail2.example.test", 20));
        assertThat(output.data().get("nameservers")).asList()
                .containsExactlyInAnyOrder("ns1.example.test", "ns2.example.test");
        assertThat(output.metadata())
                .containsEntry("nameserver", dns.address())
                .containsEntry("record_count", 12)
                .containsEntry("query_count", 11)
                .containsEntry("record_types", List.of("A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "CAA"))
                .doesNotContainKey("errors");
    }

    @Test
    void ipsMailServersNameServersAndCnameTargetsBecomeEntities() throws Exception {
        assertThat(scanOf("example.test").run().entities())
                .extracting(Entity::kind, Entity::value)
                .containsExactlyInAnyOrder(
                        tuple(EntityKind.IP, "192.0.2.10"), tuple(EntityKind.IP, "192.0.2.11"),
                        tuple(EntityKind.IP, "2001:db8::10"),
                        tuple(EntityKind.MAIL_SERVER, "mail.example.test"),
                        tuple(EntityKind.MAIL_SERVER, "mail2.example.test"),
                        tuple(EntityKind.NAMESERVER, "ns1.example.test"),
                        tuple(EntityKind.NAMESERVER, "ns2.example.test"));

        assertThat(scanOf("cdn.example.test").run().entities())
                .extracting(Entity::kind, Entity::value, Entity::source)
                .containsExactly(tuple(EntityKind.HOSTNAME, "edge.cdn.example.net", "dns"));
    }

    @Test
    void anAliasReportsItsCnameOnceAndTheCanonicalNamesRecordsUnderThatName() throws Exception {
        CollectorOutput output = scanOf("api.example.test").run();

        assertThat(records(output)).filteredOn(r -> r.get("type").equals("CNAME"))
                .extracting(r -> r.get("name"), r -> r.get("value"))
                .containsExactly(tuple("api.example.test", "www.example.test"));
        // the chain api -> www -> example.test ends in the apex's addresses, owned by the apex
        assertThat(records(output)).filteredOn(r -> r.get("type").equals("A"))
                .extracting(r -> r.get("name"), r -> r.get("value"))
                .containsExactlyInAnyOrder(tuple("example.test", "192.0.2.10"), tuple("example.test", "192.0.2.11"));
    }

    @Test
    void srvRecordsAreAskedForServiceNames() throws Exception {
        CollectorOutput output = scanOf("_sip._tcp.example.test").run();

        assertThat(records(output)).extracting(r -> r.get("type"), r -> r.get("value"), r -> r.get("priority"),
                        r -> r.get("weight"), r -> r.get("port"))
                .containsExactly(tuple("SRV", "sip.example.test", 10, 60, 5060));
        assertThat(output.metadata().get("record_types")).asList().contains("SRV");
    }

    @Test
    void aNameThatDoesNotExistIsASuccessfulScanThatFoundNothing() throws Exception {
        CollectorOutput output = scanOf("nothing-here.example.test").run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata().get("reason")).isEqualTo(
                "NXDOMAIN: nothing-here.example.test does not exist (answered by " + dns.address() + ")");
        assertThat(records(output)).isEmpty();
        assertThat(output.entities()).isEmpty();
        assertThat(output.metadata().get("errors")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("A", "NXDOMAIN");
    }

    @Test
    void aNameWithNoRecordsOfSomeTypesAnswersWhatItHas() throws Exception {
        CollectorOutput output = scanOf("mail.example.test").run();

        assertThat(output.success()).isTrue();
        assertThat(records(output)).extracting(r -> r.get("type"), r -> r.get("value"))
                .containsExactly(tuple("A", "192.0.2.25"));
    }

    @Test
    void aServerThatNeverAnswersIsARetryableErrorNamingIt() throws Exception {
        try (LoopbackDnsServer mute = LoopbackDnsServer.startWithTestZones().silence(true)) {
            assertThatThrownBy(() -> aScanOf(collector).target("example.test")
                    .setting("OSINT_DNS_RESOLVERS", mute.address()).setting("OSINT_DNS_TIMEOUT", "0.3").run())
                    .isInstanceOf(RetryableCollectorException.class)
                    .hasMessageContaining("example.test")
                    .hasMessageContaining(mute.address())
                    .hasMessageContaining("did not answer");
        }
    }

    @Test
    void theNextServerTakesOverWhenTheFirstIsSilent() throws Exception {
        try (LoopbackDnsServer mute = LoopbackDnsServer.startWithTestZones().silence(true)) {
            CollectorOutput output = aScanOf(collector).target("example.test")
                    .setting("OSINT_DNS_RESOLVERS", mute.address() + "," + dns.address())
                    .setting("OSINT_DNS_TIMEOUT", "0.3").run();

            assertThat(output.success()).isTrue();
            assertThat(output.metadata()).containsEntry("nameserver", dns.address()).containsEntry("record_count", 12);
        }
    }

    @Test
    void aTxtAnswerTooBigForUdpIsFetchedAgainOverTcp() throws Exception {
        int tcpBefore = dns.tcpQueries();

        CollectorOutput output = scanOf("big.example.test").run();

        assertThat(records(output)).singleElement().satisfies(r -> {
            assertThat(r.get("type")).isEqualTo("TXT");
            assertThat((String) r.get("value")).hasSize(8 * 254).startsWith("k00-").contains("k07-");
        });
        assertThat(dns.tcpQueries()).isGreaterThan(tcpBefore);
    }

    @Test
    void aScanAnsweredWithinATenthOfASecondWritesNoProgress() throws Exception {
        TestScanContext context = scanOf("example.test").build();

        new DnsCollector(() -> 0L).collect(context); // a clock that stands still: every answer came at once

        assertThat(context.progress).isEmpty();
    }

    @Test
    void aSlowScanReportsHowFarItIsAtMostEveryTenthOfASecond() throws Exception {
        TestScanContext context = scanOf("example.test").build();
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

        // 60 ms pass between two looks at the clock: about every second report may go
        new DnsCollector(() -> nanos.addAndGet(60_000_000L)).collect(context);

        assertThat(context.fractions()).isSorted().last().isEqualTo(1.0);
        assertThat(context.progress).anyMatch(p -> p.contains(" done (")).hasSizeBetween(3, 6);
    }

    @Test
    void interruptingTheScanStopsItWhileItWaitsForAnswers() throws Exception {
        try (LoopbackDnsServer mute = LoopbackDnsServer.startWithTestZones().silence(true)) {
            TestScanContext context = aScanOf(collector).target("example.test")
                    .setting("OSINT_DNS_RESOLVERS", mute.address()).setting("OSINT_DNS_TIMEOUT", "60").build();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread scan = Thread.ofVirtual().start(() -> {
                try {
                    collector.collect(context);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            org.awaitility.Awaitility.await().until(() -> !context.progress.isEmpty());
            assertThat(context.progress.getFirst()).as("the first answer still out")
                    .endsWith(" waiting for A (0/8 answered)");

            context.cancel();
            scan.interrupt();

            // far below the 60 s the queries would otherwise wait
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void aBadTimeoutSettingIsAClearError() {
        assertThatThrownBy(() -> scanOf("example.test").setting("OSINT_DNS_TIMEOUT", "soon").run())
                .isInstanceOf(dev.osint.core.CollectorException.class)
                .hasMessageContaining("OSINT_DNS_TIMEOUT");
    }
}
