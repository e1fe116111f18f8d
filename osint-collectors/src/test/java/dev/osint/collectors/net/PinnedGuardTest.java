package dev.osint.collectors.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.osint.collectors.testing.LoopbackDnsServer;
import dev.osint.core.CollectorException;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamSpec;
import dev.osint.core.testing.TestScanContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding against the guard: a name answers an allowed address, then (TTL 0) a refused one. The allowed
 * address is 127.0.0.2, opened by {@code OSINT_SSRF_ALLOW}; the refused one, 127.0.0.3, is loopback like it but
 * not allowed, and a listener on it counts every connection that reaches it: none may.
 */
class PinnedGuardTest {
    private static final String ALLOWED = "127.0.0.2";
    private static final String REFUSED = "127.0.0.3";
    private static final Duration PATIENT = Duration.ofSeconds(30);
    /** Pages at addresses users choose, as the social collector fetches them, within a patient timeout. */
    private static final UpstreamSpec PAGES = DomainReportProbe.PAGES.timeout(PATIENT);
    /** Files at addresses users choose, as the metadata collector fetches them. */
    private static final UpstreamSpec FILES = UpstreamSpec.userChosen("file_url", "Files users chose")
            .followRedirects(SsrfGuard.MAX_REDIRECTS);

    private LoopbackDnsServer dns;
    private WireMockServer site;
    private ServerSocket trap;
    private final AtomicInteger trapped = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        dns = LoopbackDnsServer.startWithTestZones();
        site = new WireMockServer(WireMockConfiguration.options().bindAddress(ALLOWED).dynamicPort());
        site.start();
        // the same port on the refused address: a client that resolved the name again would land here
        trap = new ServerSocket();
        trap.bind(new InetSocketAddress(InetAddress.getByName(REFUSED), site.port()));
        Thread.ofVirtual().start(() -> {
            while (!trap.isClosed()) {
                try (Socket ignored = trap.accept()) {
                    trapped.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        site.stubFor(get(urlPathEqualTo("/profile")).willReturn(aResponse().withStatus(200).withBody("hello")));
    }

    @AfterEach
    void stop() throws IOException {
        trap.close();
        site.stop();
        dns.close();
    }

    private SsrfGuard guard() {
        return SsrfGuard.fromSettings(new Settings(Map.of("OSINT_DNS_RESOLVERS", dns.address(),
                SsrfGuard.ALLOW_SETTING, ALLOWED + "/32")));
    }

    private TestScanContext context() {
        return TestScanContext.aScanOf(new DomainReportProbe()).target("example.com").build();
    }

    private URI url(String host, String path) {
        return URI.create("http://" + host + ":" + site.port() + path);
    }

    @Test
    void the_connection_goes_to_the_address_checked_and_a_rebound_name_is_refused_next_time() throws Exception {
        dns.rebind("rebind.example.test", ALLOWED, REFUSED);
        SsrfGuard guard = guard();

        FetchedPage first = guard.fetch(context(), PAGES, url("rebind.example.test", "/profile"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("hello");
        // the name kept its place in the Host header although the connection went to an address
        assertThat(site.getAllServeEvents().getFirst().getRequest().getHeader("Host"))
                .isEqualTo("rebind.example.test:" + site.port());
        // one A query, by the guard: the HTTP client never asked again (it would have got the refused address)
        assertThat(dns.rebindQueries("rebind.example.test")).isEqualTo(1);

        assertThatThrownBy(() -> guard.fetch(context(), PAGES, url("rebind.example.test", "/profile")))
                .isInstanceOf(CollectorException.class)
                .hasMessageContaining("address " + REFUSED + " is loopback");
        assertThat(dns.rebindQueries("rebind.example.test")).isEqualTo(2);
        assertThat(site.getAllServeEvents()).hasSize(1);
        assertThat(trapped.get()).isZero();
    }

    @Test
    void a_name_that_rebinds_on_every_query_never_reaches_the_refused_address() throws Exception {
        // allowed, refused, allowed, refused…: each fetch checks once and connects to what it checked
        dns.rebind("flip.example.test", ALLOWED, REFUSED, ALLOWED, REFUSED);
        SsrfGuard guard = guard();
        int served = 0;
        for (int i = 0; i < 4; i++) {
            try {
                guard.fetch(context(), PAGES, url("flip.example.test", "/profile"));
                served++;
            } catch (CollectorException e) {
                assertThat(e).hasMessageContaining("is loopback");
            }
        }
        assertThat(served).isEqualTo(2);
        assertThat(site.getAllServeEvents()).hasSize(2);
        assertThat(trapped.get()).isZero();
    }

    @Test
    void every_redirect_hop_is_resolved_checked_and_pinned_the_same_way() {
        dns.rebind("start.example.test", ALLOWED);
        dns.rebind("evil.example.test", REFUSED);
        site.stubFor(get(urlPathEqualTo("/go")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", url("evil.example.test", "/profile").toString())));

        assertThatThrownBy(() -> guard().fetch(context(), PAGES, url("start.example.test", "/go")))
                .isInstanceOf(CollectorException.class)
                .hasMessageContaining("address " + REFUSED + " is loopback");
        assertThat(trapped.get()).isZero();
    }

    @Test
    void fetch_bytes_streams_within_a_cap_and_refuses_past_it() throws Exception {
        dns.rebind("files.example.test", ALLOWED);
        byte[] image = new byte[4096];
        site.stubFor(get(urlPathEqualTo("/photo.jpg")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(image)));

        FetchedBytes fetched = guard().fetchBytes(context(), FILES, url("files.example.test", "/photo.jpg"), 4096,
                PATIENT);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).hasSize(4096);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue("image/jpeg");

        assertThatThrownBy(() -> guard().fetchBytes(context(), FILES, url("files.example.test", "/photo.jpg"), 4095,
                PATIENT))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("larger than 4095 bytes")
                .satisfies(e -> assertThat(FailureKind.of(e)).hasValue(FailureKind.TOO_LARGE));
    }

    @Test
    void fetch_bytes_keeps_to_its_deadline() {
        dns.rebind("slow.example.test", ALLOWED);
        site.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(200).withBody("late")
                .withFixedDelay(2_000)));

        assertThatThrownBy(() -> guard().fetchBytes(context(), FILES, url("slow.example.test", "/slow"), 1024,
                Duration.ofMillis(300)))
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("did not answer within 0.3 s")
                .satisfies(e -> assertThat(FailureKind.of(e)).hasValue(FailureKind.TIMEOUT));
    }

    @Test
    void names_resolving_to_internal_addresses_through_dns_are_refused_before_any_connection() {
        dns.rebind("zero.example.test", "0.0.0.0");
        dns.rebind("metadata.example.test", "169.254.169.254");
        SsrfGuard guard = guard();

        assertThatThrownBy(() -> guard.fetch(context(), PAGES, url("zero.example.test", "/")))
                .hasMessageContaining("address 0.0.0.0 is unspecified");
        assertThatThrownBy(() -> guard.fetch(context(), PAGES, url("metadata.example.test", "/")))
                .hasMessageContaining("address 169.254.169.254 is link-local");
        assertThat(site.getAllServeEvents()).isEmpty();
    }
}
