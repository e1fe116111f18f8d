package dev.osint.collectors.shodan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.CollectorException;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShodanParserTest {
    static JsonNode fixture(String file) throws IOException {
        try (InputStream in = ShodanParserTest.class.getResourceAsStream("/upstreams/shodan/" + file)) {
            return Json.mapper().readTree(in);
        }
    }

    private static List<Entity> ofKind(List<Entity> entities, EntityKind kind) {
        return entities.stream().filter(e -> e.kind() == kind).toList();
    }

    @Test
    void aHostBecomesItsServicesPortsAndCves() throws IOException {
        ShodanParser.Parsed parsed = ShodanParser.host(fixture("host.json"));

        assertThat(parsed.data()).containsEntry("ip", "198.51.100.23")
                .containsEntry("org", "Example Hosting")
                .containsEntry("asn", "AS64500")
                .containsEntry("ports", List.of(22, 80, 443))
                .containsEntry("vulns", List.of("CVE-2021-23017", "CVE-2023-44487"))
                .containsEntry("hostnames", List.of("edge-1.example.net"))
                .doesNotContainKey("os"); // null upstream: left out rather than shown as null
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> services = (List<Map<String, Object>>) parsed.data().get("services");
        assertThat(services).extracting(s -> s.get("port"), s -> s.get("module"), s -> s.get("product"),
                        s -> s.get("version"), s -> s.get("vulns"))
                .containsExactly(
                        tuple(22, "ssh", "OpenSSH", "8.9p1 Ubuntu-3ubuntu0.6", List.of()),
                        tuple(80, "http", "nginx", "1.18.0", List.of("CVE-2021-23017")),
                        tuple(443, "https", "nginx", "1.18.0", List.of("CVE-2021-23017", "CVE-2023-44487")));

        assertThat(ofKind(parsed.entities(), EntityKind.PORT)).extracting(Entity::value)
                .containsExactly("198.51.100.23:22", "198.51.100.23:80", "198.51.100.23:443");
        assertThat(ofKind(parsed.entities(), EntityKind.PORT).getFirst().attributes())
                .containsEntry("transport", "tcp").containsEntry("product", "OpenSSH").containsEntry("port", 22);
        Entity cve = ofKind(parsed.entities(), EntityKind.VULNERABILITY).getFirst();
        assertThat(cve.value()).isEqualTo("CVE-2021-23017");
        assertThat(cve.attributes()).containsEntry("cvss", 7.7).containsEntry("verified", false)
                .containsEntry("ports", List.of(80, 443)).containsEntry("ip", "198.51.100.23");
        assertThat(ofKind(parsed.entities(), EntityKind.VULNERABILITY)).extracting(Entity::value)
                .containsExactly("CVE-2021-23017", "CVE-2023-44487");
        assertThat(ofKind(parsed.entities(), EntityKind.HOSTNAME)).extracting(Entity::value)
                .containsExactly("edge-1.example.net");
        assertThat(parsed.entities()).allSatisfy(e -> assertThat(e.source()).isEqualTo("shodan"));
    }

    @Test
    void aPortListedWithoutABannerStillBecomesAnEntity() throws IOException {
        JsonNode body = Json.mapper().readTree("{\"ip_str\": \"198.51.100.7\", \"ports\": [8443], \"data\": []}");

        assertThat(ShodanParser.host(body).entities()).extracting(Entity::kind, Entity::value)
                .containsExactly(tuple(EntityKind.PORT, "198.51.100.7:8443"));
    }

    @Test
    void internetDbGivesPortsCvesAndHostnamesWithoutBanners() throws IOException {
        ShodanParser.Parsed parsed = ShodanParser.internetDb(fixture("internetdb-host.json"));

        assertThat(parsed.data()).containsEntry("source", "internetdb")
                .containsEntry("ports", List.of(22, 80, 443))
                .containsEntry("cpes", List.of("cpe:/a:f5:nginx:1.18.0", "cpe:/a:openbsd:openssh:8.9p1",
                        "cpe:/o:canonical:ubuntu_linux"))
                .containsEntry("tags", List.of("cloud"));
        assertThat(parsed.entities()).extracting(Entity::kind, Entity::value).containsExactly(
                tuple(EntityKind.PORT, "198.51.100.23:22"),
                tuple(EntityKind.PORT, "198.51.100.23:80"),
                tuple(EntityKind.PORT, "198.51.100.23:443"),
                tuple(EntityKind.VULNERABILITY, "CVE-2021-23017"),
                tuple(EntityKind.VULNERABILITY, "CVE-2023-44487"),
                tuple(EntityKind.HOSTNAME, "edge-1.example.net"));
    }

    @Test
    void aDomainsLabelsBecomeFullNamesAndItsAddressesIps() throws IOException {
        ShodanParser.Parsed parsed = ShodanParser.domain(fixture("domain.json"), "example.net");

        assertThat(parsed.data()).containsEntry("subdomains",
                List.of("edge-1.example.net", "mail.example.net", "www.example.net"));
        assertThat(ofKind(parsed.entities(), EntityKind.SUBDOMAIN)).extracting(Entity::value)
                .containsExactly("edge-1.example.net", "mail.example.net", "www.example.net");
        assertThat(ofKind(parsed.entities(), EntityKind.IP)).extracting(Entity::value, e -> e.attributes().get("hostname"))
                .containsExactly(tuple("198.51.100.23", "example.net"), tuple("2001:db8::23", "edge-1.example.net"),
                        tuple("198.51.100.25", "mail.example.net"));
        assertThat(ofKind(parsed.entities(), EntityKind.PORT)).extracting(Entity::value)
                .containsExactly("198.51.100.23:80", "198.51.100.23:443", "198.51.100.23:22", "198.51.100.25:25");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = (List<Map<String, Object>>) parsed.data().get("records");
        assertThat(records).extracting(r -> r.get("name"), r -> r.get("type"), r -> r.get("value")).contains(
                tuple("www.example.net", "CNAME", "edge-1.example.net"),
                tuple("example.net", "MX", "mail.example.net"));
    }

    @Test
    void anIpv6EndpointIsBracketed() {
        assertThat(ShodanParser.endpoint("2001:db8::23", 443)).isEqualTo("[2001:db8::23]:443");
    }

    @Test
    void anAnswerOfTheWrongShapeIsAMalformedAnswerFromShodan() throws IOException {
        assertThatThrownBy(() -> ShodanParser.host(Json.mapper().readTree("[1, 2]")))
                .isInstanceOf(CollectorException.class)
                .hasMessage("Shodan sent a malformed answer: expected a JSON object, got array");
        assertThatThrownBy(() -> ShodanParser.host(Json.mapper().readTree("{\"ip_str\": \"198.51.100.7\", \"ports\": \"22\"}")))
                .hasMessage("Shodan sent a malformed answer: 'ports' is not an array");
        assertThatThrownBy(() -> ShodanParser.internetDb(Json.mapper().readTree("{\"ports\": [22]}")))
                .hasMessage("Shodan InternetDB sent a malformed answer: 'ip' is missing or not a string");
    }

    @Test
    void anErrorFieldIsRecognised() throws IOException {
        assertThat(ShodanParser.error(fixture("host-not-found.json"))).contains("No information available for that IP.");
        assertThat(ShodanParser.error(fixture("host.json"))).isEmpty();
    }
}
