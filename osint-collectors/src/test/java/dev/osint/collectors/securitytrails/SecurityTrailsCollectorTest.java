package dev.osint.collectors.securitytrails;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.osint.collectors.testing.CapturedLogs;
import dev.osint.collectors.testing.KeyedUpstreamContract;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.Json;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.SecretSpec;
import dev.osint.core.testing.TestScanContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityTrailsCollectorTest extends KeyedUpstreamContract {
    private static final String KEY = "st-k3y-5ecret-9d8c7b6a";
    private static final String DOMAIN = "example.net";

    @Override
    protected Collector collector() {
        return new SecurityTrailsCollector();
    }

    @Override
    protected String upstreamPrefix() {
        return "SECURITYTRAILS";
    }

    @Override
    protected String displayName() {
        return "SecurityTrails";
    }

    @Override
    protected String target() {
        return DOMAIN;
    }

    @Override
    protected String firstPath() {
        return "/domain/" + DOMAIN;
    }

    @Override
    protected Answer rateLimitAnswer() {
        return new Answer(429, "quota-exceeded.json");
    }

    @Override
    protected String key() {
        return KEY;
    }

    @Override
    protected Answer refusedKeyAnswer() {
        return new Answer(403, "invalid-key.json");
    }

    @Override
    protected String missingKeyAdvice() {
        return "(or OSINT_SECURITYTRAILS_API_KEY_FILE)";
    }

    private TestScanContext.Builder scanOf(String target) {
        return aScan().target(target).setting("OSINT_SECURITYTRAILS_API_KEY", KEY);
    }

    private void stubAllThree() {
        stubGet("/domain/" + DOMAIN, 200, "domain.json");
        stubGet("/domain/" + DOMAIN + "/subdomains", 200, "subdomains.json");
        stubGet("/history/" + DOMAIN + "/dns/a", 200, "history-a.json");
    }

    @Test
    void isRegisteredAndDeclaresItsRequiredKey() {
        assertThat(CollectorRegistry.load().get("securitytrails")).get().isInstanceOf(SecurityTrailsCollector.class);
        assertThat(collector().spec().secrets()).extracting(SecretSpec::name, SecretSpec::required)
                .containsExactly(tuple("OSINT_SECURITYTRAILS_API_KEY", true));
    }

    @Test
    void aDomainGivesCurrentDnsSubdomainsAndAddressHistoryInThreeRequests() throws Exception {
        stubAllThree();
        TestScanContext context = scanOf(DOMAIN).build();

        CollectorOutput output = collector().collect(context);

        assertThat(output.success()).isTrue();
        assertThat(output.data()).containsEntry("subdomains",
                List.of("api.dev.example.net", "edge-1.example.net", "mail.example.net", "www.example.net"));
        assertThat(output.entities()).filteredOn(e -> e.kind() == EntityKind.IP).extracting(Entity::value)
                .containsExactly("198.51.100.23", "198.51.100.24", "2001:db8::23", "203.0.113.80", "192.0.2.44");
        for (String path : List.of("/domain/" + DOMAIN, "/domain/" + DOMAIN + "/subdomains",
                "/history/" + DOMAIN + "/dns/a")) {
            upstream.verify(1, getRequestedFor(urlPathEqualTo(path)).withHeader("APIKEY", equalTo(KEY)));
        }
        assertThat(context.throttledKeys).containsOnly("securitytrails unlimited").hasSize(3);
        assertThat(context.fractions()).isSorted().endsWith(1.0);
    }

    @Test
    void moreHistoryPagesAreReadWhenAskedAndThereAreAny() throws Exception {
        stubGet("/domain/" + DOMAIN, 200, "domain.json");
        stubGet("/domain/" + DOMAIN + "/subdomains", 200, "subdomains.json");
        stub(get(urlPathEqualTo("/history/" + DOMAIN + "/dns/a")).withQueryParam("page", equalTo("1"))
                .willReturn(answerFromFile(200, "history-a.json").withBody(
                        fixture("history-a.json").replace("\"pages\": 1", "\"pages\": 2"))));
        stub(get(urlPathEqualTo("/history/" + DOMAIN + "/dns/a")).withQueryParam("page", equalTo("2"))
                .willReturn(answerFromFile(200, "history-a-page2.json")));

        CollectorOutput output = scanOf(DOMAIN).option("max_history_pages", 5).run();

        assertThat(output.data()).containsEntry("a_history_pages", 2).containsEntry("a_history_pages_read", 2);
        assertThat(output.entities()).extracting(Entity::value).contains("192.0.2.9");
        upstream.verify(2, getRequestedFor(urlPathEqualTo("/history/" + DOMAIN + "/dns/a")));
    }

    @Test
    void anUnknownDomainIsNotFoundAndSpendsNoFurtherQueries() throws Exception {
        stubGet("/domain/unknown.example", 404, "not-found.json");

        CollectorOutput output = scanOf("unknown.example").run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata()).containsEntry("reason", "SecurityTrails does not know unknown.example");
        assertThat(upstream.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aServerErrorOnTheLastOfTheThreeRequestsIsRetriedToo() {
        stubGet("/domain/" + DOMAIN, 200, "domain.json");
        stubGet("/domain/" + DOMAIN + "/subdomains", 200, "subdomains.json");
        stub(get(urlPathEqualTo("/history/" + DOMAIN + "/dns/a")).willReturn(aResponse().withStatus(502)));

        Throwable thrown = catchThrowable(() -> scanOf(DOMAIN).run());

        assertThat(thrown).isInstanceOf(RetryableCollectorException.class)
                .hasMessage("SecurityTrails is unavailable (HTTP 502); it will be tried again with backoff");
    }

    @Test
    void aMalformedBodyIsAFailureNamingSecurityTrails() {
        stub(get(urlPathEqualTo("/domain/" + DOMAIN)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"current_dns\": {\"a\": ")));
        stub(get(urlPathEqualTo("/domain/example.org")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[\"www\", \"mail\"]")));

        assertThatThrownBy(() -> scanOf(DOMAIN).run()).isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageStartingWith("SecurityTrails sent a malformed answer");
        stubGet("/domain/example.org/subdomains", 200, "subdomains.json");
        stubGet("/history/example.org/dns/a", 200, "history-a.json");
        assertThatThrownBy(() -> scanOf("example.org").run()).isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessage("SecurityTrails sent a malformed answer: expected a JSON object, got array");
    }

    @Test
    void theKeyIsInNoErrorResultOrLogLine() throws Exception {
        CapturedLogs logs = CapturedLogs.atDebug();
        List<String> texts = new ArrayList<>();
        try {
            stub(get(urlPathEqualTo("/domain/bad.example")).willReturn(aResponse().withStatus(400)
                    .withBody("{\"message\": \"APIKEY " + KEY + " is not allowed here\"}")));
            stub(get(urlPathEqualTo("/domain/moved.example")).willReturn(aResponse().withStatus(301)
                    .withHeader("Location", "https://api.securitytrails.com/v1/domain/moved.example?apikey=" + KEY)));
            stubAllThree();
            for (String target : List.of("bad.example", "moved.example")) {
                Throwable thrown = catchThrowable(() -> scanOf(target).run());
                assertThat(thrown).as(target).isInstanceOf(CollectorException.class);
                texts.add(thrown.getMessage());
            }
            texts.add(Json.write(scanOf(DOMAIN).run()));
        } finally {
            logs.close();
        }
        texts.addAll(logs.messages());

        assertThat(texts).noneMatch(text -> text.contains(KEY));
        assertThat(texts.getFirst()).contains("APIKEY **** is not allowed");
        assertThat(texts.get(1)).contains("apikey=****");
        assertThat(logs.messages()).isNotEmpty();
    }
}
