package dev.osint.collectors.crtsh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.collectors.testing.UpstreamFailuresContract;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.testing.TestScanContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrtshCollectorTest extends UpstreamFailuresContract {
    private static final Clock MAY_2026 = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC);

    @Override
    protected Collector collector() {
        return new CrtshCollector(MAY_2026);
    }

    @Override
    protected String upstreamPrefix() {
        return "CRTSH";
    }

    @Override
    protected String displayName() {
        return "crt.sh";
    }

    @Override
    protected String target() {
        return "example.com";
    }

    @Override
    protected String firstPath() {
        return "/";
    }

    @Override
    protected Answer rateLimitAnswer() {
        return new Answer(429, null);
    }

    @Override
    protected Answer serverErrorAnswer() {
        return new Answer(502, "bad-gateway.html");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> name(CollectorOutput output, String name) {
        return ((List<Map<String, Object>>) output.data().get("names")).stream()
                .filter(n -> n.get("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no summary for " + name + " in " + output.data()));
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(CollectorOutput output) {
        return ((List<Map<String, Object>>) output.data().get("names")).stream()
                .map(n -> (String) n.get("name")).toList();
    }

    @Test
    void asks_crtsh_for_every_name_under_the_domain() throws Exception {
        stubGet("/", 200, "example.com.json");
        TestScanContext context = aScan().target("Example.com").build();

        new CrtshCollector(MAY_2026).collect(context);

        upstream.verify(getRequestedFor(urlPathEqualTo("/"))
                .withQueryParam("q", equalTo("%.example.com"))
                .withQueryParam("output", equalTo("json")));
        assertThat(context.throttledKeys).containsExactly("crtsh 30 per 60 s");
        assertThat(context.fractions()).containsExactly(0.1, 0.8);
    }

    @Test
    void names_are_split_lower_cased_de_duplicated_and_sorted() throws Exception {
        stubGet("/", 200, "example.com.json");

        CollectorOutput output = aScan().target("example.com").run();

        assertThat(output.success()).isTrue();
        assertThat(names(output)).containsExactly("*.dev.example.com", "*.example.com", "api.example.com",
                "dev.example.com", "example.com", "www.example.com");
        assertThat(output.data()).containsEntry("other_names", List.of("example.net"))
                .containsEntry("name_count", 6);
    }

    @Test
    void a_precertificate_and_its_certificate_count_once() throws Exception {
        stubGet("/", 200, "example.com.json");

        CollectorOutput output = aScan().target("example.com").run();

        assertThat(output.data()).containsEntry("certificate_count", 5);
        assertThat(name(output, "example.com")).containsEntry("certificate_count", 1);
    }

    @Test
    void each_name_has_its_first_and_last_certificate_issuers_and_expiry() throws Exception {
        stubGet("/", 200, "example.com.json");

        CollectorOutput output = aScan().target("example.com").run();

        assertThat(name(output, "www.example.com"))
                .containsEntry("certificate_count", 2)
                .containsEntry("first_seen", "2023-06-11T07:02:11Z")
                .containsEntry("last_seen", "2025-01-20T09:15:30Z")
                .containsEntry("valid_until", "2025-04-20T09:15:29Z")
                .containsEntry("expired", true)
                .containsEntry("wildcard", false)
                .containsEntry("issuers", List.of("C=US, O=Let's Encrypt, CN=E6", "C=US, O=Let's Encrypt, CN=R3"));
        assertThat(name(output, "api.example.com")).containsEntry("expired", false)
                .containsEntry("issuers", List.of("C=US, O=DigiCert Inc, CN=DigiCert TLS RSA SHA256 2020 CA1"));
        assertThat(name(output, "*.example.com")).containsEntry("wildcard", true)
                .containsEntry("issuers", List.of("C=US, O=\"CLOUDFLARE, INC.\", CN=Cloudflare TLS Issuing ECC CA 1"));
    }

    @Test
    void every_subdomain_becomes_an_entity_marked_when_a_wildcard_covers_it() throws Exception {
        stubGet("/", 200, "example.com.json");

        CollectorOutput output = aScan().target("example.com").run();

        assertThat(output.entities()).extracting(Entity::kind).containsOnly(EntityKind.SUBDOMAIN);
        assertThat(output.entities()).extracting(Entity::source).containsOnly("crtsh");
        assertThat(output.entities()).extracting(Entity::value, e -> e.attributes().get("wildcard"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("api.example.com", false),
                        org.assertj.core.groups.Tuple.tuple("dev.example.com", true),
                        org.assertj.core.groups.Tuple.tuple("www.example.com", false));
    }

    @Test
    void an_empty_answer_is_no_certificates() throws Exception {
        stubGet("/", 200, "empty.json");

        CollectorOutput output = aScan().target("nothing-here.example").run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata()).containsEntry("reason", "no certificates");
        assertThat(output.data()).containsEntry("certificate_count", 0);
        assertThat(output.entities()).isEmpty();
    }

    @Test
    void expired_certificates_can_be_left_out_by_crtsh() throws Exception {
        stubGet("/", 200, "empty.json");

        aScan().target("example.com").option("include_expired", false).run();

        upstream.verify(getRequestedFor(urlPathEqualTo("/")).withQueryParam("exclude", equalTo("expired")));
    }

    @Test
    void a_truncated_answer_is_malformed() {
        stubGet("/", 200, "truncated.json");

        assertThatThrownBy(() -> aScan().target("example.com").run())
                .isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageStartingWith("crt.sh sent a malformed answer: ");
    }

    @Test
    void an_html_page_instead_of_json_is_malformed() {
        stub(get(urlPathEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody(fixture("bad-gateway.html"))));

        assertThatThrownBy(() -> aScan().target("example.com").run())
                .hasMessageStartingWith("crt.sh sent a malformed answer: ");
    }

    @Test
    void an_object_where_a_list_belongs_is_malformed() {
        stub(get(urlPathEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withBody("{\"issuer_ca_id\": 16418}")));

        assertThatThrownBy(() -> aScan().target("example.com").run())
                .hasMessageStartingWith("crt.sh sent a malformed answer: ");
    }

    @Test
    void it_is_registered_under_its_type() {
        assertThat(CollectorRegistry.load().get("crtsh")).containsInstanceOf(CrtshCollector.class);
    }
}
