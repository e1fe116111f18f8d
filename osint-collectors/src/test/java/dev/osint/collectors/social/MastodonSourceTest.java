package dev.osint.collectors.social;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.osint.collectors.net.SsrfGuard;
import dev.osint.collectors.testing.CollectorTestBase;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.ScanContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A {@code user@instance} handle: that instance's WebFinger, behind the SSRF guard. */
class MastodonSourceTest extends CollectorTestBase {
    /** Instance names of the test resolve to fixed addresses; no real DNS server is asked. */
    private static final SsrfGuard.HostResolver RESOLVER = host -> switch (host) {
        case "fedi.example" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        case "metadata.example" -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        default -> throw new UnknownHostException(host);
    };

    @Override
    protected Collector collector() {
        return new SocialCollector();
    }

    @Override
    protected String upstreamPrefix() {
        return "SOCIAL";
    }

    /** The "remote" instance is the WireMock server; only fedi.example is let through, as an operator would. */
    private MastodonSource source(List<String> allowed) {
        return new MastodonSource(settings -> new SsrfGuard(RESOLVER, allowed),
                domain -> "http://" + domain + ":" + upstream.port());
    }

    private ScanContext scan() {
        return aScan().target("someone").setting("OSINT_MASTODON_BASE_URL", "https://mastodon.social").build();
    }

    @Test
    void aHandleOnAnotherInstanceAsksThatInstancesWebfinger() throws Exception {
        stub(get(urlPathEqualTo("/.well-known/webfinger"))
                .withQueryParam("resource", WireMock.equalTo("acct:Gargron@fedi.example"))
                .willReturn(answerFromFile(200, "mastodon-webfinger.json")));
        stub(get(urlPathEqualTo("/api/v1/accounts/lookup")).withQueryParam("acct", WireMock.equalTo("Gargron"))
                .willReturn(answerFromFile(200, "mastodon-account.json")));
        // the resolver says fedi.example is 127.0.0.1, reachable here only because the test allows it
        MastodonSource mastodon = new MastodonSource(settings -> new SsrfGuard(RESOLVER, List.of("127.0.0.1/32")),
                domain -> "http://127.0.0.1:" + upstream.port());

        Optional<Profile> profile = mastodon.lookup(scan(), "Gargron@fedi.example");

        assertThat(profile).get().extracting(Profile::username, Profile::followers)
                .containsExactly("Gargron@fedi.example", 322930L);
    }

    @Test
    void aFediverseHandleTargetGoesToMastodonWholeAndToTheOtherPlatformsAsItsUserPart() {
        List<Platforms.Lookup> plan = new Platforms(source(List.of())).plan(
                dev.osint.core.TargetParser.parseAs("@Gargron@fedi.example", dev.osint.core.TargetKind.USERNAME),
                List.of("mastodon", "github", "keybase"), false);

        assertThat(plan).extracting(l -> l.source().platform(), Platforms.Lookup::handle).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mastodon", "@Gargron@fedi.example"),
                org.assertj.core.groups.Tuple.tuple("github", "Gargron"),
                org.assertj.core.groups.Tuple.tuple("keybase", "Gargron"));
    }

    @Test
    void anInstanceOnAnInternalAddressIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> source(List.of()).lookup(scan(), "admin@metadata.example"))
                .isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("refused to fetch")
                .hasMessageContaining("169.254.169.254");
        assertThatThrownBy(() -> source(List.of()).lookup(scan(), "admin@fedi.example"))
                .isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("address 127.0.0.1 is loopback");
        assertThat(upstream.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aServerWithWebfingerButNoMastodonApiStillShowsTheAccount() throws Exception {
        stubGet("/.well-known/webfinger", 200, "mastodon-webfinger.json");
        stubGet("/api/v1/accounts/lookup", 404, "mastodon-record-not-found.json");
        MastodonSource mastodon = new MastodonSource(settings -> new SsrfGuard(RESOLVER, List.of("127.0.0.1/32")),
                domain -> "http://127.0.0.1:" + upstream.port());

        Optional<Profile> profile = mastodon.lookup(scan(), "Gargron@fedi.example");

        assertThat(profile).get().extracting(Profile::url, Profile::username)
                .containsExactly("https://mastodon.social/@Gargron", "Gargron@fedi.example");
        assertThat(upstream.findAll(getRequestedFor(urlPathEqualTo("/api/v1/accounts/lookup")))).hasSize(1);
    }

    @Test
    void aHandleOnTheConfiguredInstanceUsesItsBaseUrlWithoutTheGuard() throws Exception {
        stub(get(urlPathEqualTo("/.well-known/webfinger")).willReturn(aResponse().withStatus(404)));

        Optional<Profile> profile = source(List.of()).lookup(
                aScan().target("x").setting("OSINT_MASTODON_BASE_URL", upstream.baseUrl()).build(),
                "ghost@localhost");

        assertThat(profile).isEmpty();
        assertThat(upstream.findAll(getRequestedFor(urlPathEqualTo("/.well-known/webfinger")))).hasSize(1);
    }
}
