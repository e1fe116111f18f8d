package dev.osint.collectors.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request to a whole URL: method, body and headers as given, redirects as asked, the body capped or cut. */
class PageRequestTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void aPostCarriesItsBodyAndHeadersAndTheStatusIsTheCallersToJudge() throws Exception {
        server.stubFor(post("/api").withHeader("X-Site", equalTo("yes")).withHeader("Content-Type",
                equalTo("application/json")).withRequestBody(equalToJson("{\"username\":\"alice\"}"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "text/plain; charset=ISO-8859-1")
                        .withBody("nobody called alice")));

        PageAnswer answer = PageRequest.to(at("/api")).method("POST", "{\"username\":\"alice\"}")
                .header("X-Site", "yes").header("Content-Type", "application/json").header("Host", "ignored")
                .send(HTTP);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).isEqualTo("nobody called alice");
        assertThat(answer.redirects()).isEmpty();
        assertThat(answer.url()).isEqualTo(answer.requested());
    }

    @Test
    void redirectsAreFollowedWhenAskedEachHopRecordedAndOfferedToTheCheck() throws Exception {
        server.stubFor(get("/a").willReturn(aResponse().withStatus(301).withHeader("Location", "/b")));
        server.stubFor(get("/b").willReturn(aResponse().withStatus(302).withHeader("Location", "/c?x=1")));
        server.stubFor(get("/c?x=1").willReturn(aResponse().withStatus(200).withBody("here")));
        server.stubFor(post("/keep").willReturn(aResponse().withStatus(307).withHeader("Location", "/kept")));
        server.stubFor(post("/kept").willReturn(aResponse().withStatus(200).withBody("posted")));

        PageAnswer followed = PageRequest.to(at("/a")).followRedirects(5, hop -> hop).send(HTTP);
        PageAnswer notFollowed = PageRequest.to(at("/a")).send(HTTP);
        PageAnswer kept = PageRequest.to(at("/keep")).method("POST", "x=1").followRedirects(5, hop -> hop).send(HTTP);

        assertThat(followed.status()).isEqualTo(200);
        assertThat(followed.url()).isEqualTo(at("/c?x=1"));
        assertThat(followed.redirects()).containsExactly(at("/b"), at("/c?x=1"));
        assertThat(notFollowed.status()).isEqualTo(301);
        assertThat(notFollowed.header("Location")).isEqualTo("/b");
        assertThat(kept.text()).isEqualTo("posted"); // 307 repeats the method and its body
        server.verify(postRequestedFor(urlEqualTo("/kept")).withRequestBody(equalTo("x=1")));
    }

    @Test
    void aHopTheCheckRefusesOrOneTooManyIsAFailureOfThatKind() {
        server.stubFor(get("/away").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/")));
        server.stubFor(get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

        assertThatThrownBy(() -> PageRequest.to(at("/away")).followRedirects(5, hop -> {
            throw new IllegalStateException("refused " + hop.getHost());
        }).send(HTTP)).isInstanceOfSatisfying(PageFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(PageFailure.Kind.REDIRECT);
            assertThat(f.getMessage()).isEqualTo("refused 169.254.169.254");
        });
        assertThatThrownBy(() -> PageRequest.to(at("/loop")).followRedirects(3, hop -> hop).send(HTTP))
                .isInstanceOfSatisfying(PageFailure.class, f -> assertThat(f.getMessage()).contains("more than 3"));
        server.verify(4, getRequestedFor(urlEqualTo("/loop")));
    }

    @Test
    void aBodyIsCutAtItsCapOrRefusedPastIt() throws Exception {
        String big = "x".repeat(100_000);
        server.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody(big)));
        server.stubFor(get("/small").willReturn(aResponse().withStatus(200).withBody("small")));

        PageAnswer cut = PageRequest.to(at("/big")).keepFirstBytes(1000).send(HTTP);
        PageAnswer whole = PageRequest.to(at("/small")).keepFirstBytes(1000).send(HTTP);

        assertThat(cut.body()).hasSize(1000);
        assertThat(cut.truncated()).isTrue();
        assertThat(whole.text()).isEqualTo("small");
        assertThat(whole.truncated()).isFalse();
        assertThatThrownBy(() -> PageRequest.to(at("/big")).maxBodyBytes(1000).send(HTTP))
                .isInstanceOfSatisfying(PageFailure.class, f -> assertThat(f.kind())
                        .isEqualTo(PageFailure.Kind.TOO_LARGE));
    }

    @Test
    void noAnswerInTimeAndNoServerAreFailuresOfTheirKind() throws Exception {
        server.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withBody("late").withFixedDelay(2000)));

        assertThatThrownBy(() -> PageRequest.to(at("/slow")).timeout(Duration.ofMillis(300)).send(HTTP))
                .isInstanceOfSatisfying(PageFailure.class, f -> assertThat(f.kind())
                        .isEqualTo(PageFailure.Kind.TIMEOUT));
        List<Integer> closed = List.of(freePort());
        assertThatThrownBy(() -> PageRequest.to(URI.create("http://127.0.0.1:" + closed.get(0) + "/")).send(HTTP))
                .isInstanceOfSatisfying(PageFailure.class, f -> assertThat(f.kind())
                        .isEqualTo(PageFailure.Kind.UNREACHABLE));
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
