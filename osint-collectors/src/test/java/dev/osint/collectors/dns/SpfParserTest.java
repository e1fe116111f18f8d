package dev.osint.collectors.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records from RFC 7208 (§A, §6, §8) and from large mail senders' published TXT records. */
class SpfParserTest {
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> mechanisms(Map<String, Object> spf) {
        return (List<Map<String, Object>>) spf.get("mechanisms");
    }

    @Test
    void readsQualifiersAndMechanismsOfAnRfcExample() {
        // RFC 7208 appendix A.1
        Map<String, Object> spf = SpfParser.parse("v=spf1 +mx a:colo.example.com/28 -all").orElseThrow();

        assertThat(mechanisms(spf)).extracting(m -> m.get("qualifier"), m -> m.get("result"),
                        m -> m.get("mechanism"), m -> m.get("value"))
                .containsExactly(tuple("+", "pass", "mx", ""), tuple("+", "pass", "a", "colo.example.com/28"),
                        tuple("-", "fail", "all", ""));
        assertThat(spf).containsEntry("all", "fail").containsEntry("dns_lookups", 2)
                .containsEntry("problems", List.of());
    }

    @Test
    void collectsIncludesAndAddressRanges() {
        Map<String, Object> spf = SpfParser.parse(
                "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 ip6:2001:db8::/32 include:_spf.google.com ~all")
                .orElseThrow();

        assertThat(spf.get("ip4")).isEqualTo(List.of("192.0.2.0/24", "198.51.100.7"));
        assertThat(spf.get("ip6")).isEqualTo(List.of("2001:db8::/32"));
        assertThat(spf.get("includes")).isEqualTo(List.of("_spf.google.com"));
        assertThat(spf).containsEntry("all", "softfail");
    }

    @Test
    void readsRedirectAndExpModifiers() {
        Map<String, Object> redirect = SpfParser.parse("v=spf1 redirect=_spf.example.com").orElseThrow();
        Map<String, Object> exp = SpfParser.parse("v=spf1 mx -all exp=explain._spf.%{d}").orElseThrow();

        assertThat(redirect).containsEntry("redirect", "_spf.example.com").containsEntry("all", null)
                .containsEntry("dns_lookups", 1);
        assertThat(exp.get("modifiers")).isEqualTo(Map.of("exp", "explain._spf.%{d}"));
        assertThat(mechanisms(exp)).extracting(m -> m.get("mechanism")).containsExactly("mx", "all");
    }

    @Test
    void neutralAndMacroMechanismsAreKept() {
        Map<String, Object> spf = SpfParser.parse("v=spf1 exists:%{i}._spf.example.org ?all").orElseThrow();

        assertThat(mechanisms(spf)).extracting(m -> m.get("mechanism"), m -> m.get("value"))
                .containsExactly(tuple("exists", "%{i}._spf.example.org"), tuple("all", ""));
        assertThat(spf).containsEntry("all", "neutral");
    }

    @Test
    void flagsUnknownTermsAndTooManyLookups() {
        Map<String, Object> spf = SpfParser.parse("v=spf1 include:a.example include:b.example include:c.example "
                + "include:d.example include:e.example include:f.example a mx ptr exists:x.example "
                + "include:g.example foo:bar -all").orElseThrow();

        assertThat(spf.get("dns_lookups")).isEqualTo(11);
        assertThat(spf.get("problems")).asList().containsExactly("unknown term 'foo:bar'",
                "11 terms need a DNS lookup, more than the 10 RFC 7208 allows");
    }

    @Test
    void recognisesOnlySpfVersionOne() {
        assertThat(SpfParser.parse("v=spf10 -all")).isEmpty();
        assertThat(SpfParser.parse("google-site-verification=abc")).isEmpty();
        assertThat(SpfParser.parse("V=SPF1 -all")).isPresent();
    }
}
