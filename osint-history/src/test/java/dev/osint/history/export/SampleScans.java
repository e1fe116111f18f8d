package dev.osint.history.export;

import static dev.osint.history.testing.Scans.aScan;
import static dev.osint.history.testing.Scans.entity;

import dev.osint.core.EntityKind;
import dev.osint.history.HistoryRecord;
import java.util.List;
import java.util.Map;

/** Scans shaped like the collectors' own results, hostile strings included, for the export tests. */
final class SampleScans {
    private SampleScans() {}

    static List<HistoryRecord> all() {
        return List.of(
                aScan("dns", "example.com").id("dns-1").at("2026-11-01T10:00:00Z")
                        .data("dns_records", List.of(Map.of("type", "A", "name", "www.example.com",
                                "value", "192.0.2.1", "ttl", 300)))
                        .with(entity(EntityKind.IP, "192.0.2.1", Map.of("record_type", "A", "name", "www.example.com")),
                                entity(EntityKind.IP, "2001:db8::1", Map.of("record_type", "AAAA",
                                        "name", "example.com")),
                                entity(EntityKind.MAIL_SERVER, "mail.example.com", Map.of("record_type", "MX")),
                                entity(EntityKind.NAMESERVER, "ns1.example.com", Map.of()),
                                entity(EntityKind.SUBDOMAIN, "www.example.com", Map.of("ips", List.of("192.0.2.1"))))
                        .build(),
                aScan("shodan", "192.0.2.1").kind("ip").id("shodan-1").at("2026-11-02T10:00:00Z")
                        .with(entity(EntityKind.IP, "192.0.2.1", Map.of("asn", "AS64500", "org", "Example Net")),
                                entity(EntityKind.PORT, "192.0.2.1:443", Map.of("ip", "192.0.2.1", "port", 443,
                                        "transport", "tcp")),
                                entity(EntityKind.VULNERABILITY, "CVE-2021-44228", Map.of("ip", "192.0.2.1")),
                                entity(EntityKind.HOSTNAME, "www.example.com", Map.of("ip", "192.0.2.1")),
                                entity(EntityKind.TECHNOLOGY, "nginx", Map.of()))
                        .build(),
                aScan("username", "jdoe").kind("username").id("username-1").at("2026-11-03T10:00:00Z")
                        .with(entity(EntityKind.ACCOUNT, "https://github.com/jdoe", Map.of("site", "GitHub",
                                        "username", "jdoe")),
                                entity(EntityKind.ACCOUNT, "https://example.social/@jdoe", Map.of()),
                                entity(EntityKind.URL, "https://jdoe.example.org/", Map.of()),
                                entity(EntityKind.URL, "not a url", Map.of()),
                                entity(EntityKind.EMAIL, "jdoe@example.org", Map.of()),
                                entity(EntityKind.PERSON, "=HYPERLINK(\"http://evil.example\",\"Jane, \"\"Doe\"\"\")",
                                        Map.of()),
                                entity(EntityKind.LOCATION, "Lisbon", Map.of("country", "pt")),
                                entity(EntityKind.LOCATION, "somewhere\u0001odd", Map.of()))
                        .build(),
                aScan("whois", "example.com").id("whois-1").at("2026-11-04T10:00:00Z")
                        .with(entity(EntityKind.ORGANIZATION, "Example Inc.", Map.of("country", "US")),
                                entity(EntityKind.EMAIL, "abuse@example.com", Map.of()),
                                entity(EntityKind.NETBLOCK, "192.0.2.0/24", Map.of("name", "EXAMPLE-NET")),
                                entity(EntityKind.NETBLOCK, "192.0.2.0 - 192.0.2.255", Map.of()),
                                entity(EntityKind.NAMESERVER, "NS1.EXAMPLE.COM", Map.of()))
                        .build(),
                aScan("haveibeenpwned", "jdoe@example.org").kind("email").id("hibp-1").at("2026-11-05T10:00:00Z")
                        .with(entity(EntityKind.BREACH, "Adobe", Map.of()),
                                entity(EntityKind.HASH, "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8", Map.of()),
                                entity(EntityKind.CERTIFICATE, "0123456789abcdef", Map.of("issuer", "Example CA")))
                        .build(),
                aScan("dns", "broken.example").id("failed-1").at("2026-11-06T10:00:00Z")
                        .failed("CollectorError: SERVFAIL").build());
    }
}
