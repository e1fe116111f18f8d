package dev.osint.collectors.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.testing.CollectorTestBase;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.SecretSpec;
import dev.osint.core.UpstreamSpec;
import dev.osint.core.testing.TestScanContext;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamClientTest extends CollectorTestBase {
    private static final String KEY = "5ecr3t-k3y-0123456789abcdef";
    private static final String DOMAIN_PATH = "/api/v3/domains/example.com";

    @Override
    protected Collector collector() {
        return new DomainReportProbe();
    }

    @Override
    protected String upstreamPrefix() {
        return "VIRUSTOTAL";
    }

    private TestScanContext context() {
        return aScan().target("example.com").setting("OSINT_VIRUSTOTAL_API_KEY", KEY).build();
    }

    private UpstreamRequest domainRequest(TestScanContext context) {
        Upstream upstream = DomainReportProbe.upstreamOf(context);
        return new UpstreamClient(context, upstream).get(DOMAIN_PATH).header("x-apikey", upstream.requireKey());
    }

    /** The domain request to an upstream declared otherwise (a shorter timeout, a smaller body cap). */
    private UpstreamRequest declaredAs(UpstreamSpec spec) {
        TestScanContext context = context();
        UpstreamClient client = new UpstreamClient(context, spec);
        return client.get(DOMAIN_PATH).header("x-apikey", client.upstream().requireKey());
    }

    @Test
    void a_2xx_answer_is_parsed_and_the_request_carries_user_agent_key_and_a_throttle() throws Exception {
        stubGet(DOMAIN_PATH, 200, "domain.json");
        TestScanContext context = context();

        UpstreamAnswer<JsonNode> answer = domainRequest(context).json();

        assertThat(answer.isFound()).isTrue();
        assertThat(answer.body().at("/data/attributes/last_analysis_stats/harmless").asInt()).isEqualTo(66);
        assertThat(context.throttledKeys).containsExactly("virustotal 4 per 60 s");
        upstream.verify(getRequestedFor(urlPathEqualTo(DOMAIN_PATH))
                .withHeader("User-Agent", equalTo("osint-platform/0.1"))
                .withHeader("x-apikey", equalTo(KEY)));
    }

    @Test
    void a_2xx_answer_maps_onto_a_record() throws Exception {
        stubGet(DOMAIN_PATH, 200, "domain.json");
        record Attributes(String tld, int reputation) {}
        record Data(String id, Attributes attributes) {}
        record Report(Data data) {}

        Report report = domainRequest(context()).as(Report.class).body();

        assertThat(report.data().id()).isEqualTo("example.com");
        assertThat(report.data().attributes().tld()).isEqualTo("com");
    }

    @Test
    void a_404_is_an_explicit_not_found_that_keeps_the_error_body() throws Exception {
        stubGet(DOMAIN_PATH, 404, "not-found.json");

        UpstreamAnswer<JsonNode> answer = domainRequest(context()).json();

        assertThat(answer.isNotFound()).isTrue();
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorText()).contains("NotFoundError");
        assertThatThrownBy(answer::body).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_collector_turns_not_found_into_an_unsuccessful_result() throws Exception {
        stubGet(DOMAIN_PATH, 404, "not-found.json");

        CollectorOutput output = aScan().target("example.com").setting("OSINT_VIRUSTOTAL_API_KEY", KEY).run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata()).containsEntry("reason", "VirusTotal has no report on example.com");
    }

    @Test
    void a_401_is_a_final_failure_saying_the_key_was_refused() {
        stubGet(DOMAIN_PATH, 401, "wrong-credentials.json");

        CollectorException e = catchThrowableOfType(CollectorException.class, () -> domainRequest(context()).json());

        assertThat(e).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessage("VirusTotal refused the API key (HTTP 401): check OSINT_VIRUSTOTAL_API_KEY");
    }

    @Test
    void a_403_is_a_final_failure_saying_the_key_was_refused() {
        stubGet(DOMAIN_PATH, 403, "wrong-credentials.json");

        assertThatThrownBy(() -> domainRequest(context()).json())
                .isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("refused the API key (HTTP 403)");
    }

    @Test
    void a_429_is_retried_after_the_seconds_it_asks_for() {
        stubGet(DOMAIN_PATH, 429, "quota-exceeded.json", "Retry-After", "30");

        RetryableCollectorException e = catchThrowableOfType(RetryableCollectorException.class,
                () -> domainRequest(context()).json());

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(e).hasMessageContaining("VirusTotal is rate limiting requests (HTTP 429)")
                .hasMessageContaining("30 s");
    }

    @Test
    void a_429_is_retried_after_the_http_date_it_asks_for() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));
        stubGet(DOMAIN_PATH, 429, "quota-exceeded.json", "Retry-After", inTwoMinutes);

        RetryableCollectorException e = catchThrowableOfType(RetryableCollectorException.class,
                () -> domainRequest(context()).json());

        assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(120));
    }

    @Test
    void a_5xx_is_retried_with_the_queue_backoff() {
        stubGet(DOMAIN_PATH, 503, "transient.json");

        RetryableCollectorException e = catchThrowableOfType(RetryableCollectorException.class,
                () -> domainRequest(context()).json());

        assertThat(e.retryAfter()).isNull();
        assertThat(e).hasMessage("VirusTotal is unavailable (HTTP 503); it will be tried again with backoff");
    }

    @Test
    void a_slow_answer_times_out_as_retryable_and_says_so() {
        stub(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse().withStatus(200)
                .withBody(fixture("domain.json")).withFixedDelay(5_000)));
        TestScanContext context = aScan().target("example.com").setting("OSINT_VIRUSTOTAL_API_KEY", KEY)
                .setting("OSINT_VIRUSTOTAL_TIMEOUT", "0.3").build();

        assertThatThrownBy(() -> domainRequest(context).json())
                .isInstanceOf(RetryableCollectorException.class)
                .hasMessage("VirusTotal did not answer within 0.3 s; it will be tried again"
                        + " (OSINT_VIRUSTOTAL_TIMEOUT sets the timeout in seconds)");
    }

    @Test
    void a_body_that_dribbles_past_the_deadline_times_out_too() {
        stub(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse().withStatus(200)
                .withBody(fixture("domain.json")).withChunkedDribbleDelay(20, 5_000)));

        assertThatThrownBy(() -> declaredAs(DomainReportProbe.VIRUSTOTAL.timeout(Duration.ofMillis(400))).json())
                .isInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("did not answer within 0.4 s");
    }

    @Test
    void a_refused_connection_is_retryable_and_names_the_upstream() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TestScanContext context = aScan().target("example.com").setting("OSINT_VIRUSTOTAL_API_KEY", KEY)
                .setting("OSINT_VIRUSTOTAL_BASE_URL", "http://127.0.0.1:" + closedPort).build();

        assertThatThrownBy(() -> domainRequest(context).json())
                .isInstanceOf(RetryableCollectorException.class)
                .hasMessageStartingWith("VirusTotal could not be reached");
    }

    @Test
    void malformed_json_is_a_final_failure_naming_the_upstream() {
        String truncated = fixture("domain.json").substring(0, 80);
        stub(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse().withStatus(200).withBody(truncated)));

        assertThatThrownBy(() -> domainRequest(context()).json())
                .isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageStartingWith("VirusTotal sent a malformed answer: ");
    }

    @Test
    void an_html_page_instead_of_json_is_malformed() {
        stub(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Sign in</body></html>")));

        assertThatThrownBy(() -> domainRequest(context()).json())
                .hasMessageStartingWith("VirusTotal sent a malformed answer: ")
                .hasMessageContaining("line 1, column 1");
    }

    @Test
    void an_empty_body_is_malformed() {
        stub(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse().withStatus(200)));

        assertThatThrownBy(() -> domainRequest(context()).json())
                .hasMessage("VirusTotal sent a malformed answer: the body is empty");
    }

    @Test
    void a_body_over_the_cap_is_refused_before_it_is_read() {
        stub(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse().withStatus(200).withBody("x".repeat(4096))));

        assertThatThrownBy(() -> declaredAs(DomainReportProbe.VIRUSTOTAL.maxBodyBytes(1024)).json())
                .isNotInstanceOf(RetryableCollectorException.class)
                .hasMessage("VirusTotal sent an answer larger than 1024 bytes; it was not read");
    }

    @Test
    void a_chunked_body_without_length_is_cut_at_the_cap() {
        stub(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse().withStatus(200).withBody("x".repeat(8192))
                .withChunkedDribbleDelay(8, 40)));

        assertThatThrownBy(() -> declaredAs(DomainReportProbe.VIRUSTOTAL.maxBodyBytes(1024)).json())
                .hasMessage("VirusTotal sent an answer larger than 1024 bytes; it was not read");
    }

    @Test
    void a_missing_key_fails_at_once_naming_the_variable_and_sends_nothing() {
        TestScanContext context = aScan().target("example.com").build();

        assertThatThrownBy(() -> new DomainReportProbe().collect(context))
                .isNotInstanceOf(RetryableCollectorException.class)
                .hasMessage("VirusTotal needs an API key: set OSINT_VIRUSTOTAL_API_KEY (or OSINT_VIRUSTOTAL_API_KEY_FILE);"
                        + " get a key at https://www.virustotal.com/gui/my-apikey");
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void the_key_may_come_from_a_file(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("vt.key"), KEY + "\n");
        stubGet(DOMAIN_PATH, 200, "domain.json");

        CollectorOutput output = aScan().target("example.com")
                .setting("OSINT_VIRUSTOTAL_API_KEY_FILE", keyFile.toString()).run();

        assertThat(output.success()).isTrue();
        upstream.verify(getRequestedFor(urlPathEqualTo(DOMAIN_PATH)).withHeader("x-apikey", equalTo(KEY)));
    }

    @Test
    void a_key_in_the_query_string_never_reaches_an_error_text() {
        // a service that echoes the request, key included, in its error body (as some 400 pages do)
        stub(get(urlPathEqualTo("/shodan/host/192.0.2.1")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\": \"Invalid request: /shodan/host/192.0.2.1?key=" + KEY + "\"}")));
        TestScanContext context = context();
        Upstream upstream = DomainReportProbe.upstreamOf(context);
        UpstreamClient client = new UpstreamClient(context, upstream);

        CollectorException e = catchThrowableOfType(CollectorException.class,
                () -> client.get("/shodan/host/192.0.2.1").query("key", upstream.requireKey()).json());

        assertThat(e).hasMessageStartingWith("VirusTotal refused the request (HTTP 400): ")
                .hasMessageContaining("key=****");
        assertThat(e.getMessage()).doesNotContain(KEY);
        this.upstream.verify(getRequestedFor(urlPathEqualTo("/shodan/host/192.0.2.1"))
                .withQueryParam("key", equalTo(KEY)));
    }

    @Test
    void a_redirect_is_a_failure_pointing_at_the_base_url_setting_without_the_key() {
        stub(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "https://elsewhere.example/api?apikey=" + KEY)));

        CollectorException e = catchThrowableOfType(CollectorException.class, () -> domainRequest(context()).json());

        assertThat(e).hasMessage("VirusTotal answered with a redirect (HTTP 301) to"
                + " https://elsewhere.example/api?apikey=****; check OSINT_VIRUSTOTAL_BASE_URL");
    }

    @Test
    void a_collector_may_give_a_status_its_own_meaning() throws Exception {
        stubGet(DOMAIN_PATH, 404, "not-found.json");
        stubGet("/api/v3/users/me", 403, "wrong-credentials.json");
        TestScanContext context = context();

        UpstreamAnswer<JsonNode> asBody = domainRequest(context).onStatus(404, StatusOutcome.BODY).json();
        UpstreamRequest rateLimited = new UpstreamClient(context, DomainReportProbe.upstreamOf(context))
                .get("/api/v3/users/me").onStatus(403, StatusOutcome.RETRY);

        assertThat(asBody.body().at("/error/code").asText()).isEqualTo("NotFoundError");
        assertThatThrownBy(rateLimited::json).isInstanceOf(RetryableCollectorException.class);
    }

    @Test
    void another_4xx_is_a_final_failure_quoting_the_body() {
        stub(get(urlPathEqualTo(DOMAIN_PATH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\": {\"code\": \"InvalidArgumentError\", \"message\": \"Invalid domain\"}}")));

        assertThatThrownBy(() -> domainRequest(context()).json())
                .isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("VirusTotal refused the request (HTTP 400): ")
                .hasMessageContaining("InvalidArgumentError");
    }

    @Test
    void a_post_sends_its_json_body() throws Exception {
        stub(post(urlPathEqualTo("/api/v3/urls")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\": {\"type\": \"analysis\", \"id\": \"u-1\"}}")));
        TestScanContext context = context();

        JsonNode answer = new UpstreamClient(context, DomainReportProbe.upstreamOf(context)).post("/api/v3/urls")
                .jsonBody(Map.of("url", "https://example.com/")).json().body();

        assertThat(answer.at("/data/id").asText()).isEqualTo("u-1");
        upstream.verify(postRequestedFor(urlPathEqualTo("/api/v3/urls"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"url\": \"https://example.com/\"}")));
    }

    @Test
    void an_unusable_base_url_is_a_failure_naming_the_variable() {
        TestScanContext context = aScan().target("example.com")
                .setting("OSINT_VIRUSTOTAL_BASE_URL", "ftp://user:pw@mirror.example").build();

        assertThatThrownBy(() -> DomainReportProbe.upstreamOf(context))
                .hasMessage("OSINT_VIRUSTOTAL_BASE_URL must be an http:// or https:// URL with a host")
                .hasMessageNotContaining("pw");
    }

    @Test
    void the_upstream_description_never_shows_the_key() {
        Upstream upstream = DomainReportProbe.upstreamOf(context());

        assertThat(upstream.toString()).doesNotContain(KEY).contains("key set");
        assertThat(upstream.key().orElseThrow().toString()).doesNotContain(KEY);
    }

    @Test
    void the_key_is_declared_under_the_variable_the_upstream_reads() {
        Upstream upstream = DomainReportProbe.upstreamOf(context());

        assertThat(DomainReportProbe.VIRUSTOTAL.secretSpec(true)).isEqualTo(new SecretSpec("OSINT_VIRUSTOTAL_API_KEY",
                true, "https://www.virustotal.com/gui/my-apikey"));
        assertThat(upstream.keyVariable()).isEqualTo("OSINT_VIRUSTOTAL_API_KEY");
    }
}
