package dev.osint.collectors.whois;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.osint.collectors.net.UpstreamBreakers;
import dev.osint.collectors.testing.CollectorTestBase;
import dev.osint.collectors.testing.LoopbackWhoisServer;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.Settings;
import dev.osint.core.testing.TestScanContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When RDAP gives no answer (connection reset, no server, its circuit open), port-43 WHOIS answers at once and
 * the result says which source answered and why RDAP did not.
 */
class WhoisFallbackTest extends CollectorTestBase {
    private static final String DOMAIN_PATH = "/domain/jh2i.com";

    private LoopbackWhoisServer iana;
    private LoopbackWhoisServer verisign;
    private LoopbackWhoisServer registrar;

    @Override
    protected Collector collector() {
        return new WhoisCollector(WhoisCollectorRdapTest.FRESH_BOOTSTRAP);
    }

    @Override
    protected String upstreamPrefix() {
        return "RDAP";
    }

    @BeforeEach
    void startWhois() {
        iana = LoopbackWhoisServer.start().answer("jh2i.com", Fixtures.whoisText("iana-jh2i.com.txt"));
        verisign = LoopbackWhoisServer.start().answer("jh2i.com", Fixtures.whoisText("verisign-jh2i.com.txt"));
        registrar = LoopbackWhoisServer.start().answer("jh2i.com", Fixtures.whoisText("google-jh2i.com.txt"));
    }

    @AfterEach
    void stopWhois() {
        iana.close();
        verisign.close();
        registrar.close();
    }

    private TestScanContext.Builder scan() {
        return aScan().target("jh2i.com")
                .setting("OSINT_WHOIS_SERVER", iana.address())
                .setting("OSINT_WHOIS_HOSTS", "whois.verisign-grs.com=" + verisign.address()
                        + ",whois.google.com=" + registrar.address());
    }

    private void assertAnsweredByPort43(CollectorOutput output) {
        assertThat(output.success()).isTrue();
        assertThat(output.data()).containsEntry("source", "whois").containsEntry("registrar", "Google LLC")
                .containsEntry("referral_chain", List.of(iana.address(), "whois.verisign-grs.com",
                        "whois.google.com"));
    }

    @Test
    void a_reset_connection_to_rdap_is_answered_from_port_43_at_once() throws Exception {
        upstream.stubFor(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        TestScanContext context = scan().build();
        CollectorOutput output = collector().collect(context);

        assertAnsweredByPort43(output);
        // RDAP and port 43 each wait for their own server's rate limit
        assertThat(context.throttledKeys).startsWith("rdap:localhost 2 per 1 s",
                "whois:" + iana.address() + " 2 per 1 s");
        assertThat(output.metadata()).containsEntry("rdap_failure", "network_error");
        assertThat((String) output.metadata().get("rdap_error")).startsWith("RDAP server localhost failed on the network");
        assertThat(iana.queries()).containsExactly("jh2i.com");
    }

    @Test
    void an_rdap_server_nobody_listens_on_is_answered_from_port_43() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort(); // closed again at once: nobody listens there
        }

        CollectorOutput output = scan().setting("OSINT_RDAP_BASE_URL", "http://127.0.0.1:" + port).run();

        assertAnsweredByPort43(output);
        assertThat(output.metadata()).containsEntry("rdap_failure", "connect_error");
        assertThat((String) output.metadata().get("rdap_error")).contains("could not be reached");
    }

    @Test
    void while_rdap_s_circuit_is_open_it_is_not_asked_and_port_43_answers() throws Exception {
        UpstreamBreakers breakers = UpstreamBreakers.fromSettings(new Settings(Map.of(
                UpstreamBreakers.MIN_CALLS_SETTING, "2", UpstreamBreakers.WINDOW_SETTING, "2",
                UpstreamBreakers.OPEN_SECONDS_SETTING, "60")), new SimpleMeterRegistry());
        upstream.stubFor(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < 2; i++) {
            // a 5xx is retried as RDAP asks, and counts against its circuit
            assertThatThrownBy(() -> scan().upstreams(breakers).run())
                    .isInstanceOf(RetryableCollectorException.class).hasMessageContaining("HTTP 503");
        }
        assertThat(breakers.circuits("rdap")).singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("rdap:localhost"))
                .satisfies(c -> assertThat(c.state()).isEqualTo("OPEN"));

        CollectorOutput output = scan().upstreams(breakers).run();

        assertAnsweredByPort43(output);
        assertThat(output.metadata()).containsEntry("rdap_failure", "circuit_open");
        assertThat((String) output.metadata().get("rdap_error"))
                .startsWith("RDAP server localhost is not being called: its circuit breaker is open")
                .contains("it will be tried again at");
        assertThat(upstream.countRequestsMatching(getRequestedFor(urlPathEqualTo(DOMAIN_PATH)).build()).getCount())
                .isEqualTo(2);
    }

    @Test
    void when_port_43_gives_no_answer_either_the_scan_is_retried_and_says_both() {
        upstream.stubFor(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        iana.silent();

        assertThatThrownBy(() -> scan().setting("OSINT_WHOIS_TIMEOUT", "0.3").run())
                .isInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("WHOIS server " + iana.address() + " did not answer")
                .hasMessageContaining("RDAP did not answer either: RDAP server localhost failed on the network");
    }
}
