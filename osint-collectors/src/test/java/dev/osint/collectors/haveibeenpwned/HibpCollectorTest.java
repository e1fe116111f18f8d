package dev.osint.collectors.haveibeenpwned;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.osint.collectors.testing.KeyedUpstreamContract;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.Json;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.testing.TestScanContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HibpCollectorTest extends KeyedUpstreamContract {
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String PASSWORD_SHA1 = "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8";

    @Override
    protected Collector collector() {
        return new HibpCollector();
    }

    @Override
    protected String upstreamPrefix() {
        return "HIBP";
    }

    @Override
    protected TestScanContext.Builder aScan() {
        return super.aScan().setting("OSINT_PWNEDPASSWORDS_BASE_URL", upstream.baseUrl());
    }

    @Override
    protected String displayName() {
        return "Have I Been Pwned";
    }

    @Override
    protected String target() {
        return "alice@example.com";
    }

    @Override
    protected String firstPath() {
        return "/breachedaccount/alice%40example.com";
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
        return new Answer(401, "unauthorised.json");
    }

    @Override
    protected String missingKeyAdvice() {
        return "https://haveibeenpwned.com/API/Key";
    }

    private TestScanContext.Builder withKey() {
        return aScan().setting("OSINT_HIBP_API_KEY", KEY);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> breaches(CollectorOutput output) {
        return (List<Map<String, Object>>) output.data().get("breaches");
    }

    @Test
    void aBreachedAccountListsEachBreachWithItsDateDataClassesAndFlags() throws Exception {
        stub(get(urlPathEqualTo("/breachedaccount/alice%40example.com"))
                .withQueryParam("truncateResponse", equalTo("false")).withHeader("hibp-api-key", equalTo(KEY))
                .willReturn(answerFromFile(200, "breachedaccount.json")));

        CollectorOutput output = withKey().target("alice@example.com").run();

        assertThat(output.success()).isTrue();
        assertThat(output.data().get("breach_count")).isEqualTo(2);
        assertThat(breaches(output).getFirst()).containsEntry("name", "Adobe").containsEntry("domain", "adobe.com")
                .containsEntry("breach_date", "2013-10-04").containsEntry("pwn_count", 152445165L)
                .containsEntry("is_verified", true).containsEntry("is_sensitive", false)
                .containsEntry("data_classes", List.of("Email addresses", "Password hints", "Passwords", "Usernames"));
        assertThat(output.entities()).extracting(Entity::kind, Entity::value, e -> e.attributes().get("date"))
                .containsExactly(tuple(EntityKind.BREACH, "Adobe", "2013-10-04"),
                        tuple(EntityKind.BREACH, "Gawker", "2010-12-11"));
        LoggedRequest request = upstream.findAll(anyRequestedFor(anyUrl())).getFirst();
        assertThat(request.getHeader("User-Agent")).isNotBlank();
    }

    @Test
    void anAccountInNoBreachIsASuccessfulNotPwned() throws Exception {
        stub(get(urlPathEqualTo("/breachedaccount/bob%40example.com")).willReturn(aResponse().withStatus(404)));

        CollectorOutput output = withKey().target("bob@example.com").run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata().get("reason").toString()).startsWith("not pwned");
        assertThat(output.data().get("breach_count")).isEqualTo(0);
    }

    @Test
    void aServerErrorOfTheKeylessBreachListIsRetriedToo() {
        stub(get(urlPathEqualTo("/breaches")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> aScan().target("adobe.com").run()).isInstanceOf(RetryableCollectorException.class);
    }

    @Test
    void aDomainsBreachesNeedNoKey() throws Exception {
        stub(get(urlPathEqualTo("/breaches")).withQueryParam("domain", equalTo("adobe.com"))
                .willReturn(answerFromFile(200, "breaches-adobe-domain.json")));

        CollectorOutput output = aScan().target("adobe.com").run();

        assertThat(breaches(output)).extracting(b -> b.get("name")).containsExactly("Adobe");
        assertThat(upstream.findAll(anyRequestedFor(anyUrl())).getFirst().containsHeader("hibp-api-key")).isFalse();
    }

    @Test
    void aDomainWithoutBreachesIsNotFound() throws Exception {
        stubGet("/breaches", 200, "breaches-none.json");

        CollectorOutput output = aScan().target("example.org").run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata().get("reason")).isEqualTo("HIBP knows no breach of example.org");
    }

    @Test
    void allBreachesOrOneByName() throws Exception {
        stub(get(urlPathEqualTo("/breaches")).withQueryParam("domain", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(answerFromFile(200, "breaches-all.json")));
        stubGet("/breach/Adobe", 200, "breach-adobe.json");

        assertThat(breaches(aScan().target("example.org").option("all_breaches", true).run()))
                .extracting(b -> b.get("name")).containsExactly("Adobe", "Gawker");
        assertThat(breaches(aScan().target("example.org").option("breach", "Adobe").run()))
                .extracting(b -> b.get("title")).containsExactly("Adobe");
    }

    @Test
    void aPwnedPasswordHashSendsOnlyItsFirstFiveHexDigits() throws Exception {
        stubGet("/range/5BAA6", 200, "range-5BAA6.txt");

        CollectorOutput output = aScan().target(PASSWORD_SHA1).run();

        assertThat(output.success()).isTrue();
        assertThat(output.data()).containsEntry("pwned", true).containsEntry("count", 10434004L);
        List<LoggedRequest> requests = upstream.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).extracting(LoggedRequest::getUrl).containsExactly("/range/5BAA6");
        assertThat(requests.getFirst().getHeader("Add-Padding")).isEqualTo("true");
        String everythingSent = requests.getFirst().getUrl() + requests.getFirst().getHeaders() + requests.getFirst().getBodyAsString();
        assertThat(everythingSent.toLowerCase()).doesNotContain(PASSWORD_SHA1.substring(5));
        assertThat(Json.write(output)).doesNotContain(PASSWORD_SHA1.substring(5).toUpperCase());
    }

    @Test
    void aHashFoundOnlyAsPaddingIsNotPwned() throws Exception {
        stubGet("/range/7C4A8", 200, "range-7C4A8-padding.txt");

        CollectorOutput output = aScan().target("7c4a8d09ca3762af61e59520943dc26494f8941b").run();

        assertThat(output.success()).isFalse();
        assertThat(output.data()).containsEntry("pwned", false).containsEntry("count", 0L);
        assertThat(output.metadata().get("reason").toString()).startsWith("not pwned");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5f4dcc3b5aa765d61d8327deb882cf99",
            "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"})
    void otherHashLengthsAreRefusedWithoutARequest(String hash) {
        assertThatThrownBy(() -> aScan().target(hash).run())
                .isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("SHA-1 of a password (40 hex digits)")
                .hasMessageContaining(hash.length() + " hex digits");
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void aMalformedBreachListIsAFinalError() {
        stub(get(urlPathEqualTo("/breaches")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[{\"Name\": \"Adobe\",")));

        assertThatThrownBy(() -> aScan().target("adobe.com").run())
                .isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class).hasMessageContaining("malformed");
    }

    @Test
    void theKeyCanComeFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("hibp-key"), KEY + "\n");
        stub(get(urlPathEqualTo("/breachedaccount/alice%40example.com")).withHeader("hibp-api-key", equalTo(KEY))
                .willReturn(answerFromFile(200, "breachedaccount.json")));

        CollectorOutput output = aScan().setting("OSINT_HIBP_API_KEY_FILE", file.toString())
                .target("alice@example.com").run();

        assertThat(output.success()).isTrue();
        assertThat(upstream.findAll(getRequestedFor(anyUrl()))).hasSize(1);
    }
}
