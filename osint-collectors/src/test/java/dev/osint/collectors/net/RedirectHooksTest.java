package dev.osint.collectors.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.osint.core.testing.TestScanContext;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The redirect hooks of {@link HttpExchange} that a catalogue site needs: its own address is the operator's, so
 * only the hops to another host meet the guard; and a hop can be rerouted to a server standing in for every host.
 */
class RedirectHooksTest {
    private static WireMockServer site;

    @BeforeAll
    static void start() {
        site = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        site.start();
        site.stubFor(get("/same").willReturn(aResponse().withStatus(302).withHeader("Location", "/there")));
        site.stubFor(get("/there").willReturn(aResponse().withStatus(200).withBody("same host")));
        site.stubFor(get("/away").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/")));
        site.stubFor(get("/169.254.169.254/latest/").willReturn(aResponse().withStatus(200).withBody("rerouted")));
    }

    @AfterAll
    static void stop() {
        site.stop();
    }

    private static URI at(String path) {
        return URI.create("http://127.0.0.1:" + site.port() + path);
    }

    private static TestScanContext context() {
        return TestScanContext.aScanOf(new DomainReportProbe()).target("example.com").build();
    }

    @Test
    void onlyHopsToAnotherHostMeetTheGuard() throws Exception {
        SsrfGuard guard = new SsrfGuard(host -> new java.net.InetAddress[0], List.of()); // refuses loopback

        RawResponse same = HttpExchange.get(at("/same")).followRedirects(3).guardedOnOtherHosts(guard).send(context());

        assertThat(same.text()).isEqualTo("same host");
        assertThat(same.url()).isEqualTo(at("/there"));
        assertThatThrownBy(() -> HttpExchange.get(at("/away")).followRedirects(3).guardedOnOtherHosts(guard)
                .send(context())).satisfies(e -> assertThat(FailureKind.of(e)).contains(FailureKind.ADDRESS_REFUSED))
                .hasMessageContaining("169.254.169.254");
    }

    @Test
    void aRedirectHookMayRerouteAHop() throws Exception {
        RawResponse rerouted = HttpExchange.get(at("/away")).followRedirects(3)
                .onRedirect(hop -> at("/" + hop.getHost() + hop.getPath())).send(context());

        assertThat(rerouted.text()).isEqualTo("rerouted");
        assertThat(rerouted.url()).isEqualTo(at("/169.254.169.254/latest/"));
    }
}
