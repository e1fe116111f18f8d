package dev.osint.collectors.whois;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.osint.collectors.testing.CollectorTestBase;
import dev.osint.collectors.testing.LoopbackWhoisServer;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.RetryableCollectorException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhoisCollectorRdapTest extends CollectorTestBase {
    /** A day after the bundled dns.json was published: fresh, so no test reaches for IANA's copy. */
    static final Clock FRESH_BOOTSTRAP = Clock.fixed(
            RdapBootstraps.bundledDns().publication().plus(Duration.ofDays(1)), ZoneOffset.UTC);

    @Override
    protected Collector collector() {
        return new WhoisCollector(FRESH_BOOTSTRAP);
    }

    @Override
    protected String upstreamPrefix() {
        return "RDAP";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(CollectorOutput output, String name) {
        return (Map<String, Object>) output.data().get(name);
    }

    @Test
    void aRegisteredDomainComesWithEveryField() throws Exception {
        stubGet("/domain/google.com", 200, "google.com.json", "Content-Type", "application/rdap+json");

        CollectorOutput output = aScan().target("google.com").run();

        assertThat(output.success()).isTrue();
        assertThat(output.data())
                .containsEntry("source", "rdap")
                .containsEntry("registrar", "MarkMonitor Inc.")
                .containsEntry("registrar_iana_id", "292")
                .containsEntry("created", "1997-09-15T04:00:00Z")
                .containsEntry("updated", "2019-09-09T15:39:04Z")
                .containsEntry("expires", "2028-09-14T04:00:00Z")
                .containsEntry("dnssec", "signedDelegation")
                .containsEntry("whois_server", "whois.markmonitor.com")
                .containsEntry("referral_chain", List.of());
        assertThat(output.data().get("status")).asList().containsExactly("clientDeleteProhibited",
                "clientTransferProhibited", "clientUpdateProhibited", "serverDeleteProhibited",
                "serverTransferProhibited", "serverUpdateProhibited");
        assertThat(output.data().get("nameservers")).asList()
                .containsExactly("ns1.google.com", "ns2.google.com", "ns3.google.com", "ns4.google.com");
        assertThat(part(output, "registrant")).containsEntry("organization", "Google LLC")
                .containsEntry("country", "US").containsEntry("redacted", false);
        assertThat(part(output, "abuse")).containsEntry("email", "abusecomplaints@markmonitor.com")
                .containsEntry("phone", "+1.2083895740");
        assertThat((String) output.data().get("raw")).contains("2138514_DOMAIN_COM-VRSN");
        assertThat(output.entities()).extracting(Entity::kind, Entity::value).containsExactly(
                tuple(EntityKind.NAMESERVER, "ns1.google.com"), tuple(EntityKind.NAMESERVER, "ns2.google.com"),
                tuple(EntityKind.NAMESERVER, "ns3.google.com"), tuple(EntityKind.NAMESERVER, "ns4.google.com"),
                tuple(EntityKind.EMAIL, "abusecomplaints@markmonitor.com"),
                tuple(EntityKind.ORGANIZATION, "Google LLC"));
        assertThat(output.metadata()).containsEntry("rdap_server", URI.create(upstream.baseUrl()).getHost())
                .containsEntry("database_updated", "2021-12-17T11:35:32Z");
        upstream.verify(getRequestedFor(urlPathEqualTo("/domain/google.com"))
                .withHeader("Accept", containing("application/rdap+json")));
    }

    @Test
    void aRedactedRegistrantIsNotedAsSuch() throws Exception {
        stubGet("/domain/bugatti.app", 200, "bugatti.app.json");

        CollectorOutput output = aScan().target("bugatti.app").run();

        assertThat(output.success()).isTrue();
        assertThat(part(output, "registrant")).containsEntry("redacted", true)
                .containsEntry("organization", null).containsEntry("country", null);
        assertThat(output.entities()).extracting(Entity::kind).doesNotContain(EntityKind.ORGANIZATION);
        assertThat(output.data()).containsEntry("registrar", "Google LLC.").containsEntry("dnssec", "unsigned");
    }

    @Test
    void a404MeansTheNameIsNotRegistered() throws Exception {
        stubGet("/domain/nobody-holds-this-name.com", 404, "not-found.json");

        CollectorOutput output = aScan().target("nobody-holds-this-name.com").run();

        assertThat(output.success()).isFalse();
        assertThat((String) output.metadata().get("reason")).startsWith("not registered: nobody-holds-this-name.com");
        assertThat(output.data()).containsEntry("source", "rdap");
        assertThat(output.entities()).isEmpty();
    }

    @Test
    void rateLimitingIsRetriedWhenTheServerAsks() {
        stubGet("/domain/google.com", 429, "rate-limited.json", "Retry-After", "30");

        assertThatThrownBy(() -> aScan().target("google.com").run())
                .isInstanceOfSatisfying(RetryableCollectorException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)))
                .hasMessageContaining("HTTP 429");
    }

    @Test
    void aServerErrorIsRetryable() {
        stubGet("/domain/google.com", 503, "unavailable.json");

        assertThatThrownBy(() -> aScan().target("google.com").run())
                .isInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void aMalformedAnswerFallsBackToPort43() throws Exception {
        stubGet("/domain/jh2i.com", 200, "truncated.json");
        try (LoopbackWhoisServer iana = LoopbackWhoisServer.start();
             LoopbackWhoisServer verisign = LoopbackWhoisServer.start();
             LoopbackWhoisServer registrar = LoopbackWhoisServer.start()) {
            iana.answer("jh2i.com", Fixtures.whoisText("iana-jh2i.com.txt"));
            verisign.answer("jh2i.com", Fixtures.whoisText("verisign-jh2i.com.txt"));
            registrar.answer("jh2i.com", Fixtures.whoisText("google-jh2i.com.txt"));

            CollectorOutput output = aScan().target("jh2i.com")
                    .setting("OSINT_WHOIS_SERVER", iana.address())
                    .setting("OSINT_WHOIS_HOSTS", "whois.verisign-grs.com=" + verisign.address()
                            + ",whois.google.com=" + registrar.address())
                    .run();

            assertThat(output.success()).isTrue();
            assertThat(output.data()).containsEntry("source", "whois").containsEntry("registrar", "Google LLC")
                    .containsEntry("referral_chain", List.of(iana.address(), "whois.verisign-grs.com",
                            "whois.google.com"));
            assertThat((String) output.metadata().get("rdap_error")).contains("malformed answer");
        }
    }

    @Test
    void anIpAddressIsLookedUpAsANetwork() throws Exception {
        stubGet("/ip/8.8.8.8", 200, "8.8.8.8.json");

        CollectorOutput output = aScan().target("8.8.8.8").run();

        assertThat(output.success()).isTrue();
        assertThat(part(output, "network")).containsEntry("handle", "NET-8-8-8-0-2").containsEntry("name", "GOGL")
                .containsEntry("start_address", "8.8.8.0").containsEntry("end_address", "8.8.8.255")
                .containsEntry("cidrs", List.of("8.8.8.0/24")).containsEntry("type", "DIRECT ALLOCATION");
        assertThat(part(output, "registrant")).containsEntry("organization", "Google LLC");
        assertThat(output.data()).containsEntry("created", "2023-12-28T22:24:33Z");
        assertThat(output.entities()).extracting(Entity::kind, Entity::value).containsExactly(
                tuple(EntityKind.EMAIL, "network-abuse@google.com"),
                tuple(EntityKind.ORGANIZATION, "Google LLC"),
                tuple(EntityKind.NETBLOCK, "8.8.8.0/24"));
    }

    @Test
    void aCidrBlockIsAskedForAsABlock() throws Exception {
        stubGet("/ip/8.8.8.0/24", 200, "8.8.8.8.json");

        CollectorOutput output = aScan().target("8.8.8.0/24").run();

        assertThat(output.success()).isTrue();
        assertThat(part(output, "network")).containsEntry("cidrs", List.of("8.8.8.0/24"));
    }
}
