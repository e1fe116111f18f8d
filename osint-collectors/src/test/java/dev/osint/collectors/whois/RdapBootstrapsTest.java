package dev.osint.collectors.whois;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.osint.core.testing.TestScanContext.aScanOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.collectors.testing.CollectorTestBase;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.testing.TestScanContext;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RdapBootstrapsTest extends CollectorTestBase {
    private static final Clock STALE = Clock.fixed(RdapBootstraps.bundledDns().publication()
            .plus(RdapBootstraps.MAX_AGE).plus(Duration.ofDays(1)), ZoneOffset.UTC);

    @Override
    protected Collector collector() {
        return new WhoisCollector(STALE);
    }

    @Override
    protected String upstreamPrefix() {
        return "RDAP";
    }

    @BeforeEach
    void forgetEarlierRefreshes() {
        RdapBootstraps.forgetRefreshed();
    }

    /** A scan whose refresh URL is the WireMock server (and with no RDAP base URL, so the bootstrap decides). */
    private TestScanContext scanRefreshingFrom(String url) {
        return aScanOf(collector()).target("nic.example").setting("OSINT_RDAP_BOOTSTRAP_URL", url).build();
    }

    private void servesIanasCurrentFile() {
        stub(get(urlPathEqualTo("/rdap/dns.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(fixture("dns-refreshed.json").replace("{{base}}", upstream.baseUrl()))));
    }

    @Test
    void theBundledFilesNameTheRegistriesAndRirs() throws Exception {
        assertThat(RdapBootstraps.bundledDns().serverForDomain("www.google.com"))
                .hasValue(URI.create("https://rdap.verisign.com/com/v1/"));
        assertThat(RdapBootstraps.bundledDns().serverForDomain("wikipedia.org"))
                .hasValue(URI.create("https://rdap.publicinterestregistry.org/rdap/"));
        assertThat(RdapBootstraps.bundledDns().serverForDomain("denic.de")).isEmpty();
        // HTTPS is chosen over the plain HTTP URL listed beside it
        assertThat(RdapBootstraps.ipv4().serverForAddress(InetAddress.getByName("8.8.8.8")))
                .hasValue(URI.create("https://rdap.arin.net/registry/"));
        assertThat(RdapBootstraps.ipv4().serverForAddress(InetAddress.getByName("193.0.6.139")))
                .hasValue(URI.create("https://rdap.db.ripe.net/"));
        assertThat(RdapBootstraps.ipv6().serverForAddress(InetAddress.getByName("2a00:1450:4001::1")))
                .hasValue(URI.create("https://rdap.db.ripe.net/"));
        assertThat(RdapBootstraps.ipv4().serverForAddress(InetAddress.getByName("10.0.0.1"))).isEmpty();
    }

    @Test
    void theLongestMatchingEntryWins() throws Exception {
        RdapBootstrap file = RdapBootstrap.parse(dev.osint.core.Json.mapper().readTree("""
                {"services": [[["uk"], ["https://rdap.nominet.uk/uk/"]],
                              [["co.uk"], ["https://rdap.example/co.uk/"]],
                              [["8.0.0.0/8"], ["https://rdap.arin.net/registry/"]],
                              [["8.8.8.0/24"], ["https://rdap.example/google/"]]]}"""));

        assertThat(file.serverForDomain("example.co.uk")).hasValue(URI.create("https://rdap.example/co.uk/"));
        assertThat(file.serverForDomain("example.org.uk")).hasValue(URI.create("https://rdap.nominet.uk/uk/"));
        assertThat(file.serverForAddress(InetAddress.getByName("8.8.8.8")))
                .hasValue(URI.create("https://rdap.example/google/"));
        assertThat(file.serverForAddress(InetAddress.getByName("8.8.4.4")))
                .hasValue(URI.create("https://rdap.arin.net/registry/"));
    }

    @Test
    void aStaleBundledFileIsReplacedByIanasCurrentOne() throws Exception {
        servesIanasCurrentFile();
        TestScanContext context = scanRefreshingFrom(upstream.baseUrl() + "/rdap/dns.json");

        RdapBootstrap file = RdapBootstraps.dns(context, STALE);

        assertThat(file.serverForDomain("nic.example")).hasValue(URI.create(upstream.baseUrl() + "/example/"));
        // the refreshed file is kept: a second scan does not fetch it again
        RdapBootstraps.dns(context, STALE);
        upstream.verify(1, getRequestedFor(urlPathEqualTo("/rdap/dns.json")));
    }

    @Test
    void aScanUsesTheRefreshedFileToFindItsServer() throws Exception {
        servesIanasCurrentFile();
        stubGet("/example/domain/nic.example", 200, "google.com.json");

        CollectorOutput output = aScanOf(collector()).target("nic.example")
                .setting("OSINT_RDAP_BOOTSTRAP_URL", upstream.baseUrl() + "/rdap/dns.json").run();

        assertThat(output.success()).isTrue();
        assertThat(output.data()).containsEntry("source", "rdap").containsEntry("registrar", "MarkMonitor Inc.");
    }

    @Test
    void anUnreachableRefreshUrlKeepsTheBundledFile() throws Exception {
        // port 1 on loopback: nothing listens, the connection is refused at once
        TestScanContext context = scanRefreshingFrom("http://127.0.0.1:1/rdap/dns.json");

        RdapBootstrap file = RdapBootstraps.dns(context, STALE);

        assertThat(file).isSameAs(RdapBootstraps.bundledDns());
    }

    @Test
    void aBrokenRefreshedFileKeepsTheBundledFile() throws Exception {
        stub(get(urlPathEqualTo("/rdap/dns.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"description\": \"no services\"}")));

        RdapBootstrap file = RdapBootstraps.dns(scanRefreshingFrom(upstream.baseUrl() + "/rdap/dns.json"), STALE);

        assertThat(file).isSameAs(RdapBootstraps.bundledDns());
    }

    @Test
    void aFreshBundledFileIsUsedWithoutAsking() throws Exception {
        Clock fresh = WhoisCollectorRdapTest.FRESH_BOOTSTRAP;

        RdapBootstrap file = RdapBootstraps.dns(scanRefreshingFrom(upstream.baseUrl() + "/rdap/dns.json"), fresh);

        assertThat(file).isSameAs(RdapBootstraps.bundledDns());
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }
}
