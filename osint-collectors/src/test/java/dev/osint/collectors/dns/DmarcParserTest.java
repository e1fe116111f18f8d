package dev.osint.collectors.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records from RFC 7489 appendix B.2 and from published {@code _dmarc} TXT records. */
class DmarcParserTest {
    @Test
    void fillsInTheRfcDefaults() {
        // RFC 7489 B.2.1
        Map<String, Object> dmarc = DmarcParser.parse("v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com")
                .orElseThrow();

        assertThat(dmarc).containsEntry("policy", "none").containsEntry("subdomain_policy", "none")
                .containsEntry("pct", 100).containsEntry("rua", List.of("mailto:dmarc-feedback@example.com"))
                .containsEntry("ruf", List.of()).containsEntry("adkim", "relaxed").containsEntry("aspf", "relaxed")
                .containsEntry("fo", List.of("0")).containsEntry("problems", List.of());
    }

    @Test
    void readsEveryTag() {
        // RFC 7489 B.2.4, with the size limit syntax of §6.2 on one address
        Map<String, Object> dmarc = DmarcParser.parse("v=DMARC1; p=quarantine; sp=reject; "
                + "rua=mailto:dmarc-feedback@example.com,mailto:tld-test@thirdparty.example.net!10m; "
                + "ruf=mailto:auth-reports@thirdparty.example.net; pct=25; adkim=s; aspf=s; fo=1:d").orElseThrow();

        assertThat(dmarc).containsEntry("policy", "quarantine").containsEntry("subdomain_policy", "reject")
                .containsEntry("pct", 25).containsEntry("adkim", "strict").containsEntry("aspf", "strict")
                .containsEntry("fo", List.of("1", "d"))
                .containsEntry("rua", List.of("mailto:dmarc-feedback@example.com",
                        "mailto:tld-test@thirdparty.example.net"))
                .containsEntry("ruf", List.of("mailto:auth-reports@thirdparty.example.net"));
    }

    @Test
    void toleratesSpacingAndCase() {
        Map<String, Object> dmarc = DmarcParser.parse("v=DMARC1;p=REJECT; rua=mailto:mailauth-reports@google.com")
                .orElseThrow();

        assertThat(dmarc).containsEntry("policy", "reject");
    }

    @Test
    void reportsAMissingPolicyAndABadPercentage() {
        Map<String, Object> dmarc = DmarcParser.parse("v=DMARC1; pct=150; rua=mailto:a@example.com").orElseThrow();

        assertThat(dmarc.get("policy")).isNull();
        assertThat(dmarc.get("problems")).asList().containsExactly(
                "no p= tag: the record does not say what to do with failing mail",
                "pct=150 is not a whole number from 0 to 100");
    }

    @Test
    void recognisesOnlyDmarcRecords() {
        assertThat(DmarcParser.parse("v=spf1 -all")).isEmpty();
        assertThat(DmarcParser.parse("v=DMARC2; p=none")).isEmpty();
    }
}
