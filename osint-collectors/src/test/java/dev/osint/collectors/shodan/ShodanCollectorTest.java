package dev.osint.collectors.shodan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import dev.osint.core.TargetKind;
import dev.osint.core.testing.TestScanContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShodanCollectorTest extends KeyedUpstreamContract {
    private static final String KEY = "shodan-k3y-5ecret-77";
    private static final String IP = "198.51.100.23";

    @Override
    protected Collector collector() {
        return new ShodanCollector();
    }

    @Override
    protected String upstreamPrefix() {
        return "SHODAN";
    }

    /** A scan with both Shodan and InternetDB pointed at the fake upstream (their paths do not overlap). */
    @Override
    protected TestScanContext.Builder aScan() {
        return super.aScan().setting("OSINT_INTERNETDB_BASE_URL", upstream.baseUrl());
    }

    @Override
    protected String displayName() {
        return "Shodan";
    }

    @Override
    protected String target() {
        return IP;
    }

    @Override
    protected String firstPath() {
        return "/shodan/host/" + IP;
    }

    @Override
    protected Answer rateLimitAnswer() {
        return new Answer(429, "rate-limited.json");
    }

    @Override
    protected String key() {
        return KEY;
    }

    @Override
    protected Answer refusedKeyAnswer() {
        return new Answer(401, "invalid-key.html");
    }

    /** Only IPs have a keyless source. */
    @Override
    protected String targetThatNeedsTheKey() {
        return "example.net";
    }

    @Override
    protected String missingKeyAdvice() {
        return "InternetDB, the keyless source, only covers IPs";
    }

    private TestScanContext.Builder scanOf(String target) {
        return aScan().target(target);
    }

    private TestScanContext.Builder keyedScanOf(String target) {
        return scanOf(target).setting("OSINT_SHODAN_API_KEY", KEY);
    }

    @Test
    void isRegisteredAndDeclaresItsOptionalKey() {
        assertThat(CollectorRegistry.load().get("shodan")).get().isInstanceOf(ShodanCollector.class);
        assertThat(collector().spec().secrets()).extracting(SecretSpec::name, SecretSpec::required)
                .containsExactly(tuple("OSINT_SHODAN_API_KEY", false));
        assertThat(collector().spec().accepts()).containsExactlyInAnyOrder(TargetKind.IP, TargetKind.DOMAIN);
    }

    @Test
    void anIpWithAKeyIsLookedUpOnShodanWithTheKeyAsQueryParameter() throws Exception {
        stubGet("/shodan/host/" + IP, 200, "host.json");
        TestScanContext context = keyedScanOf(IP).build();

        CollectorOutput output = collector().collect(context);

        assertThat(output.success()).isTrue();
        assertThat(output.metadata()).containsEntry("source", "shodan");
        assertThat(output.data()).containsEntry("ip", IP).containsEntry("ports", List.of(22, 80, 443));
        assertThat(output.entities()).filteredOn(e -> e.kind() == EntityKind.PORT).extracting(Entity::value)
                .containsExactly(IP + ":22", IP + ":80", IP + ":443");
        assertThat(output.entities()).filteredOn(e -> e.kind() == EntityKind.VULNERABILITY).extracting(Entity::value)
                .containsExactly("CVE-2021-23017", "CVE-2023-44487");
        upstream.verify(1, getRequestedFor(urlPathEqualTo("/shodan/host/" + IP)).withQueryParam("key", equalTo(KEY)));
        assertThat(context.throttledKeys).containsExactly("shodan 1 per 1 s");
    }

    @Test
    void theKeyMayComeFromAFile(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("shodan.key"), KEY + "\n");
        stubGet("/shodan/host/" + IP, 200, "host.json");

        CollectorOutput output = scanOf(IP).setting("OSINT_SHODAN_API_KEY_FILE", keyFile.toString()).run();

        assertThat(output.metadata()).containsEntry("source", "shodan");
        upstream.verify(getRequestedFor(urlPathEqualTo("/shodan/host/" + IP)).withQueryParam("key", equalTo(KEY)));
    }

    @Test
    void anIpShodanHasNotSeenIsASuccessfulScanWithNothingFound() throws Exception {
        stubGet("/shodan/host/" + IP, 404, "host-not-found.json");

        CollectorOutput output = keyedScanOf(IP).run();

        assertThat(output.success()).isFalse();
        assertThat(output.entities()).isEmpty();
        assertThat(output.metadata()).containsEntry("reason", "Shodan has no information about " + IP);
    }

    @Test
    void withoutAKeyAnIpGoesToInternetDbAndTheResultSaysSo() throws Exception {
        stubGet("/" + IP, 200, "internetdb-host.json");

        CollectorOutput output = scanOf(IP).run();

        assertThat(output.success()).isTrue();
        assertThat(output.metadata()).containsEntry("source", "internetdb")
                .containsEntry("note", ShodanCollector.KEYLESS_NOTE);
        assertThat(output.data()).containsEntry("source", "internetdb").containsEntry("note", ShodanCollector.KEYLESS_NOTE)
                .containsEntry("tags", List.of("cloud"));
        assertThat(output.entities()).extracting(Entity::kind).containsOnly(EntityKind.PORT, EntityKind.VULNERABILITY,
                EntityKind.HOSTNAME);
        upstream.verify(0, getRequestedFor(urlPathEqualTo("/shodan/host/" + IP)));
        upstream.verify(1, getRequestedFor(urlPathEqualTo("/" + IP)).withQueryParam("key", absent()));
    }

    @Test
    void anIpInternetDbKnowsNothingAboutIsNotFound() throws Exception {
        stubGet("/" + IP, 404, "internetdb-not-found.json");

        CollectorOutput output = scanOf(IP).run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata()).containsEntry("reason", "Shodan InternetDB has no information about " + IP)
                .containsEntry("source", "internetdb");
    }

    @Test
    void aDomainGivesItsSubdomainsAsFullNames() throws Exception {
        stubGet("/dns/domain/example.net", 200, "domain.json");

        CollectorOutput output = keyedScanOf("example.net").run();

        assertThat(output.data()).containsEntry("subdomains",
                List.of("edge-1.example.net", "mail.example.net", "www.example.net"));
        assertThat(output.entities()).filteredOn(e -> e.kind() == EntityKind.SUBDOMAIN).hasSize(3);
        upstream.verify(getRequestedFor(urlPathEqualTo("/dns/domain/example.net")).withQueryParam("key", equalTo(KEY)));
    }

    @Test
    void anInternetDbServerErrorIsRetriedWithBackoffToo() {
        stub(get(urlPathEqualTo("/" + IP)).willReturn(aResponse().withStatus(503).withBody("upstream unavailable")));

        Throwable thrown = catchThrowable(() -> scanOf(IP).run());

        assertThat(thrown).isInstanceOf(RetryableCollectorException.class)
                .hasMessage("Shodan InternetDB is unavailable (HTTP 503); it will be tried again with backoff");
        assertThat(((RetryableCollectorException) thrown).retryAfter()).isNull();
    }

    @Test
    void aMalformedBodyIsAFailureNamingShodan() {
        stub(get(urlPathEqualTo("/shodan/host/" + IP)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ip_str\": \"198.51.100.23\", \"ports\": [22")));
        stub(get(urlPathEqualTo("/dns/domain/example.net")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": {\"type\": \"A\"}}")));

        assertThatThrownBy(() -> keyedScanOf(IP).run()).isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageStartingWith("Shodan sent a malformed answer");
        assertThatThrownBy(() -> keyedScanOf("example.net").run()).isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessage("Shodan sent a malformed answer: 'data' is not an array");
    }

    @Test
    void anErrorInsideA200AnswerIsAFailure() {
        stub(get(urlPathEqualTo("/dns/domain/example.net")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"Access denied (403 Forbidden)\"}")));

        assertThatThrownBy(() -> keyedScanOf("example.net").run()).isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessage("Shodan answered with an error: Access denied (403 Forbidden)");
    }

    @Test
    void theKeyIsInNoErrorResultOrLogLine() throws Exception {
        CapturedLogs logs = CapturedLogs.atDebug();
        List<String> texts = new ArrayList<>();
        try {
            // Shodan echoing the request URL, key included, in an error body and in a redirect
            stub(get(urlPathEqualTo("/shodan/host/" + IP)).willReturn(aResponse().withStatus(400)
                    .withBody("{\"error\": \"Invalid IP: /shodan/host/" + IP + "?key=" + KEY + "\"}")));
            stub(get(urlPathEqualTo("/shodan/host/198.51.100.24")).willReturn(aResponse().withStatus(302)
                    .withHeader("Location", "https://api.shodan.io/shodan/host/198.51.100.24?key=" + KEY)));
            stub(get(urlPathEqualTo("/dns/domain/example.net")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\": \"Invalid key " + KEY + "\"}")));
            stub(get(urlPathEqualTo("/dns/domain/example.org")).willReturn(aResponse().withStatus(403)
                    .withBody("key=" + KEY)));
            stubGet("/shodan/host/198.51.100.25", 200, "host.json");
            for (String target : List.of(IP, "198.51.100.24", "example.net", "example.org")) {
                Throwable thrown = catchThrowable(() -> keyedScanOf(target).run());
                assertThat(thrown).as(target).isInstanceOf(CollectorException.class);
                texts.add(thrown.getMessage());
            }
            texts.add(Json.write(keyedScanOf("198.51.100.25").run()));
        } finally {
            logs.close();
        }
        texts.addAll(logs.messages());

        assertThat(texts).noneMatch(text -> text.contains(KEY));
        assertThat(texts.getFirst()).contains("key=****");
        assertThat(logs.messages()).isNotEmpty(); // the requests were logged, with the key masked
    }
}
