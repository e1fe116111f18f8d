package dev.osint.collectors.securitytrails;

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

class SecurityTrailsParserTest {
    private static final String DOMAIN = "example.net";

    static JsonNode fixture(String file) throws IOException {
        try (InputStream in = SecurityTrailsParserTest.class.getResourceAsStream("/upstreams/securitytrails/" + file)) {
            return Json.mapper().readTree(in);
        }
    }

    private static Entity ip(SecurityTrailsParser.Parsed parsed, String value) {
        return parsed.entities().stream().filter(e -> e.kind() == EntityKind.IP && e.value().equals(value))
                .findFirst().orElseThrow();
    }

    private static SecurityTrailsParser.Parsed all() throws IOException {
        return SecurityTrailsParser.parse(DOMAIN, fixture("domain.json"), fixture("subdomains.json"),
                List.of(fixture("history-a.json")));
    }

    @Test
    void subdomainLabelsBecomeFullNames() throws IOException {
        assertThat(SecurityTrailsParser.subdomains(DOMAIN, fixture("subdomains.json")))
                .containsExactly("api.dev.example.net", "edge-1.example.net", "mail.example.net", "www.example.net");
    }

    @Test
    void currentDnsIsKeptPerRecordType() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> current = (Map<String, Object>) all().data().get("current_dns");

        assertThat(current.get("a")).isEqualTo(List.of(
                Map.of("ip", "198.51.100.23", "organization", "Example Hosting LLC", "count", 4),
                Map.of("ip", "198.51.100.24", "organization", "Example Hosting LLC", "count", 2)));
        assertThat(current.get("aaaa")).isEqualTo(List.of(
                Map.of("ip", "2001:db8::23", "organization", "Example Hosting LLC", "count", 1)));
        assertThat(current.get("mx")).isEqualTo(List.of(
                Map.of("hostname", "mail.example.net", "priority", 10, "organization", "Example Hosting LLC")));
        assertThat(current.get("ns")).isEqualTo(List.of("ns1.example-dns.com", "ns2.example-dns.com"));
        assertThat(current.get("txt")).isEqualTo(List.of("v=spf1 ip4:198.51.100.0/24 -all"));
    }

    @Test
    void everyAddressCurrentOrPastIsOneIpEntityWithWhenItWasSeen() throws IOException {
        SecurityTrailsParser.Parsed parsed = all();

        assertThat(parsed.entities()).filteredOn(e -> e.kind() == EntityKind.IP).extracting(Entity::value)
                .containsExactly("198.51.100.23", "198.51.100.24", "2001:db8::23", "203.0.113.80", "192.0.2.44");
        // current now, and already served from 2019 to 2021: the earliest day counts, no last day yet
        assertThat(ip(parsed, "198.51.100.23").attributes()).containsEntry("current", true)
                .containsEntry("first_seen", "2019-03-12").doesNotContainKey("last_seen")
                .containsEntry("organizations", List.of("Example Colo", "Example Hosting LLC"));
        assertThat(ip(parsed, "203.0.113.80").attributes()).containsEntry("current", false)
                .containsEntry("first_seen", "2021-04-18").containsEntry("last_seen", "2023-11-01")
                .containsEntry("organizations", List.of("Example Cloud Ltd"));
        assertThat(ip(parsed, "2001:db8::23").attributes()).containsEntry("record_type", "AAAA")
                .containsEntry("first_seen", "2024-01-15");
        assertThat(parsed.entities()).filteredOn(e -> e.kind() == EntityKind.SUBDOMAIN).hasSize(4);
        assertThat(parsed.entities()).filteredOn(e -> e.kind() == EntityKind.NAMESERVER || e.kind() == EntityKind.MAIL_SERVER)
                .extracting(Entity::kind, Entity::value).containsExactly(
                        tuple(EntityKind.MAIL_SERVER, "mail.example.net"),
                        tuple(EntityKind.NAMESERVER, "ns1.example-dns.com"),
                        tuple(EntityKind.NAMESERVER, "ns2.example-dns.com"));
    }

    @Test
    void theHistoryKeepsEachRecordsAddressesAndDays() throws IOException {
        SecurityTrailsParser.Parsed parsed = all();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) parsed.data().get("a_history");
        assertThat(history).extracting(h -> h.get("ips"), h -> h.get("first_seen"), h -> h.get("last_seen")).containsExactly(
                tuple(List.of("198.51.100.23", "198.51.100.24"), "2023-11-02", null),
                tuple(List.of("203.0.113.80"), "2021-04-18", "2023-11-01"),
                tuple(List.of("192.0.2.44", "198.51.100.23"), "2019-03-12", "2021-04-17"));
        assertThat(parsed.data()).containsEntry("a_history_pages", 1).containsEntry("a_history_pages_read", 1)
                .containsEntry("subdomain_count", 4);
    }

    @Test
    void withoutSubdomainsOrHistoryTheCurrentDnsStillComesOut() throws IOException {
        SecurityTrailsParser.Parsed parsed = SecurityTrailsParser.parse(DOMAIN, fixture("domain.json"), null, List.of());

        assertThat(parsed.data()).containsEntry("subdomains", List.of()).containsEntry("a_history", List.of());
        assertThat(ip(parsed, "198.51.100.24").attributes()).containsEntry("first_seen", "2023-11-02");
    }

    @Test
    void anAnswerOfTheWrongShapeIsAMalformedAnswerFromSecurityTrails() {
        assertThatThrownBy(() -> SecurityTrailsParser.parse(DOMAIN, Json.mapper().readTree("{\"hostname\": \"x\"}"),
                null, List.of()))
                .isInstanceOf(CollectorException.class)
                .hasMessage("SecurityTrails sent a malformed answer: 'current_dns' is missing or not an object");
        assertThatThrownBy(() -> SecurityTrailsParser.subdomains(DOMAIN, Json.mapper().readTree("{\"subdomains\": [1]}")))
                .hasMessage("SecurityTrails sent a malformed answer: 'subdomains' holds something other than names");
    }
}
