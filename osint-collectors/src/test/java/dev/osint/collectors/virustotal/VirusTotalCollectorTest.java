package dev.osint.collectors.virustotal;

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
import dev.osint.core.RateLimit;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.SecretSpec;
import dev.osint.core.TargetKind;
import dev.osint.core.testing.TestScanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VirusTotalCollectorTest extends KeyedUpstreamContract {
    private static final String KEY = "vt-k3y-5ecret-0123456789abcdef";
    private static final String DOMAIN = "malicious.example";

    @Override
    protected Collector collector() {
        return new VirusTotalCollector();
    }

    @Override
    protected String upstreamPrefix() {
        return "VIRUSTOTAL";
    }

    @Override
    protected String displayName() {
        return "VirusTotal";
    }

    @Override
    protected String target() {
        return DOMAIN;
    }

    @Override
    protected String firstPath() {
        return "/domains/" + DOMAIN;
    }

    @Override
    protected Answer rateLimitAnswer() {
        return new Answer(429, "quota-exceeded.json");
    }

    @Override
    protected Answer serverErrorAnswer() {
        return new Answer(503, "transient.json");
    }

    @Override
    protected String key() {
        return KEY;
    }

    @Override
    protected Answer refusedKeyAnswer() {
        return new Answer(401, "wrong-credentials.json");
    }

    @Override
    protected String missingKeyAdvice() {
        return "(or OSINT_VIRUSTOTAL_API_KEY_FILE)";
    }

    private TestScanContext.Builder scanOf(String target) {
        return aScan().target(target).setting("OSINT_VIRUSTOTAL_API_KEY", KEY);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(CollectorOutput output) {
        return (Map<String, Object>) output.data().get("summary");
    }

    @Test
    void isRegisteredWithThePublicApisRateLimitAndItsRequiredKey() {
        assertThat(CollectorRegistry.load().get("virustotal")).get().isInstanceOf(VirusTotalCollector.class);
        assertThat(collector().spec().upstreams()).singleElement()
                .satisfies(u -> assertThat(u.rateLimit()).isEqualTo(RateLimit.perMinute(4)))
                .satisfies(u -> assertThat(u.keySetting()).isEqualTo("OSINT_VIRUSTOTAL_API_KEY"));
        assertThat(collector().spec().secrets()).extracting(SecretSpec::name, SecretSpec::required)
                .containsExactly(tuple("OSINT_VIRUSTOTAL_API_KEY", true));
        assertThat(collector().spec().accepts()).containsExactlyInAnyOrder(TargetKind.DOMAIN, TargetKind.IP,
                TargetKind.URL, TargetKind.HASH);
    }

    @Test
    void aDomainIsLookedUpWithTheKeyInTheHeaderAfterOneRateLimitPermit() throws Exception {
        stubGet("/domains/" + DOMAIN, 200, "domain-report.json");
        TestScanContext context = scanOf(DOMAIN).build();

        CollectorOutput output = collector().collect(context);

        assertThat(output.success()).isTrue();
        assertThat(summary(output)).containsEntry("verdict", "malicious").containsEntry("malicious", 4)
                .containsEntry("suspicious", 1).containsEntry("harmless", 58).containsEntry("undetected", 29);
        assertThat(output.data()).containsEntry("reputation", -27).containsKey("categories");
        assertThat(output.entities()).extracting(Entity::kind, Entity::value)
                .containsExactly(tuple(EntityKind.DOMAIN, DOMAIN));
        assertThat(output.metadata()).containsEntry("endpoint", "/domains/{id}");
        upstream.verify(1, getRequestedFor(urlPathEqualTo("/domains/" + DOMAIN)).withHeader("x-apikey", equalTo(KEY)));
        assertThat(context.throttledKeys).containsExactly("virustotal 4 per 60 s");
    }

    @Test
    void anIpIsLookedUpAsAnIpAddressObject() throws Exception {
        stubGet("/ip_addresses/198.51.100.23", 200, "ip-report.json");

        CollectorOutput output = scanOf("198.51.100.23").run();

        assertThat(summary(output)).containsEntry("verdict", "suspicious");
        assertThat(output.entities()).extracting(Entity::kind).containsExactly(EntityKind.IP);
    }

    @Test
    void aUrlIsLookedUpByItsUnpaddedBase64urlId() throws Exception {
        stubGet("/urls/aHR0cDovL21hbGljaW91cy5leGFtcGxlL2E_Yj1-fn4", 200, "url-report.json");

        CollectorOutput output = scanOf("http://malicious.example/a?b=~~~").run();

        assertThat(output.data()).containsEntry("url", "http://malicious.example/a?b=~~~")
                .containsEntry("title", "Sign in to your account");
        assertThat(output.entities()).extracting(Entity::kind, Entity::value, e -> e.attributes().get("verdict"))
                .containsExactly(tuple(EntityKind.URL, "http://malicious.example/a?b=~~~", "malicious"));
        assertThat(output.metadata()).containsEntry("endpoint", "/urls/{id}");
    }

    @Test
    void aFileHashGivesTheFilesNamesAndAllItsHashes() throws Exception {
        stubGet("/files/44d88612fea8a8f36de82e1278abb02f", 200, "file-report.json");

        CollectorOutput output = scanOf("44D88612FEA8A8F36DE82E1278ABB02F").run();

        assertThat(output.data()).containsEntry("meaningful_name", "eicar.com");
        assertThat(output.entities()).extracting(Entity::kind).containsOnly(EntityKind.HASH);
        assertThat(output.entities()).extracting(Entity::value).contains("44d88612fea8a8f36de82e1278abb02f",
                "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f");
    }

    @Test
    void somethingVirusTotalDoesNotKnowIsNotFound() throws Exception {
        stubGet("/domains/unknown.example", 404, "not-found.json");

        CollectorOutput output = scanOf("unknown.example").run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata()).containsEntry("reason",
                "VirusTotal does not know domain unknown.example (NotFoundError)");
    }

    @Test
    void aMalformedBodyIsAFailureNamingVirusTotal() {
        stub(get(urlPathEqualTo("/domains/" + DOMAIN)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": {\"attributes\": {")));
        stub(get(urlPathEqualTo("/ip_addresses/198.51.100.23")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": \"198.51.100.23\"}")));

        assertThatThrownBy(() -> scanOf(DOMAIN).run()).isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageStartingWith("VirusTotal sent a malformed answer");
        assertThatThrownBy(() -> scanOf("198.51.100.23").run()).isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageStartingWith("VirusTotal sent a malformed answer");
    }

    @Test
    void theKeyIsInNoErrorResultOrLogLine() throws Exception {
        CapturedLogs logs = CapturedLogs.atDebug();
        List<String> texts = new ArrayList<>();
        try {
            stub(get(urlPathEqualTo("/domains/" + DOMAIN)).willReturn(aResponse().withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\": {\"code\": \"BadRequestError\", \"message\": \"bad x-apikey " + KEY + "\"}}")));
            stub(get(urlPathEqualTo("/domains/other.example")).willReturn(aResponse().withStatus(403)
                    .withBody("{\"error\": {\"code\": \"ForbiddenError\", \"message\": \"" + KEY + "\"}}")));
            stubGet("/domains/known.example", 200, "domain-report.json");
            for (String target : List.of(DOMAIN, "other.example")) {
                Throwable thrown = catchThrowable(() -> scanOf(target).run());
                assertThat(thrown).as(target).isInstanceOf(CollectorException.class);
                texts.add(thrown.getMessage());
            }
            texts.add(Json.write(scanOf("known.example").run()));
        } finally {
            logs.close();
        }
        texts.addAll(logs.messages());

        assertThat(texts).noneMatch(text -> text.contains(KEY));
        assertThat(texts.getFirst()).contains("bad x-apikey ****");
        assertThat(logs.messages()).isNotEmpty();
    }
}
