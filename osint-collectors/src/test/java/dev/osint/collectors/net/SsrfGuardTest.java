package dev.osint.collectors.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.osint.core.CollectorException;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamSpec;
import dev.osint.core.testing.TestScanContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsrfGuardTest {
    /** Names of the test resolve to literal addresses; nothing here asks a real DNS server. */
    private static final SsrfGuard.HostResolver RESOLVER = host -> switch (host) {
        case "public.example" -> new InetAddress[] {InetAddress.getByName("93.184.215.14")};
        case "intranet.example" -> new InetAddress[] {InetAddress.getByName("10.20.30.40")};
        case "mixed.example" -> new InetAddress[] {InetAddress.getByName("93.184.215.14"),
                InetAddress.getByName("192.168.1.1")};
        default -> throw new UnknownHostException(host);
    };
    private static final SsrfGuard GUARD = new SsrfGuard(RESOLVER, List.of());

    // generous: a loaded machine can take seconds over the first request, and deadlines are not tested here
    private static final Duration PATIENT = Duration.ofSeconds(60);
    /** Pages at addresses users choose, as the social collector fetches them, within a patient timeout. */
    private static final UpstreamSpec PAGES = DomainReportProbe.PAGES.timeout(PATIENT);

    private static WireMockServer site;

    @BeforeAll
    static void startSite() {
        site = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        site.start();
    }

    @AfterAll
    static void stopSite() {
        site.stop();
    }

    @BeforeEach
    void reset() {
        site.resetAll();
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1/                  | address 127.0.0.1 is loopback
            http://127.255.255.254:8080/x      | address 127.255.255.254 is loopback
            http://[::1]/                      | address 0:0:0:0:0:0:0:1 is loopback
            http://0.0.0.0/                    | address 0.0.0.0 is unspecified
            http://[::]/                       | address 0:0:0:0:0:0:0:0 is unspecified
            http://169.254.169.254/latest/meta-data/ | address 169.254.169.254 is link-local (cloud metadata
            http://[fe80::1]/                  | address fe80:0:0:0:0:0:0:1 is link-local
            http://10.0.0.1/                   | address 10.0.0.1 is private
            http://172.16.0.1/                 | address 172.16.0.1 is private
            http://172.31.255.255/             | address 172.31.255.255 is private
            http://192.168.0.1/                | address 192.168.0.1 is private
            http://[fc00::1]/                  | address fc00:0:0:0:0:0:0:1 is private (unique local)
            http://[fd12:3456::1]/             | address fd12:3456:0:0:0:0:0:1 is private (unique local)
            http://100.64.0.1/                 | address 100.64.0.1 is carrier-grade NAT
            http://100.127.255.254/            | address 100.127.255.254 is carrier-grade NAT
            http://224.0.0.1/                  | address 224.0.0.1 is multicast
            http://[ff02::1]/                  | address ff02:0:0:0:0:0:0:1 is multicast
            http://255.255.255.255/            | address 255.255.255.255 is broadcast
            http://[::ffff:127.0.0.1]/         | address 127.0.0.1 is loopback
            http://[::ffff:a9fe:a9fe]/         | address 169.254.169.254 is link-local
            http://[64:ff9b::a00:1]/           | NAT64 IPv6 of 10.0.0.1, which is private
            http://[2002:c0a8:101::1]/         | 6to4 IPv6 of 192.168.1.1, which is private
            http://intranet.example/           | address 10.20.30.40 is private
            http://mixed.example/              | address 192.168.1.1 is private
            """)
    void internal_addresses_are_refused(String url, String reason) {
        assertThatThrownBy(() -> GUARD.check(URI.create(url)))
                .isInstanceOf(CollectorException.class)
                .hasMessageStartingWith("refused to fetch ")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0} means {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://2130706433/        | 127.0.0.1
            http://0x7f.1/            | 127.0.0.1
            http://0x7f000001/        | 127.0.0.1
            http://0177.0.0.1/        | 127.0.0.1
            http://127.1/             | 127.0.0.1
            http://0xa9.0xfe.0xa9.0xfe/ | 169.254.169.254
            http://017700000001/      | 127.0.0.1
            """)
    void odd_ipv4_encodings_are_refused_and_decoded_in_the_message(String url, String meaning) {
        assertThatThrownBy(() -> GUARD.check(URI.create(url)))
                .hasMessageContaining("is an IPv4 address written in an unusual form (it means " + meaning + ")");
    }

    @Test
    void an_encoding_too_large_for_ipv4_is_refused_too() {
        assertThatThrownBy(() -> GUARD.check(URI.create("http://4294967296/")))
                .hasMessageContaining("written in an unusual form that is not valid");
    }

    @Test
    void other_schemes_are_refused() {
        assertThatThrownBy(() -> GUARD.check(URI.create("file:///etc/passwd")))
                .hasMessageContaining("only http and https URLs are fetched, not file");
        assertThatThrownBy(() -> GUARD.check(URI.create("gopher://public.example/")))
                .hasMessageContaining("not gopher");
    }

    @Test
    void public_addresses_and_names_pass() throws Exception {
        assertThat(GUARD.check(URI.create("https://public.example/user/alice")))
                .containsExactly(InetAddress.getByName("93.184.215.14"));
        assertThat(GUARD.check(URI.create("http://8.8.8.8/"))).hasSize(1);
        assertThat(GUARD.check(URI.create("http://[2001:4860:4860::8888]/"))).hasSize(1);
        assertThat(GUARD.check(URI.create("http://172.32.0.1/"))).hasSize(1);
        assertThat(GUARD.check(URI.create("http://100.128.0.1/"))).hasSize(1);
    }

    @Test
    void an_unresolvable_name_is_a_clear_failure() {
        assertThatThrownBy(() -> GUARD.check(URI.create("http://nowhere.example/")))
                .hasMessage("cannot fetch http://nowhere.example/: host 'nowhere.example' does not resolve");
    }

    @Test
    void the_message_never_shows_user_info_or_query() {
        assertThatThrownBy(() -> GUARD.check(URI.create("http://admin:hunter2@10.0.0.1/x?token=abc")))
                .hasMessage("refused to fetch http://10.0.0.1/x: address 10.0.0.1 is private");
    }

    @Test
    void an_operator_allow_list_opens_chosen_blocks_only() {
        SsrfGuard guard = SsrfGuard.fromSettings(new Settings(Map.of(SsrfGuard.ALLOW_SETTING, "10.20.0.0/16")));

        assertThat(guard.check(URI.create("http://10.20.1.1/"))).hasSize(1);
        assertThatThrownBy(() -> guard.check(URI.create("http://10.21.0.1/"))).hasMessageContaining("private");
        assertThatThrownBy(() -> SsrfGuard.fromSettings(new Settings(Map.of(SsrfGuard.ALLOW_SETTING, "intranet"))))
                .hasMessageContaining("OSINT_SSRF_ALLOW");
    }

    // Fetching needs a server the guard lets through: the test opens 127.0.0.1 only, as an operator could.
    private static final SsrfGuard LOOPBACK_ALLOWED = new SsrfGuard(RESOLVER, List.of("127.0.0.1/32"));

    /** WireMock's own base URL says localhost; the guard is given the literal address the allow list names. */
    private static String siteUrl() {
        return "http://127.0.0.1:" + site.port();
    }

    private TestScanContext context() {
        return TestScanContext.aScanOf(new DomainReportProbe()).target("example.com").build();
    }

    @Test
    void fetch_follows_safe_redirects_and_reports_where_it_ended() throws Exception {
        site.stubFor(get(urlPathEqualTo("/u/alice")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "/users/alice")));
        site.stubFor(get(urlPathEqualTo("/users/alice")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<h1>Alice</h1>")));
        TestScanContext context = context();

        FetchedPage page = LOOPBACK_ALLOWED.fetch(context, PAGES, URI.create(siteUrl() + "/u/alice"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.url().getPath()).isEqualTo("/users/alice");
        assertThat(page.body()).isEqualTo("<h1>Alice</h1>");
        // each hop waits for the declared rate limit of pages users chose
        assertThat(context.throttledKeys).containsExactly("user_url 10 per 1 s", "user_url 10 per 1 s");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://169.254.169.254/latest/meta-data/ | address 169.254.169.254 is link-local
            http://127.0.0.2/                        | address 127.0.0.2 is loopback
            http://2130706433/                       | unusual form (it means 127.0.0.1)
            file:///etc/passwd                       | only http and https
            """)
    void fetch_refuses_a_redirect_to_an_unsafe_address(String location, String reason) {
        site.stubFor(get(urlPathEqualTo("/go")).willReturn(aResponse().withStatus(302).withHeader("Location", location)));

        assertThatThrownBy(() -> LOOPBACK_ALLOWED.fetch(context(), PAGES, URI.create(siteUrl() + "/go")))
                .isInstanceOf(CollectorException.class)
                .hasMessageContaining(reason);
        assertThat(site.getAllServeEvents()).hasSize(1);
    }

    @Test
    void fetch_gives_up_after_a_few_redirects() {
        site.stubFor(get(urlPathEqualTo("/loop")).willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

        assertThatThrownBy(() -> LOOPBACK_ALLOWED.fetch(context(), PAGES, URI.create(siteUrl() + "/loop")))
                .hasMessageContaining("more than 5 redirects");
        assertThat(site.getAllServeEvents()).hasSize(SsrfGuard.MAX_REDIRECTS + 1);
    }

    @Test
    void fetch_refuses_loopback_without_an_allow_list() {
        assertThatThrownBy(() -> GUARD.fetch(context(), PAGES, URI.create(siteUrl() + "/")))
                .hasMessageContaining("is loopback");
        assertThat(site.getAllServeEvents()).isEmpty();
    }
}
