package dev.osint.collectors.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.osint.core.testing.TestScanContext.aScanOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.osint.collectors.haveibeenpwned.HibpCollector;
import dev.osint.collectors.social.SocialCollector;
import dev.osint.core.CollectorException;
import dev.osint.core.testing.TestScanContext;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a collector puts a target or an option in a URL path, it stays one encoded segment: nothing a caller
 * sends can add a path step, a query or a fragment, and "." / ".." steps are refused before any request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathSegmentsTest {
    private static final List<String> SOCIAL = List.of("GITHUB", "GITLAB", "REDDIT", "HACKERNEWS", "MASTODON",
            "BLUESKY", "KEYBASE", "GRAVATAR");
    private WireMockServer upstream;

    @BeforeAll
    void start() {
        upstream = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        upstream.start();
    }

    @AfterAll
    void stop() {
        upstream.stop();
    }

    @BeforeEach
    void everythingIsNotFound() {
        upstream.resetAll();
        upstream.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    }

    private List<String> requestedPaths() {
        return upstream.getAllServeEvents().stream().map(ServeEvent::getRequest).map(r -> r.getUrl()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a?b", "a#b", "a%2Fb", "a b", "a\\b", "%", "?", "#", "/"})
    void aSegmentKeepsEveryReservedCharacterEncoded(String value) {
        String encoded = UpstreamClient.segment(value);

        assertThat(encoded).doesNotContain("/", "?", "#", "\\", " ").matches("[A-Za-z0-9._*%-]+");
        assertThat(java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../admin", "a/../b", "a/./b", "..\\admin", "a\\..", "．．", "．．／admin"})
    void aDotStepIsRefusedBecauseEncodingCannotHideIt(String value) {
        assertThatThrownBy(() -> UpstreamClient.segment(value)).isInstanceOf(CollectorException.class)
                .hasMessageContaining("cannot be sent as one URL path segment");
    }

    @Test
    void aNormalisedUnicodeUsernameReachesEveryProfileApiAsOneSegment() throws Exception {
        TestScanContext.Builder scan = aScanOf(new SocialCollector()).target("ｊｄｏｅ");
        SOCIAL.forEach(prefix -> scan.setting("OSINT_" + prefix + "_BASE_URL", upstream.baseUrl()));

        scan.run();

        assertThat(requestedPaths()).contains("/users/jdoe", "/user/jdoe/about.json", "/v0/user/jdoe.json",
                "/jdoe.json");
    }

    @Test
    void aBreachNameIsOneSegmentAndADotStepIsNeverSent() throws Exception {
        TestScanContext.Builder scan = aScanOf(new HibpCollector()).target("example.com")
                .setting("OSINT_HIBP_BASE_URL", upstream.baseUrl());

        scan.option("breach", "Adobe/x?domain=y#z%").run();
        assertThat(requestedPaths()).containsExactly("/breach/Adobe%2Fx%3Fdomain%3Dy%23z%25");

        upstream.resetRequests();
        assertThatThrownBy(() -> aScanOf(new HibpCollector()).target("example.com")
                .setting("OSINT_HIBP_BASE_URL", upstream.baseUrl()).option("breach", "..").run())
                .isInstanceOf(CollectorException.class);
        assertThat(requestedPaths()).isEmpty();
    }

    @Test
    void anEmailWhoseLocalPartHoldsASlashStaysOneSegment() throws Exception {
        aScanOf(new HibpCollector()).target("a/b?c@example.com").setting("OSINT_HIBP_BASE_URL", upstream.baseUrl())
                .setting("OSINT_HIBP_API_KEY", "k").run();

        assertThat(requestedPaths()).containsExactly("/breachedaccount/a%2Fb%3Fc%40example.com?truncateResponse=false");
    }
}
