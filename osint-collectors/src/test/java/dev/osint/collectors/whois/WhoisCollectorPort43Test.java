package dev.osint.collectors.whois;

import static dev.osint.core.testing.TestScanContext.aScanOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.osint.collectors.testing.LoopbackWhoisServer;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.Options;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.testing.TestScanContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Port-43 WHOIS: IANA, then the registry it refers to, then the registrar, all on loopback servers. */
class WhoisCollectorPort43Test {
    private final WhoisCollector collector = new WhoisCollector(WhoisCollectorRdapTest.FRESH_BOOTSTRAP);
    private LoopbackWhoisServer iana;
    private LoopbackWhoisServer registry;
    private LoopbackWhoisServer registrar;

    @BeforeEach
    void startServers() {
        iana = LoopbackWhoisServer.start();
        registry = LoopbackWhoisServer.start();
        registrar = LoopbackWhoisServer.start();
    }

    @AfterEach
    void stopServers() {
        iana.close();
        registry.close();
        registrar.close();
    }

    /** A port-43 scan: IANA is {@code OSINT_WHOIS_SERVER}, the referrals it meets go to the loopback servers. */
    private TestScanContext.Builder scanOf(String target) {
        return aScanOf(collector).target(target).option("rdap", false)
                .setting("OSINT_WHOIS_SERVER", iana.address())
                .setting("OSINT_WHOIS_HOSTS", "whois.verisign-grs.com=" + registry.address()
                        + ", whois.google.com=" + registrar.address()
                        + ", whois.arin.net=" + registry.address()
                        + ", whois.denic.de=" + registry.address())
                .setting("OSINT_WHOIS_TIMEOUT", "2");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(CollectorOutput output, String name) {
        return (Map<String, Object>) output.data().get(name);
    }

    private void servesTheJh2iChain() {
        iana.answer("jh2i.com", Fixtures.whoisText("iana-jh2i.com.txt"));
        registry.answer("jh2i.com", Fixtures.whoisText("verisign-jh2i.com.txt"));
        registrar.answer("jh2i.com", Fixtures.whoisText("google-jh2i.com.txt"));
    }

    @Test
    void theReferralChainRunsFromIanaToTheRegistryToTheRegistrar() throws Exception {
        servesTheJh2iChain();

        CollectorOutput output = scanOf("jh2i.com").run();

        assertThat(output.success()).isTrue();
        assertThat(output.data())
                .containsEntry("source", "whois")
                .containsEntry("referral_chain", List.of(iana.address(), "whois.verisign-grs.com", "whois.google.com"))
                .containsEntry("registrar", "Google LLC")
                .containsEntry("registrar_iana_id", "895")
                .containsEntry("created", "2019-09-30T18:01:13Z")
                .containsEntry("updated", "2019-09-30T18:01:15Z")
                .containsEntry("expires", "2020-09-30T18:01:13Z")
                .containsEntry("status", List.of("clientTransferProhibited"))
                .containsEntry("dnssec", "unsigned");
        assertThat(output.data().get("nameservers")).asList().containsExactly("ns-cloud-a1.googledomains.com",
                "ns-cloud-a2.googledomains.com", "ns-cloud-a3.googledomains.com", "ns-cloud-a4.googledomains.com");
        assertThat(part(output, "registrant")).containsEntry("organization", "Contact Privacy Inc. Customer 1245566205")
                .containsEntry("country", "CA").containsEntry("redacted", false);
        assertThat(part(output, "abuse")).containsEntry("email", "registrar-abuse@google.com")
                .containsEntry("phone", "+1.8772376466");
        assertThat((String) output.data().get("raw")).contains("# whois.verisign-grs.com", "# whois.google.com",
                "Registrant Street: 96 Mowat Ave");
        assertThat(output.entities()).extracting(Entity::kind).containsOnly(EntityKind.NAMESERVER,
                EntityKind.EMAIL, EntityKind.ORGANIZATION);
        assertThat(output.metadata()).containsEntry("rdap_skipped", "the scan's option rdap is false")
                .doesNotContainKey("whois_problems");
        // each server was asked once, with the bare name and nothing else
        assertThat(iana.queries()).containsExactly("jh2i.com");
        assertThat(registry.queries()).containsExactly("jh2i.com");
        assertThat(registrar.queries()).containsExactly("jh2i.com");
    }

    @Test
    void aRegistrySayingNoMatchMeansNotRegistered() throws Exception {
        iana.answer("nobody-holds-this-name.com", Fixtures.whoisText("iana-jh2i.com.txt"));
        registry.answer("nobody-holds-this-name.com", Fixtures.whoisText("verisign-no-match.txt"));

        CollectorOutput output = scanOf("nobody-holds-this-name.com").run();

        assertThat(output.success()).isFalse();
        assertThat((String) output.metadata().get("reason"))
                .isEqualTo("not registered: nobody-holds-this-name.com is not a registered domain "
                        + "(whois.verisign-grs.com)");
        assertThat(output.data()).containsEntry("source", "whois");
        assertThat(registrar.connections()).isZero();
    }

    @Test
    void aTldWithoutRdapGoesToPort43() throws Exception {
        iana.answer("nobody-holds-this-name.de", Fixtures.whoisText("iana-de.txt"));
        registry.answer("nobody-holds-this-name.de", Fixtures.whoisText("denic-free.txt"));

        CollectorOutput output = scanOf("nobody-holds-this-name.de").option("rdap", true).run();

        assertThat(output.success()).isFalse();
        assertThat((String) output.metadata().get("reason")).contains("(whois.denic.de)");
        assertThat((String) output.metadata().get("rdap_skipped")).contains("no RDAP service is known");
    }

    @Test
    void anIpAddressFollowsIanaToItsRir() throws Exception {
        iana.answer("8.8.8.8", Fixtures.whoisText("iana-8.8.8.8.txt"));
        registry.answer("8.8.8.8", Fixtures.whoisText("arin-8.8.8.8.txt"));

        CollectorOutput output = scanOf("8.8.8.8").run();

        assertThat(output.success()).isTrue();
        assertThat(output.data()).containsEntry("referral_chain", List.of(iana.address(), "whois.arin.net"));
        assertThat(part(output, "network")).containsEntry("start_address", "8.8.8.0")
                .containsEntry("cidrs", List.of("8.8.8.0/24")).containsEntry("name", "GOGL");
        assertThat(part(output, "registrant")).containsEntry("organization", "Google LLC").containsEntry("country", "US");
        assertThat(output.entities()).extracting(Entity::kind, Entity::value).containsExactly(
                tuple(EntityKind.EMAIL, "network-abuse@google.com"), tuple(EntityKind.ORGANIZATION, "Google LLC"),
                tuple(EntityKind.NETBLOCK, "8.8.8.0/24"));
    }

    @Test
    void aSilentFirstServerIsRetryable() {
        iana.silent();

        assertThatThrownBy(() -> scanOf("jh2i.com").setting("OSINT_WHOIS_TIMEOUT", "0.3").run())
                .isInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("WHOIS server " + iana.address() + " did not answer within 300 ms");
    }

    @Test
    void aSilentRegistrarLeavesTheRegistryAnswerStanding() throws Exception {
        servesTheJh2iChain();
        registrar.silent();

        CollectorOutput output = scanOf("jh2i.com").setting("OSINT_WHOIS_TIMEOUT", "0.5").run();

        assertThat(output.success()).isTrue();
        assertThat(output.data()).containsEntry("registrar", "Google LLC")
                .containsEntry("referral_chain", List.of(iana.address(), "whois.verisign-grs.com"));
        assertThat(output.metadata().get("whois_problems")).asList()
                .containsExactly("WHOIS server whois.google.com did not answer within 500 ms");
    }

    @Test
    void aHostileReferralIsNotFollowed() throws Exception {
        iana.answer("jh2i.com", Fixtures.whoisText("iana-jh2i.com.txt"));
        registry.answer("jh2i.com", Fixtures.whoisText("verisign-hostile-referral.txt"));

        CollectorOutput output = scanOf("jh2i.com").run();

        assertThat(output.success()).isTrue();
        assertThat(output.data()).containsEntry("referral_chain", List.of(iana.address(), "whois.verisign-grs.com"));
        assertThat(output.metadata().get("whois_problems")).asList().singleElement().asString()
                .contains("referred to 'whois.google.com:6379/ flushall', which is not a host name; not followed");
        assertThat(registrar.connections()).isZero();
    }

    @Test
    void aServerReferringToItselfIsNotAskedTwice() throws Exception {
        iana.answer("jh2i.com", Fixtures.whoisText("iana-jh2i.com.txt"));
        registry.answer("jh2i.com", Fixtures.whoisText("verisign-jh2i.com.txt")
                .replace("Registrar WHOIS Server: whois.google.com", "Registrar WHOIS Server: whois.verisign-grs.com"));

        CollectorOutput output = scanOf("jh2i.com").run();

        assertThat(output.data()).containsEntry("referral_chain", List.of(iana.address(), "whois.verisign-grs.com"));
        assertThat(registry.queries()).containsExactly("jh2i.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com\r\nfoo", "example.com\nexample.org", "example.com\u0000", "exa\u0085mple.com",
            "example.com foo"})
    void aTargetWithControlCharactersIsRefusedBeforeAnySocketOpens(String hostile) {
        TestScanContext parsed = scanOf("example.com").option("rdap", true)
                // an RDAP request would land on the IANA server's port too, and be counted
                .setting("OSINT_RDAP_BASE_URL", "http://" + iana.address()).build();
        ScanContext context = new WithTarget(parsed, new Target(TargetKind.DOMAIN, hostile));

        assertThatThrownBy(() -> collector.collect(context))
                .isInstanceOf(CollectorException.class)
                .isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("refused before any query is sent");
        assertThat(iana.connections() + registry.connections() + registrar.connections()).isZero();
    }

    /** A context whose target skipped the API's parser, as a bug or another caller could let happen. */
    private record WithTarget(TestScanContext delegate, Target target) implements ScanContext {
        @Override public String taskId() { return delegate.taskId(); }
        @Override public Options options() { return delegate.options(); }
        @Override public void progress(double fraction, String stage) { delegate.progress(fraction, stage); }
        @Override public boolean isCancelled() { return delegate.isCancelled(); }
        @Override public void throttle() { delegate.throttle(); }
        @Override public List<InetSocketAddress> dnsResolvers() { return delegate.dnsResolvers(); }
        @Override public Settings settings() { return delegate.settings(); }
        @Override public int attempt() { return delegate.attempt(); }
        @Override public String workerName() { return delegate.workerName(); }
    }
}
